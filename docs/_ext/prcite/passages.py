"""Split a source text into numbered passages and find verbatim quotes in it.

Pure functions with no Sphinx import, so they are easy to test and to reuse
from the benchmark and the coverage report.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

_WS = re.compile(r"\s+")
#: runs of whitespace other than a single plain space
_IRREGULAR = re.compile(r"[^\S ]\s*| \s+")
#: quotes with fewer words than this cannot carry their context
MIN_QUOTE_WORDS = 4


@dataclass(frozen=True)
class Passage:
    """One paragraph of a source: 1-based number, 1-based line span, character span."""

    number: int
    first_line: int
    last_line: int
    start: int
    end: int
    text: str
    furniture: str | None = None  # label when the passage is website furniture
    content_note: bool = False  # inside the range behind a content note

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    passage: Passage


class QuoteError(ValueError):
    """A quote that does not identify exactly one place in a source."""


@dataclass
class LineRange:
    first: int
    last: int
    label: str = ""

    def __contains__(self, line: int) -> bool:
        return self.first <= line <= self.last


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for m in re.finditer("\n", text):
        offsets.append(m.end())
    return offsets


_SENTENCE_END = re.compile(r"[.?!…][”’\"')]*$|[”\"]$")
_ABBREVIATION = re.compile(r"(?:^|\s)[A-Z][A-Za-z]{0,2}\.$")  # "Lt. Gen.", "George W."


def _joins(prev: str, nxt: str) -> bool:
    """Whether a hard-wrapped line continues on the next one.

    A line that ends a sentence, followed by one that starts a new one, ends
    the paragraph; any other break is a wrap. Texts cut off mid-sentence
    stay joined to what follows: the text gives nothing better to go on.
    """
    prev, nxt = prev.rstrip(), nxt.lstrip()
    ends_sentence = bool(_SENTENCE_END.search(prev)) and not _ABBREVIATION.search(prev)
    starts_sentence = bool(nxt) and (nxt[0].isupper() or nxt[0] in '“"‘(' or nxt[0].isdigit())
    return not (ends_sentence and starts_sentence)


def split_passages(
    text: str,
    *,
    reflow: bool = False,
    furniture: list[LineRange] | None = None,
    content_note: LineRange | None = None,
) -> list[Passage]:
    """Split ``text`` into passages.

    Every non-blank line is a paragraph of its own (scraped texts put one
    paragraph on a line), except in ``reflow`` texts, whose lines were
    hard-wrapped: there consecutive lines are joined unless one ends a
    sentence and the next starts one. A passage never
    straddles the edge of a furniture range.
    """
    furniture = furniture or []
    offsets = _line_offsets(text)
    lines = text.split("\n")

    def furniture_of(lineno: int) -> str | None:
        for rng in furniture:
            if lineno in rng:
                return rng.label or "website furniture"
        return None

    passages: list[Passage] = []
    current: list[int] = []  # 1-based line numbers of the passage being built

    def close() -> None:
        if not current:
            return
        first, last = current[0], current[-1]
        start = offsets[first - 1] + (len(lines[first - 1]) - len(lines[first - 1].lstrip()))
        end = offsets[last - 1] + len(lines[last - 1].rstrip())
        body = " ".join(lines[n - 1].strip() for n in current)
        passages.append(
            Passage(
                number=len(passages) + 1,
                first_line=first,
                last_line=last,
                start=start,
                end=end,
                text=body,
                furniture=furniture_of(first),
                content_note=content_note is not None and first in content_note,
            )
        )
        current.clear()

    for idx, line in enumerate(lines, start=1):
        if not line.strip():
            close()
            continue
        if current:
            prev = current[-1]
            same_kind = furniture_of(prev) == furniture_of(idx)
            if not (reflow and same_kind and _joins(lines[prev - 1], line)):
                close()
        current.append(idx)
    close()
    return passages


def display(text: str, passage: Passage) -> tuple[str, list[int]]:
    """The passage as shown on its page, and the file offset of each character.

    Lines are stripped and joined with one space, so a hard-wrapped paragraph
    reads as one; spaces inside a line are kept as they are.
    """
    shown: list[str] = []
    where: list[int] = []
    pos = passage.start
    for line in text[passage.start : passage.end].split("\n"):
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if body:
            if shown:
                shown.append(" ")
                where.append(pos - 1)
            shown.extend(body)
            where.extend(range(pos + lead, pos + lead + len(body)))
        pos += len(line) + 1
    return "".join(shown), where


def segments(text: str, passage: Passage, spans: list[tuple[int, int, str]]) -> list[tuple[str, tuple[str, ...]]]:
    """Cut the displayed passage into runs covered by the same quotes.

    ``spans`` are (start, end, key) file offsets; each run comes with the keys
    of the quotes covering it, so overlapping quotes highlight correctly.
    """
    shown, where = display(text, passage)
    # ``where`` rises with the shown characters, so each quote's edges cut the shown text at
    # one place found by bisection; between two cuts the same quotes cover every character
    cuts = sorted({0, len(shown), *(bisect.bisect_left(where, edge) for s, e, _ in spans for edge in (s, e))})
    runs: list[tuple[str, tuple[str, ...]]] = []
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        offset = where[a]
        keys = tuple(key for start, end, key in spans if start <= offset < end)
        if runs and runs[-1][1] == keys:
            runs[-1] = (runs[-1][0] + shown[a:b], keys)
        else:
            runs.append((shown[a:b], keys))
    return runs


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


@dataclass
class Index:
    """A source text prepared for whitespace-insensitive search."""

    text: str
    passages: list[Passage]
    flat: str = field(init=False)
    _lead: int = field(init=False, repr=False)
    _breaks: list[int] = field(init=False, repr=False)
    _shifts: list[int] = field(init=False, repr=False)
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # flat is the text's words joined by single spaces. A file offset is a flat offset
        # plus the whitespace removed before it, which changes only where a run of
        # whitespace is not one plain space: keep those places, not a map per character.
        self.flat = " ".join(self.text.split())
        self._lead = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        self._breaks, self._shifts = [], []
        shift = self._lead
        for run in _IRREGULAR.finditer(self.text, self._lead, end):
            start, stop = run.span()
            self._breaks.append(start - shift)  # the run's one space in flat
            shift += stop - start - 1
            self._shifts.append(shift)
        self._starts = [p.start for p in self.passages]

    def _offset(self, i: int) -> int:
        """The file offset of ``flat[i]`` (a joining space maps to the end of its word)."""
        j = bisect.bisect_left(self._breaks, i) - 1
        return i + (self._shifts[j] if j >= 0 else self._lead)

    def passage_at(self, offset: int) -> Passage:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.passages[max(i, 0)]

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        needle = normalise(quote)
        hits = []
        pos = self.flat.find(needle)
        while pos != -1 and needle:
            start = self._offset(pos)
            end = self._offset(pos + len(needle) - 1) + 1
            hits.append((start, end))
            pos = self.flat.find(needle, pos + 1)
        return hits

    def find(self, quote: str) -> Match:
        """The single place ``quote`` occurs, or a QuoteError saying what to fix."""
        needle = normalise(quote)
        if not needle:
            raise QuoteError("the quote is empty: give a short verbatim quote after the source id")
        hits = self.find_all(needle)
        if not hits:
            raise QuoteError(self.explain_miss(needle))
        if len(hits) > 1:
            places = dict.fromkeys(self.passage_at(s).first_line for s, _ in hits)
            where = "lines " + ", ".join(map(str, list(places)[:6])) + (", ..." if len(places) > 6 else "")
            raise QuoteError(
                f"quote {needle!r} occurs {len(hits)} times ({where}); lengthen it until it identifies one place"
            )
        start, end = hits[0]
        passage = self.passage_at(start)
        if end > passage.end:
            nxt = self.passage_at(end - 1)
            raise QuoteError(
                f"quote {needle!r} runs across paragraphs {passage.number} and {nxt.number}; "
                "cite each paragraph separately"
            )
        if passage.furniture:
            raise QuoteError(
                f"quote {needle!r} is in website furniture ({passage.furniture}, "
                f"line {passage.first_line}); furniture is never cited"
            )
        return Match(start, end, passage)

    def explain_miss(self, needle: str) -> str:
        """Say where the closest passage is and where the quote stops matching."""
        variants = self._typographic_variants(needle)
        if variants:
            return variants
        # the longest prefix of the quote that occurs somewhere (monotonic, so bisect)
        lo, hi = 0, len(needle)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if needle[:mid] in self.flat:
                lo = mid
            else:
                hi = mid - 1
        words = needle.split()
        if lo >= min(len(needle), 12) or lo >= len(words[0]) + 8:
            pos = self.flat.find(needle[:lo])
            # report the mismatch from the start of the word where it happens
            cut = needle.rfind(" ", 0, lo) + 1 or lo
            passage = self.passage_at(self._offset(pos))
            return (
                f"quote {needle!r} not found; it matches paragraph {passage.number} "
                f"(line {passage.first_line}) up to {needle[:cut].rstrip()[-30:]!r}, then the quote has "
                f"{needle[cut : cut + 30]!r} where the source has {self.flat[pos + cut : pos + cut + 30]!r}"
            )
        # no useful prefix: name the passage sharing the most words
        wanted = {w.lower() for w in words}
        best = max(
            self.passages,
            key=lambda p: len(wanted & {w.lower() for w in p.text.split()}),
            default=None,
        )
        hint = (
            f"; the closest passage is paragraph {best.number} (line {best.first_line}): {best.text[:80]!r}"
            if best
            else ""
        )
        return f"quote {needle!r} not found in the source{hint}"

    def _typographic_variants(self, needle: str) -> str | None:
        """When the quote matches once its quotation marks, apostrophes and dashes are taken as
        one, say which characters differ, with their code points; else None."""
        pos = self.flat.translate(_FOLD).find(needle.translate(_FOLD))
        if pos == -1:
            return None
        found = self.flat[pos : pos + len(needle)]
        pairs = dict.fromkeys((a, b) for a, b in zip(needle, found, strict=True) if a != b)
        named = "; ".join(f"the quote has {_char(a)} where the source has {_char(b)}" for a, b in pairs)
        passage = self.passage_at(self._offset(pos))
        return (
            f"quote {needle!r} not found; paragraph {passage.number} (line {passage.first_line}) has it with "
            f"a typographic variant: {named}. Copy the source's character: quotes are exact"
        )


# characters that look alike in print: typographic quotation marks, apostrophes and dashes
_LOOKALIKES = {
    "'": "\u2018\u2019\u201b\u02bc\u2032`\u00b4",
    '"': "\u201c\u201d\u201e\u201f\u2033",
    "-": "\u2010\u2011\u2012\u2013\u2014\u2212",
}
_FOLD = {ord(c): plain for plain, chars in _LOOKALIKES.items() for c in chars}


def _char(c: str) -> str:
    return f"{c} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})"


def word_count(quote: str) -> int:
    return len(normalise(quote).split())
