"""Add a source text to ``sources/``, or record the checksum of a deliberate edit.

    python -m prcite.addsource FILE [--name NAME.txt] [--reflow]   (make add-source FILE=...)
    python -m prcite.addsource --rehash ID                           (make rehash ID=...)

The first copies FILE into ``sources/`` byte for byte under a readable name (refusing to overwrite
anything), prints its SHA-256, its lines numbered with the paragraph each one starts as the site
will split them, the line ranges that look like website furniture, and a catalogue entry to paste
into ``sources/catalog.yaml`` with every required field marked. The second writes a file's new
SHA-256 into its catalogue entry, for a text that was changed on purpose.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
from pathlib import Path

from .catalogue import KINDS
from .passages import LineRange, split_passages
from .yamlfile import field_lines, read_list

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "sources"

# lines that look like website furniture, by kind. The "block" kinds usually run to the end of
# the page (a comment form, a sidebar of other posts), so their proposed range does too.
_BLOCKS = [
    ("related or recent posts", r"(related|recent|popular|latest|more) (posts|stories|articles)|you may also like"),
    ("comment form", r"leave a (reply|comment)|post comment|your email address will not be published"),
]
_LINES = [
    (
        "share buttons",
        r"(share( this)?|tweet|facebook|twitter|whatsapp|linkedin|pinterest|e-?mail|print|print friendly.*)\W*",
    ),
    ("forum post header", r"discussion in '.*' started by .*|\d+\.\s+\S+|.*\b(senior |junior |full )?member\b.*"),
    ("forum post header", r"(likes received|messages|joined|trophy points|location|ratings?):.*"),
    ("forum post header", r"[A-Z][a-z]{2} \d{1,2}, \d{4}|#\d+|reply|quote|report"),
]


def _kind(line: str) -> tuple[str, bool] | None:
    """(label, runs to the end?) when ``line`` looks like furniture, else None."""
    text = line.strip().lower()
    if len(text.split()) > 10:
        return None  # a sentence of prose, whatever words it has
    for label, pattern in _BLOCKS:
        if re.fullmatch(rf"\W*({pattern})\W*", text):
            return label, True
    for label, pattern in _LINES:
        if re.fullmatch(pattern, text, re.I):
            return label, False
    return None


def propose_furniture(text: str) -> list[LineRange]:
    """Line ranges that look like furniture: share buttons, "Related posts", "Leave a Reply" to the
    end of the text, forum post headers. A proposal for a person to check, not a decision."""
    lines = text.splitlines()
    ranges: list[LineRange] = []
    for n, line in enumerate(lines, start=1):
        if ranges and ranges[-1].last >= n:
            continue  # inside a block already proposed
        found = _kind(line) if line.strip() else None
        if found is None:
            continue
        label, to_end = found
        last = len(lines) if to_end else n
        if ranges and ranges[-1].label == label and n - ranges[-1].last <= 2:
            ranges[-1] = LineRange(ranges[-1].first, last, label)  # neighbours separated by a blank line
        else:
            ranges.append(LineRange(n, last, label))
    return ranges


def readable_name(path: Path, text: str) -> str:
    """A file name from the text's first line: lower case words joined by hyphens."""
    first = next((line for line in text.splitlines() if line.strip()), path.stem)
    words = re.findall(r"[a-z0-9]+", first.lower())[:7]
    return "-".join(words or [path.stem]) + ".txt"


def preview(text: str, reflow: bool, furniture: list[LineRange]) -> str:
    """The text's lines numbered, each marked with the paragraph it starts as the site splits it."""
    passages = split_passages(text, reflow=reflow, furniture=furniture)
    starts = {p.first_line: p for p in passages}
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        passage = starts.get(n)
        mark = f"¶{passage.number:<3}" if passage else "    "
        dim = " [furniture]" if passage and passage.furniture else ""
        out.append(f"{n:5} {mark} {line}{dim}")
    return "\n".join(out)


def entry(sid: str, name: str, digest: str, text: str, reflow: bool, furniture: list[LineRange]) -> str:
    """A catalogue entry to paste, with the required fields marked and the unknown ones to fill in."""
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    # the fields left empty fail the build ("is missing ...") until they are filled in
    lines = [
        f"- id: {sid}  # required: short, lower case; cited as {{src}}`{sid} quote`",
        f"  file: {name}  # required",
        f"  sha256: {digest}  # required",
        f'  title: "{title}"  # required: check it against the text',
        "  author:  # required",
        "  outlet:  # required (or say that the text does not name one)",
        '  date:  # "YYYY", "YYYY-MM" or "YYYY-MM-DD" when the text states it; else date_evidence',
        "  date_evidence:  # how the date was established when the text gives none",
        f"  kind:  # required: one of {', '.join(KINDS)}",
        "  stance:  # required: one neutral sentence on the text's position",
        "  criticism:  # what a reader should know before relying on the text",
    ]
    if reflow:
        lines.append("  reflow: true")
    if furniture:
        lines.append("  furniture:  # proposed: check each range against the preview above")
        lines += [f'    - [{r.first}, {r.last}, "{r.label}"]' for r in furniture]
    furniture_lines = {n for r in furniture for n in range(r.first, r.last + 1)}
    quoted = [n for n, line in enumerate(text.splitlines(), 1) if n not in furniture_lines and _QUOTES.search(line)]
    if quoted:
        lines.append("  voices:  # who is quoted where; name each speaker as the text does (README: Voices)")
        lines += [f"    - {{id: , name: , quoted: [{n}, {n}]}}  # line {n} has quotation marks" for n in quoted]
    relative = [
        (n, m.group(0))
        for n, line in enumerate(text.splitlines(), 1)
        if n not in furniture_lines
        for m in _RELATIVE.finditer(line)
    ]
    if relative:
        lines.append("  dates:  # relative dates the pages will use; widen each to words found once (README)")
        lines += [f'    - {{says: "{words}", means: ""}}  # line {n}' for n, words in relative]
    return "\n".join(lines)


