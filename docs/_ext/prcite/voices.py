"""Who speaks where in a source: the ``voices`` of a catalogue entry.

A text holds several voices: its author's narration (the default), people the author quotes
or reports, posts by different members of a forum. Each voice is recorded in the catalogue:

- ``lines: [first, last]`` - every word on these lines is the voice's (a forum post, a
  statement given in full);
- ``quoted: [first, last]`` - on these lines, the words inside quotation marks are the voice's
  and the rest is the author's narration (an interviewee's quoted words). Quotation marks are
  paired within each paragraph: a straight ``"`` toggles, ``“`` opens and ``”`` closes; single
  quotes inside are part of the speech (a quote within a quote stays the speaker's); a mark
  that opens and never closes runs to the end of its paragraph; a closing mark without an
  opening one is ignored;
- ``says: ["verbatim words", ...]`` - these exact words (each found once) are the voice's:
  for what the marks cannot find, and to override them. Words that do not open with a
  quotation mark are the author's report of the voice ("…, Ismail added"), and a citation of
  them reads "X, as reported by the author", never "quoted in".

A citation's voice is the voice whose words contain the whole quote (the marks included), the
author's narration when the quote touches no voice, and, when it spans narration and a voice's
words, "the author, quoting" that voice. A citation may name its voice, ``{src}`id@voice
words```, to attribute reported speech the marks cannot see; a name that contradicts the text
is an error.

No Sphinx import: problems are returned for the catalogue loader to report.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from .passages import Index

_OPEN, _CLOSE, _BOTH = "“", "”", '"'
_VOICE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    title: str = ""  # "minister", "analyst": shown in brackets after the name
    part: str = ""  # "summary post", "comment": "summary post by Neo"
    verb: str = "quoted in"  # how the label joins the voice to the text
    label: str = ""  # the whole label, when the parts above do not say it well
    line: int = 0

    @property
    def who(self) -> str:
        """The voice as a reader sees it: "summary post by Neo", "Maria Sultan (analyst)"."""
        if self.label:
            return self.label
        if self.part:
            return f"{self.part} by {self.name}"
        return f"{self.name} ({self.title})" if self.title else self.name


@dataclass(frozen=True)
class Span:
    start: int  # file offsets, quotation marks included
    end: int
    voice: str
    reported: bool = False  # words the author reports ("says" without a quotation mark)


def quotation_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quoted stretches of ``text[start:end]`` (one paragraph), marks included."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    depth = 0  # curly marks nest; a straight mark toggles only outside curly ones
    for i in range(start, end):
        ch = text[i]
        if ch == _OPEN and (opened is None or text[opened] == _OPEN):
            opened = i if opened is None else opened
            depth += 1
        elif ch == _CLOSE and opened is not None and text[opened] == _OPEN:
            depth -= 1
            if depth == 0:
                spans.append((opened, i + 1))
                opened = None
        elif ch == _BOTH and opened is None:
            opened = i
        elif ch == _BOTH and text[opened] == _BOTH:  # type: ignore[index]
            spans.append((opened, i + 1))  # type: ignore[arg-type]
            opened = None
    if opened is not None:
        spans.append((opened, end))
    return spans


def read_voices(
    entry: dict[str, Any], index: Index, nlines: int, furniture_lines: set[int]
) -> tuple[dict[str, Voice], list[Span], list[tuple[int, str]]]:
    """The voices of one catalogue entry, their spans, and (line, message) problems."""
    voices: dict[str, Voice] = {}
    spans: list[Span] = []
    problems: list[tuple[int, str]] = []
    raw = entry.get("voices") or []
    entry_line = int(entry.get("__line__", 0))
    if not isinstance(raw, list):
        return voices, spans, [(entry_line, "voices must be a list of {id, name, lines | quoted | says}")]
    line_starts = [0] + [m.end() for m in re.finditer("\n", index.text)]

    def line_span(first: int, last: int) -> tuple[int, int]:
        a = line_starts[first - 1]
        b = line_starts[last] - 1 if last < len(line_starts) else len(index.text)
        return a, b

    for item in raw:
        if not isinstance(item, dict):
            problems.append((entry_line, f"each voice must be a mapping, not {item!r}"))
            continue
        line = int(item.get("__line__", entry_line))
        fields = item.get("__lines__", {})
        vid, name = str(item.get("id") or ""), str(item.get("name") or "")
        if not _VOICE_ID.match(vid) or not name:
            problems.append((line, "a voice needs an id (lower-case letters, digits, hyphens) and a name"))
            continue
        if vid in voices:
            problems.append((line, f"duplicate voice id {vid!r} (first at line {voices[vid].line})"))
            continue
        unknown = set(item) - {
            "id",
            "name",
            "title",
            "part",
            "verb",
            "label",
            "lines",
            "quoted",
            "says",
            "__line__",
            "__lines__",
        }
        if unknown:
            problems.append((line, f"voice {vid!r}: unknown field {sorted(unknown)[0]!r}"))
        voice = Voice(
            vid,
            name,
            str(item.get("title") or ""),
            str(item.get("part") or ""),
            str(item.get("verb") or "quoted in"),
            " ".join(str(item.get("label") or "").split()),
            line,
        )
        voices[vid] = voice
        found: list[tuple[int, int]] = []
        reported: list[tuple[int, int]] = []
        for key in ("lines", "quoted"):
            if key not in item:
                continue
            where = fields.get(key, line)
            value = item[key]
            ranges = value if isinstance(value, list) and value and isinstance(value[0], list) else [value]
            for rng in ranges:
                found.extend(_range_spans(vid, key, rng, where, index, nlines, furniture_lines, line_span, problems))
        says = item.get("says") or []
        for words in says if isinstance(says, list) else [says]:
            where = fields.get("says", line)
            hits = index.find_all(str(words))
            if len(hits) != 1:
                problems.append(
                    (
                        where,
                        f"voice {vid!r}: says {str(words)!r} occurs {len(hits)} times in the text; it must occur once",
                    )
                )
                continue
            passage = index.passage_at(hits[0][0])
            if passage.furniture:
                problems.append((where, f"voice {vid!r}: says {str(words)!r} is in furniture ({passage.furniture})"))
                continue
            (found if index.text[hits[0][0]] in '“"' else reported).append(hits[0])
        if not found and not reported and not any(k in item for k in ("lines", "quoted", "says")):
            problems.append((line, f"voice {vid!r} has no words: give lines, quoted or says"))
        spans.extend(Span(a, b, vid) for a, b in found)
        spans.extend(Span(a, b, vid, reported=True) for a, b in reported)

    # "says" overrides the quotation marks of another voice; anything else overlapping is an error
    spans.sort(key=lambda s: (s.start, s.end))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end and span.voice != kept[-1].voice:
            a, b = voices[kept[-1].voice], voices[span.voice]
            problems.append(
                (
                    b.line,
                    f"voice {b.id!r} overlaps voice {a.id!r} (line {a.line}) at character {span.start}; "
                    "a word has one voice",
                )
            )
            continue
        if kept and span.start < kept[-1].end:
            kept[-1] = Span(kept[-1].start, max(kept[-1].end, span.end), span.voice, kept[-1].reported)
        else:
            kept.append(span)
    return voices, kept, problems


def _range_spans(
    vid: str,
    key: str,
    rng: Any,
    where: int,
    index: Index,
    nlines: int,
    furniture_lines: set[int],
    line_span: Callable[[int, int], tuple[int, int]],
    problems: list[tuple[int, str]],
) -> list[tuple[int, int]]:
    """The spans one ``lines`` or ``quoted`` range gives, or [] with its problem recorded."""
    if not (isinstance(rng, list) and len(rng) == 2 and all(isinstance(n, int) for n in rng)):
        problems.append((where, f"voice {vid!r}: {key} must be [first, last] line numbers, not {rng!r}"))
        return []
    first, last = rng
    if not 1 <= first <= last <= nlines:
        problems.append((where, f"voice {vid!r}: {key} {rng} is outside the file's lines 1–{nlines} or backwards"))
        return []
    touched = furniture_lines & set(range(first, last + 1))
    if touched and key == "lines":
        problems.append(
            (where, f"voice {vid!r}: lines {rng} include furniture (line {min(touched)}); a voice is never furniture")
        )
        return []
    if key == "lines":
        return [line_span(first, last)]
    a, b = line_span(first, last)
    quoted = [
        q
        for p in index.passages
        if p.start < b and p.end > a and not p.furniture
        for q in quotation_spans(index.text, max(p.start, a), min(p.end, b))
    ]
    if not quoted:
        problems.append((where, f"voice {vid!r}: no quotation marks on lines {first}–{last}; use lines or says"))
    return quoted


def voice_of(spans: list[Span], start: int, end: int) -> tuple[str, bool, bool]:
    """The voice of the words ``[start, end)``: (voice id or "", whether narration is mixed in,
    whether the words are the author's report of the voice rather than a quotation)."""
    starts = [s.start for s in spans]
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and spans[i].start <= start and end <= spans[i].end:
        return spans[i].voice, False, spans[i].reported
    touching = [s for s in spans if s.start < end and s.end > start]
    if not touching:
        return "", False, False
    return touching[0].voice, True, False
