"""The chronology: ``docs/events.yaml`` checked once per build, shown through sphinx-timeline.

``{chronology}`` renders every event (or, with ``:theme:``, one theme's events) as
sphinx-timeline items in its vertical "none" style, so the list reads on a phone
and prints as a numbered list; each item's citations are ordinary ``{src}`` roles.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx_timeline.main import TimelineDirective

from .report import warn
from .roles import verify
from .yamlfile import DATE_FORMAT, check_date, field_lines, new_id, read_list, suggest

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from .domain import CitationDomain

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DECADE = re.compile(r"^(\d{3}0)s$")
FIELDS = {"id", "date", "date_from", "summary", "themes", "citations", "dates_differ", "dispute"}


@dataclass(frozen=True)
class Event:
    id: str
    date: str  # as written: YYYY, YYYY-MM or YYYY-MM-DD
    summary: str
    themes: tuple[str, ...]
    citations: tuple[tuple[str, str], ...]  # (source id, quote)
    dates_differ: str = ""
    dispute: str = ""
    line: int = 0
    date_from: str = ""  # "source-id words": the relative words the date was resolved from
    undated: bool = False  # those words give no year: the event is placed "by" the text's date

    @property
    def start(self) -> str:
        """An ISO date for sorting only; the reader sees ``when``."""
        decade = _DECADE.match(self.date)
        if decade:
            return f"{decade.group(1)}-01-01"
        year, month, day = _DATE.match(self.date).groups()  # type: ignore[union-attr]
        return f"{year}-{month or '01'}-{day or '01'}"

    @property
    def when(self) -> str:
        """The date at the precision the sources give: the 1990s, 1960, August 1971, 21 August 2017."""
        decade = _DECADE.match(self.date)
        if decade:
            return f"the {decade.group(1)}s"
        year, month, day = _DATE.match(self.date).groups()  # type: ignore[union-attr]
        if not month:
            return year
        name = calendar.month_name[int(month)]
        return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def _check_date_from(domain: CitationDomain, date_from: str, date: str) -> str | None:
    """None if the event's date is what ``date_from`` allows, else what is wrong.

    ``date_from`` is "source-id words" (a resolution the catalogue records) or "source-id"
    alone (the text's own date, as the catalogue gives it). Words that give no year
    ("recently") allow only the text's own date, which the timeline shows as "by" that date.
    """
    sid, _, words = date_from.partition(" ")
    source = domain.sources.get(sid)
    if source is None:
        return f'date_from names unknown source {sid!r}; write date_from: "source-id recorded words"'
    if words and words not in source.dates:
        known = "; ".join(repr(k) for k in source.dates) or "none"
        return f"date_from: {words!r} is not a recorded date of {sid} (its dates in catalog.yaml: {known})"
    found = source.dates.get(words)
    if found is None or not found.means:  # the text's own date, or words that give no year
        if not source.date.startswith(date):
            what = f"{sid} {words!r} gives no year, so" if words else f"date_from: {sid} alone means that"
            return f"{what} the event can only take the text's own date, {source.date!r}, or its year, not {date!r}"
        return None
    if found.means != date:
        return f"date {date!r} contradicts the catalogue, which reads {sid} {words!r} as {found.means!r}"
    return None


def _undated(domain: CitationDomain, date_from: str) -> bool:
    sid, _, words = date_from.partition(" ")
    found = domain.sources[sid].dates.get(words) if words and sid in domain.sources else None
    return found is not None and not found.means


def load_events(app: Sphinx) -> None:
    """``builder-inited``, after the catalogue: read, check and keep the events."""
    domain: CitationDomain = app.env.domains["prcite"]
    domain.events = []
    path = Path(app.srcdir) / app.config.prcite_events
    if not path.is_file():
        return
    themes = app.config.prcite_themes

    def problem(line: int | None, message: str) -> None:
        warn("event", message, f"{path}:{line}" if line else str(path))

    raw, failure = read_list(path, "the events file")
    if raw is None:
        problem(*failure)  # type: ignore[misc]
        return
    seen: dict[str, int] = {}
    previous: tuple[str, str, str] | None = None  # (id, sort key, date) of the latest event in order
    for item in raw:
        if not isinstance(item, dict):
            problem(None, f"each event must be a mapping, not {item!r}")
            continue
        line, at = field_lines(item)
        eid, wrong = new_id(item.get("id"), seen, line, "event")
        if eid is None:
            problem(at("id"), str(wrong))
            continue
        ok = True
        for key in sorted(set(item) - FIELDS):
            known = ", ".join(sorted(FIELDS))
            problem(at(key), f"event {eid!r}: unknown field {key!r}{suggest(key, FIELDS)} (known: {known})")
            ok = False
        if "date" not in item:
            bad_date: str | None = f"the date is missing: give one as {DATE_FORMAT}"
        else:  # a decade, "1990s", where the sources give no closer date
            bad_date = None if _DECADE.match(str(item["date"])) else check_date(item["date"])
        if bad_date:
            problem(at("date"), f"event {eid!r}: {bad_date}")
            ok = False
        date_from = " ".join(str(item.get("date_from") or "").split())
        if date_from and not bad_date:
            wrong = _check_date_from(domain, date_from, str(item["date"]))
            if wrong:
                problem(at("date_from"), f"event {eid!r}: {wrong}")
                ok = False
        if not str(item.get("summary") or "").strip():
            problem(at("summary"), f"event {eid!r} has no summary: give one neutral line")
            ok = False
        event_themes = item.get("themes") or []
        if not isinstance(event_themes, list) or not event_themes:
            problem(at("themes"), f"event {eid!r} needs a list of themes ({', '.join(themes)})")
            ok = False
            event_themes = []
        for i, theme in enumerate(event_themes):
            if theme not in themes:
                known = ", ".join(themes)
                problem(
                    at("themes", i), f"event {eid!r}: unknown theme {theme!r}{suggest(theme, themes)} (known: {known})"
                )
                ok = False
        cites = item.get("citations") or []
        if not cites:
            problem(at("citations"), f"event {eid!r} has no citation: every event cites the passage it rests on")
            ok = False
        if not bad_date:
            # kept in date order, so the file reads as the chronology does: an event out of order is an error
            start = Event(eid, str(item["date"]), "", (), ()).start
            if previous and start < previous[1]:
                problem(
                    at("date"),
                    f"event {eid!r} ({item['date']}) is out of date order: it comes after {previous[0]!r} "
                    f"({previous[2]}); move it up to its place, the file is kept oldest first",
                )
                ok = False
            else:
                previous = (eid, start, str(item["date"]))
        checked = []
        for i, cite in enumerate(cites if isinstance(cites, list) else [cites]):
            cline, cat = field_lines(cite) if isinstance(cite, dict) else (at("citations", i), None)
            if not (isinstance(cite, dict) and cite.get("source") and cite.get("quote")):
                problem(cline, f"event {eid!r}: a citation needs a source and a quote")
                ok = False
                continue
            # an unknown source is reported at the source's line, a quote that does not match at the quote's
            field = "quote" if str(cite["source"]) in domain.sources else "source"
            where = f"{path}:{cat(field)}"
            if verify(app.env, str(cite["source"]), str(cite["quote"]), where, in_document=False) is None:
                ok = False
            sid, voice = str(cite["source"]), str(cite.get("voice") or "")
            known = domain.sources[sid].voices if sid in domain.sources else {}
            if voice and voice not in known:
                problem(cline, f"event {eid!r}: unknown voice {voice!r} of {sid} (known: {', '.join(known) or 'none'})")
                ok = False
            checked.append((f"{sid}@{voice}" if voice else sid, " ".join(str(cite["quote"]).split())))
        if ok:
            domain.events.append(
                Event(
                    eid,
                    str(item["date"]),
                    " ".join(str(item["summary"]).split()),
                    tuple(event_themes),
                    tuple(checked),
                    " ".join(str(item.get("dates_differ") or "").split()),
                    str(item.get("dispute") or ""),
                    line,
                    date_from,
                    _undated(domain, date_from),
                )
            )


def _body(event: Event, themes: dict[str, str], anchor: bool) -> str:
    """One event as MyST: date, summary and citations, then any disagreement, then themes."""
    cites = "".join(f"{{src}}`{sid} {quote}`" for sid, quote in event.citations)
    lines = [f"(event-{event.id})=", ""] if anchor else []
    when = event.when
    if event.date_from:
        when = f"{{date}}`{'by ' if event.undated else ''}{event.when} <{event.date_from}>`"
    lines.append(f"**{when}** — {event.summary}{cites}")
    if event.dates_differ:
        lines += ["", f"*The sources differ:* {event.dates_differ}"]
    if event.dispute:
        lines += ["", f"See {{ref}}`the dispute <{event.dispute}>`."]
    links = ", ".join(f"{{doc}}`/{themes[t]}`" for t in event.themes)
    lines += ["", f"Themes: {links}"]
    return "\n".join(lines)


class ChronologyDirective(SphinxDirective):
    """``{chronology}``, optionally ``:theme: cold-war``: the events, oldest first."""

    option_spec: ClassVar[dict[str, Any]] = {"theme": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        domain: CitationDomain = self.env.domains["prcite"]
        themes = self.config.prcite_themes
        self.env.note_dependency(self.config.prcite_events)
        theme = self.options.get("theme")
        if theme is not None and theme not in themes:
            raise self.error(f"unknown theme {theme!r}; known themes: {', '.join(themes)}")
        events = [e for e in domain.events if theme is None or theme in e.themes]
        if not events:
            return []
        data = [{"start": e.start, "body": _body(e, themes, anchor=theme is None)} for e in events]
        # hand the checked events to sphinx-timeline: its data model, its list, our vertical style.
        # The data goes on one JSON line: sphinx-timeline 0.2.1 re-parses its inline data after
        # every line, so multi-line data fails on its first incomplete line.
        content = [json.dumps(data, ensure_ascii=False), "---", "{{ e.body }}"]
        timeline = TimelineDirective(
            "timeline",
            [],
            {"style": "none", "reversed": True, "class": ["chronology"], "events-format": "json"},
            content,
            self.lineno,
            self.content_offset,
            self.block_text,
            self.state,
            self.state_machine,
        )
        return timeline.run()
