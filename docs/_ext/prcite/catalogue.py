"""Read ``sources/catalog.yaml`` and check it against the files in ``sources/``.

No Sphinx import: problems are returned as ``Problem`` records (file, line,
message) for the caller to report, so that every problem is listed at once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dating import Resolution, read_dates
from .passages import Index, LineRange, split_passages
from .voices import Span, Voice, read_voices
from .yamlfile import new_id, read_list

REQUIRED = ("id", "file", "sha256", "title", "author", "outlet", "kind", "stance")
KINDS = ("news report", "op-ed", "column", "analysis", "forum thread")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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


def _ranges(value: Any) -> list[LineRange]:
    out = []
    for item in value or []:
        if not (isinstance(item, list) and len(item) in (2, 3) and all(isinstance(n, int) for n in item[:2])):
            raise ValueError(f"a furniture range must be [first, last, label], not {item!r}")
        out.append(LineRange(item[0], item[1], item[2] if len(item) == 3 else ""))
    return out


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
        line = entry.pop("__line__")
        fields = entry.pop("__fields__", {})
        missing = [key for key in REQUIRED if not entry.get(key)]
        if missing:
            problem(line, f"entry is missing {', '.join(missing)}")
            continue
        listed.add(Path(str(entry["file"])).name)
        sid, wrong = new_id(entry["id"], seen, line, "source")
        if sid is None:
            problem(line, str(wrong))
            continue
        if entry["kind"] not in KINDS:
            problem(line, f"kind {entry['kind']!r} is not one of: {', '.join(KINDS)}")
        if not entry.get("date") and not entry.get("date_evidence"):
            problem(line, f"source {sid!r} needs a date or the evidence for its date (date_evidence)")
        if entry.get("date") and not _DATE.match(str(entry["date"])):
            problem(line, f"date {entry['date']!r} must be YYYY, YYYY-MM or YYYY-MM-DD (quote it in YAML)")
        path = folder / str(entry["file"])
        if not path.is_file():
            problem(
                line,
                f"source {sid!r}: file {path.name!r} does not exist in {folder.name}/; add it or remove the entry",
                sid=sid,
            )
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != str(entry["sha256"]):
            problem(
                line,
                f"source {sid!r}: {path.name} has changed since its SHA-256 was recorded "
                f"(now {digest}); sources are kept as received: restore the file, or record "
                "the new checksum if the new text is deliberate",
                sid=sid,
            )
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad_line = data[: exc.start].count(b"\n") + 1
            problem(bad_line, f"{path.name} is not UTF-8 (byte {exc.start}); convert it to UTF-8", path, sid)
            continue
        try:
            furniture = _ranges(entry.get("furniture"))
            note = entry.get("content_note")
            note_range = LineRange(*note["lines"]) if note else None
        except (ValueError, TypeError, KeyError) as exc:
            problem(line, f"source {sid!r}: {exc}", sid=sid)
            continue
        passages = split_passages(text, reflow=bool(entry.get("reflow")), furniture=furniture, content_note=note_range)
        index = Index(text, passages)
        furniture_lines = {n for p in passages if p.furniture for n in range(p.first_line, p.last_line + 1)}
        nlines = text.count("\n") + (0 if text.endswith("\n") else 1)
        voices, spans, wrong = read_voices(entry, index, nlines, furniture_lines)
        dates, wrong_dates = read_dates(entry, sid, index, str(entry.get("date") or ""))
        for wline, message in wrong + wrong_dates:
            problem(wline or fields.get("voices") or line, f"source {sid!r}: {message}")
        sources[sid] = Source(sid, path, line, entry, text, index, voices, spans, dates)

    for path in sorted(folder.glob("*.txt")):
        if path.name not in listed:
            problem(1, f"{path.name} has no entry in {catalogue_name}; add one (id, sha256, title, ...)", path)
    return sources, problems
