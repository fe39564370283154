"""Read ``sources/catalog.yaml`` and check it against the files in ``sources/``.

No Sphinx import: problems are returned as ``Problem`` records (file, line,
message) for the caller to report, so that every problem is listed at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dating import Resolution, read_dates
from .passages import Index, LineRange, split_passages
from .voices import Span, Voice, read_voices
from .yamlfile import check_date, field_lines, new_id, read_list, suggest

REQUIRED = ("id", "file", "sha256", "title", "author", "outlet", "kind", "stance")
KINDS = ("news report", "op-ed", "column", "analysis", "forum thread")
# every field an entry may have (a misspelt one is reported, with the closest known name)
KNOWN = (
    *REQUIRED,
    "date",
    "date_evidence",
    "criticism",
    "reflow",
    "furniture",
    "content_note",
    "voices",
    "dates",
    "dated_by",
)


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str
    source_id: str | None = None  # the entry the problem makes unusable


@dataclass
class Source:
    """One catalogue entry, with its text split into passages."""

    id: str
    path: Path
    line: int  # line of the entry in catalog.yaml
    meta: dict[str, Any]
    text: str = ""
    index: Index | None = field(default=None, repr=False)
    voices: dict[str, Voice] = field(default_factory=dict, repr=False)
    spans: list[Span] = field(default_factory=list, repr=False)  # the voices' words, in order
    dates: dict[str, Resolution] = field(default_factory=dict, repr=False)  # by their words

    @property
    def surname(self) -> str:
        """The author's surname as the pages name them ("Klasra"); the first author's."""
        return self.author.split(" (")[0].split(" and ")[0].split()[-1]

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def author(self) -> str:
        return str(self.meta["author"])

    @property
    def date(self) -> str:
        return str(self.meta.get("date") or "undated")

    @property
    def date_basis(self) -> str:
        """How the text's date is known: "dated in the text" or "dated from internal evidence"."""
        basis = str(self.meta.get("dated_by") or "the text")
        return f"dated {'in' if basis == 'the text' else 'from'} {basis}"

    @property
    def docname(self) -> str:
        return f"sources/{self.path.stem}"


def _range(item: Any, what: str, lines: int, labelled: bool) -> tuple[LineRange | None, str | None]:
    """One line range, checked against a file of ``lines`` lines; or None and what is wrong."""
    shape = "[first, last, label]" if labelled else "[first, last]"
    size = (2, 3) if labelled else (2,)
    if not (isinstance(item, list) and len(item) in size and all(isinstance(n, int) for n in item[:2])):
        return None, f"a {what} range must be {shape} with line numbers, not {item!r}"
    first, last = item[0], item[1]
    if first > last:
        return None, f"{what} range {item!r} runs backwards: write the first line before the last, [{last}, {first}]"
    if first < 1 or last > lines:
        return None, f"{what} range {item!r} is outside the file, which has lines 1 to {lines}"
    return LineRange(first, last, str(item[2]) if len(item) == 3 else ""), None


def _line_ranges(
    entry: dict[str, Any], at: Any, sid: str, lines: int, problem: Any
) -> tuple[list[LineRange], LineRange | None] | None:
    """The entry's furniture ranges and content-note range, checked; None after reporting a problem."""
    ok = True
    furniture: list[LineRange] = []
    value = entry.get("furniture") or []
    if not isinstance(value, list):
        problem(at("furniture"), f"source {sid!r}: furniture must be a list of [first, last, label]", sid=sid)
        value, ok = [], False
    for i, item in enumerate(value):
        found, wrong = _range(item, "furniture", lines, labelled=True)
        if found is None:
            problem(at("furniture", i), f"source {sid!r}: {wrong}", sid=sid)
            ok = False
            continue
        for j, other in enumerate(furniture):
            if found.first <= other.last and other.first <= found.last:
                problem(
                    at("furniture", i),
                    f"source {sid!r}: furniture range {item[:2]!r} overlaps [{other.first}, {other.last}] "
                    f"(line {at('furniture', j)}); merge them or make them disjoint",
                    sid=sid,
                )
                ok = False
        furniture.append(found)
    note = entry.get("content_note")
    note_range = None
    if note is not None:
        if not (isinstance(note, dict) and "lines" in note):
            problem(
                at("content_note"), f"source {sid!r}: content_note must be {{lines: [first, last], text: ...}}", sid=sid
            )
            ok = False
        else:
            note_at = field_lines(note)[1] if "__line__" in note else (lambda *_: at("content_note"))
            note_range, wrong = _range(note["lines"], "content_note", lines, labelled=False)
            if note_range is None:
                problem(note_at("lines"), f"source {sid!r}: {wrong}", sid=sid)
                ok = False
    return (furniture, note_range) if ok else None


