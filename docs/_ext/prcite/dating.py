"""Relative dates resolved in the open: the ``dates`` of a catalogue entry.

Each entry records words of the text that date something only relative to the text ("last
month", "this August", "On August 3" with no year) and the calendar date the site reads them
as::

    dates:
      - says: "troops last month held"   # verbatim, found once in the text
        means: "2017-09"                  # YYYY, YYYY-MM or YYYY-MM-DD; "" for no year ("recently")
      - says: "Weeks earlier of this tweet"
        means: "2017"
        anchor: "2018-01-01"              # words that count from another date of the text
        anchor_note: the tweet of “January 1, this year”
      - says: "for three years, until 2015"
        means: "2012"
        reckoned: three years before 2015   # the site's arithmetic, shown to the reader; not checked

The build checks every resolution against the text's own date (``date`` in the catalogue):
"this year" is the text's year, "last year" the year before, "last month" the month before,
"this August" / "last November" / "in August" the nearest such month, and a month or day the
phrase names must be the one ``means`` gives. "recently" and "a few days ago" resolve to no
year. Pages show a resolution with ``{date}`id words``` and events with ``date_from``; both
show the reader the original words and the date they were resolved against.

No Sphinx import: problems are returned for the catalogue loader to report.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .passages import normalise

if TYPE_CHECKING:
    from .passages import Index

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_VAGUE = ("recently", "a few days ago", "in recent", "lately", "soon")


@dataclass(frozen=True)
class Resolution:
    source: str
    says: str  # as written in the catalogue, whitespace collapsed
    means: str  # "" when the words give no year
    start: int
    end: int
    passage: int
    line: int
    anchor: str = ""  # the date the words count from, when it is not the text's own
    anchor_note: str = ""  # what that date is: "the tweet of January 1, this year"
    reckoned: str = ""  # the site's own arithmetic, when the words count in years or months

    def against(self, text_date: str, basis: str) -> str:
        """What the words were resolved against, for the reader."""
        if self.reckoned:
            return f"the site’s reckoning: {self.reckoned}"
        if self.anchor:
            return f"{self.anchor_note}, {when(self.anchor)}"
        return f"the text’s own date, {when(text_date)} ({basis})"

    @property
    def shown(self) -> str:
        return when(self.means) if self.means else "no date"


def when(date: str) -> str:
    """1960, August 1971, 21 August 2017."""
    m = _DATE.match(date)
    if m is None:
        return date
    year, month, day = m.groups()
    if not month:
        return year
    name = calendar.month_name[int(month)]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def _parts(date: str) -> tuple[int, int | None, int | None] | None:
    m = _DATE.match(date)
    if m is None:
        return None
    y, mo, d = m.groups()
    return int(y), int(mo) if mo else None, int(d) if d else None


def contradiction(says: str, means: str, text_date: str) -> str | None:
    """What is wrong with reading ``says`` as ``means`` in a text dated ``text_date``, or None."""
    words = normalise(says).lower()
    vague = any(v in words for v in _VAGUE)
    if not means:
        return None if vague else f"{says!r} is given no date; only vague words (recently, …) resolve to none"
    if vague:
        return f"{says!r} gives no year; 'recently' and the like resolve to no date (means: \"\")"
    mine, text = _parts(means), _parts(text_date)
    if mine is None:
        return f'means {means!r} must be "YYYY", "YYYY-MM" or "YYYY-MM-DD"'
    if text is None:
        return f"the text has no date to resolve {says!r} against; record its date first"
    year, month, day = mine
    tyear, tmonth, _ = text
    named = [i for name, i in _MONTHS.items() if re.search(rf"\b{name}\b", words)]
    if named and month != named[0]:
        return f"{says!r} names {calendar.month_name[named[0]]}, but means gives {means!r}"
    number = re.search(rf"\b{calendar.month_name[named[0]].lower()} (\d{{1,2}})\b", words) if named else None
    if number and day != int(number.group(1)):
        return f"{says!r} names day {number.group(1)}, but means gives {means!r}"
    if "last month" in words:
        if tmonth is None:
            return f"{says!r} needs the text's month, but the text is dated only {text_date!r}"
        ey, em = (tyear, tmonth - 1) if tmonth > 1 else (tyear - 1, 12)
        if (year, month) != (ey, em):
            return f"{says!r} in a text of {when(text_date)} is {when(f'{ey}-{em:02d}')}, not {when(means)}"
        return None
    if re.search(r"\b(earlier|before|ago)\b", words) and "this year" not in words and year == tyear - 1:
        return None  # "weeks earlier" may reach back into the year before
    if "last year" in words:
        expected = tyear - 1
    elif "next year" in words:
        expected = tyear + 1
    elif named and re.search(r"\blast\b", words):
        # "last November": the latest November before the text
        expected = tyear if tmonth is not None and named[0] < tmonth else tyear - 1
    else:
        expected = tyear  # "this year", "this August", "in August", "On August 3"
    if year != expected:
        return f"{says!r} in a text of {when(text_date)} is in {expected}, not {year}"
    return None


def read_dates(
    entry: dict[str, Any], sid: str, index: Index, text_date: str
) -> tuple[dict[str, Resolution], list[tuple[int, str]]]:
    """The resolutions of one catalogue entry, keyed by their collapsed words, and problems."""
    out: dict[str, Resolution] = {}
    problems: list[tuple[int, str]] = []
    entry_line = int(entry.get("__line__", 0))
    for item in entry.get("dates") or []:
        if not isinstance(item, dict) or "says" not in item or "means" not in item:
            problems.append((entry_line, f"each date must be {{says: words, means: date}}, not {item!r}"))
            continue
        line = int(item.get("__line__", entry_line))
        fields = item.get("__lines__", {})
        says, means = normalise(str(item["says"])), str(item["means"] or "")
        anchor, note = str(item.get("anchor") or ""), " ".join(str(item.get("anchor_note") or "").split())
        if anchor and not note:
            problems.append(
                (fields.get("anchor", line), f"date {says!r}: an anchor needs an anchor_note saying what it is")
            )
            continue
        hits = index.find_all(says)
        if len(hits) != 1:
            problems.append(
                (fields.get("says", line), f"date words {says!r} occur {len(hits)} times in the text; quote them once")
            )
            continue
        reckoned = " ".join(str(item.get("reckoned") or "").split())
        wrong = None if reckoned else contradiction(says, means, anchor or text_date)
        if wrong:
            problems.append((fields.get("means", line), f"date: {wrong}"))
            continue
        start, end = hits[0]
        out[says] = Resolution(
            sid, says, means, start, end, index.passage_at(start).number, line, anchor, note, reckoned
        )
    return out, problems