_QUOTES = re.compile(r"[“”\"]")
_RELATIVE = re.compile(
    r"\b(?:(?:this|last|next) (?:year|month|week|January|February|March|April|May|June|July|August|September|"
    r"October|November|December)|earlier this year|a (?:month|year|few days) (?:ago|later|earlier)|recently)\b",
    re.IGNORECASE,
)


def add(path: Path, name: str | None, reflow: bool, folder: Path = SOURCES) -> int:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        print(f"error: {path} is not UTF-8 (byte {exc.start}); convert it to UTF-8 first", file=sys.stderr)
        return 1
    digest = hashlib.sha256(data).hexdigest()
    name = name or readable_name(path, text)
    dest = folder / name
    if dest.exists():
        print(f"error: {dest} already exists; nothing was copied (choose another name with --name)", file=sys.stderr)
        return 1
    for other in folder.glob("*.txt"):
        if hashlib.sha256(other.read_bytes()).hexdigest() == digest:
            print(f"error: {other.name} already holds this text; nothing was copied", file=sys.stderr)
            return 1
    shutil.copyfile(path, dest)
    furniture = propose_furniture(text)
    sid = "-".join(dest.stem.split("-")[:2])
    print(f"copied {path} to {dest.relative_to(folder.parent)} unchanged\nSHA-256 {digest}\n")
    how = "hard-wrapped lines joined (reflow)" if reflow else "every non-blank line is a paragraph"
    print(f"Lines and the paragraph each starts ({how}):\n")
    print(preview(text, reflow, furniture))
    print("\nProposed furniture (shown dimmed, never cited):")
    print("\n".join(f"  lines {r.first}-{r.last}: {r.label}" for r in furniture) or "  none found")
    print(f"\nAdd this entry to {folder.name}/catalog.yaml, fill in the empty fields, then run make html:\n")
    print(entry(sid, name, digest, text, reflow, furniture))
    return 0


def rehash(sid: str, folder: Path = SOURCES) -> int:
    """Write the new SHA-256 of source ``sid``'s file into its catalogue entry (that line only)."""
    cat = folder / "catalog.yaml"
    entries, failure = read_list(cat, "the catalogue")
    if entries is None:
        print(f"error: {cat}:{failure[0]}: {failure[1]}", file=sys.stderr)  # type: ignore[index]
        return 1
    for item in entries:
        if isinstance(item, dict) and item.get("id") == sid:
            _, at = field_lines(item)
            break
    else:
        known = ", ".join(str(e.get("id")) for e in entries if isinstance(e, dict))
        print(f"error: no source {sid!r} in {cat} (known: {known})", file=sys.stderr)
        return 1
    digest = hashlib.sha256((folder / str(item["file"])).read_bytes()).hexdigest()
    old = str(item.get("sha256"))
    if old == digest:
        print(f"{sid}: the recorded SHA-256 is already {digest}; nothing to do")
        return 0
    lines = cat.read_text(encoding="utf-8").split("\n")
    n = at("sha256") - 1
    if "sha256:" not in lines[n] or old not in lines[n]:
        print(f"error: {cat}:{n + 1} is not {sid!r}'s sha256 line; edit it by hand", file=sys.stderr)
        return 1
    lines[n] = lines[n].replace(old, digest)
    cat.write_text("\n".join(lines), encoding="utf-8")
    print(f"{sid}: recorded the new SHA-256 of {item['file']} at {cat.name}:{n + 1}\n  was {old}\n  now {digest}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m prcite.addsource", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, help="the text file to add, as received")
    parser.add_argument("--name", help="file name in sources/ (default: from the text's first line)")
    parser.add_argument("--reflow", action="store_true", help="the text is hard-wrapped: join its lines")
    parser.add_argument("--rehash", metavar="ID", help="record the new SHA-256 of source ID's file instead")
    parser.add_argument("--sources", type=Path, default=SOURCES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rehash:
        return rehash(args.rehash, args.sources)
    if args.file is None:
        parser.error("give the FILE to add, or --rehash ID")
    if not args.file.is_file():
        parser.error(f"{args.file} is not a file")
    return add(args.file, args.name, args.reflow, args.sources)


if __name__ == "__main__":
    sys.exit(main())