def load(folder: Path, catalogue_name: str = "catalog.yaml") -> tuple[dict[str, Source], list[Problem]]:
    """Load the catalogue in ``folder``; return the usable sources and every problem found."""
    cat_path = folder / catalogue_name
    problems: list[Problem] = []
    sources: dict[str, Source] = {}

    def problem(line: int | None, message: str, path: Path = cat_path, sid: str | None = None) -> None:
        problems.append(Problem(path, line, message, sid))

    if not cat_path.is_file():
        problem(None, "the source catalogue is missing: create it with one entry per text (see README)")
        return sources, problems
    entries, failure = read_list(cat_path, "the catalogue")
    if entries is None:
        problem(*failure)  # type: ignore[misc]
        return sources, problems

    listed: set[str] = set()
    seen: dict[str, int] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            problem(None, f"each catalogue entry must be a mapping, not {entry!r}")
            continue
        line, at = field_lines(entry)
        if entry.get("file"):  # a broken entry still claims its file: no "has no entry" besides
            listed.add(Path(str(entry["file"])).name)
        missing = [key for key in REQUIRED if not entry.get(key)]
        if missing:
            name = f"entry {entry['id']!r}" if entry.get("id") else "entry"
            problem(
                line,
                f"{name} is missing {', '.join(missing)}; every entry needs {', '.join(REQUIRED)}, "
                "and a date or date_evidence (see the header of the catalogue)",
            )
            continue
        sid, wrong = new_id(entry["id"], seen, line, "source")
        if sid is None:
            problem(at("id"), str(wrong))
            continue
        for key in entry:
            if key not in KNOWN:
                problem(
                    at(key), f"source {sid!r}: unknown field {key!r}{suggest(key, KNOWN)} (known: {', '.join(KNOWN)})"
                )
        if entry["kind"] not in KINDS:
            problem(
                at("kind"), f"kind {entry['kind']!r} is not one of: {', '.join(KINDS)}{suggest(entry['kind'], KINDS)}"
            )
        if not entry.get("date") and not entry.get("date_evidence"):
            problem(line, f"source {sid!r} needs a date or the evidence for its date (date_evidence)")
        if entry.get("date"):
            bad_date = check_date(entry["date"])
            if bad_date:
                problem(at("date"), f"source {sid!r}: {bad_date}")
        path = folder / str(entry["file"])
        if not path.is_file():
            problem(
                at("file"),
                f"source {sid!r}: file {path.name!r} does not exist in {folder.name}/; add it or remove the entry"
                f"{suggest(path.name, [p.name for p in folder.glob('*.txt')])}",
                sid=sid,
            )
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != str(entry["sha256"]):
            problem(
                at("sha256"),
                f"source {sid!r}: {path.name} has changed since its SHA-256 was recorded "
                f"(now {digest}); sources are kept as received: restore the file, or record "
                f"the new checksum if the new text is deliberate (python -m prcite.addsource --rehash {sid})",
                sid=sid,
            )
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad_line = data[: exc.start].count(b"\n") + 1
            problem(bad_line, f"{path.name} is not UTF-8 (byte {exc.start}); convert it to UTF-8", path, sid)
            continue
        ranges = _line_ranges(entry, at, sid, len(text.splitlines()), problem)
        if ranges is None:
            continue
        furniture, note_range = ranges
        passages = split_passages(text, reflow=bool(entry.get("reflow")), furniture=furniture, content_note=note_range)
        index = Index(text, passages)
        furniture_lines = {n for p in passages if p.furniture for n in range(p.first_line, p.last_line + 1)}
        nlines = text.count("\n") + (0 if text.endswith("\n") else 1)
        voices, spans, wrong = read_voices(entry, index, nlines, furniture_lines)
        dates, wrong_dates = read_dates(entry, sid, index, str(entry.get("date") or ""))
        for wline, message in wrong + wrong_dates:
            problem(wline or at("voices"), f"source {sid!r}: {message}")
        sources[sid] = Source(sid, path, line, entry, text, index, voices, spans, dates)

    for path in sorted(folder.glob("*.txt")):
        if path.name not in listed:
            problem(1, f"{path.name} has no entry in {catalogue_name}; add one (id, sha256, title, ...)", path)
    return sources, problems
