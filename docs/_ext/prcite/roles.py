"""The ``{src}`source-id verbatim quote``` role: verify the quote, leave a node."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from .dating import Resolution
from .nodes import resolved_date, src_citation
from .passages import MIN_QUOTE_WORDS, Match, QuoteError, normalise, word_count
from .report import warn
from .voices import voice_of
from .yamlfile import suggest

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .domain import CitationDomain


def verify(env: BuildEnvironment, sid: str, quote: str, location: Any, in_document: bool = True) -> Match | None:
    """Find ``quote`` in source ``sid`` exactly once, or warn at ``location``.

    ``in_document``: called while a page is read, so the page depends on the source.
    """
    domain: CitationDomain = env.domains["prcite"]
    reread = env if in_document else None
    source = domain.sources.get(sid)
    if source is None:
        if sid in domain.broken:
            warn("citation", f"source {sid!r} cannot be cited until its catalogue problem is fixed", location, reread)
        else:
            known = ", ".join(sorted(domain.sources)) or "none"
            warn(
                "citation",
                f"unknown source id {sid!r}{suggest(sid, domain.sources)}; known ids: {known}",
                location,
                reread,
            )
        return None
    if in_document and not env.temp_data.get("prcite_cites_catalogue"):
        # The page is read again when the catalogue changes. That covers its sources' texts:
        # a text whose SHA-256 is not the one in catalog.yaml fails the build, so an edited text
        # comes with an edited catalogue (until it does, before_read reads the citing pages
        # again). Noted once per page, not per citation or per source (Sphinx keeps each as a
        # path in the environment: 2,500 of them at 500 sources).
        env.temp_data["prcite_cites_catalogue"] = True
        env.note_dependency(str(source.path.parent / "catalog.yaml"))
    assert source.index is not None
    try:
        match = source.index.find(quote)
    except QuoteError as exc:
        warn("quote", f"{sid}: {exc}", location, reread)
        return None
    if word_count(quote) < MIN_QUOTE_WORDS:
        warn(
            "quote",
            f"{sid}: quote {quote!r} has fewer than {MIN_QUOTE_WORDS} words, too few to carry its "
            "context; quote a little more",
            location,
            reread,
        )
    return match


def voice_for(
    env: BuildEnvironment, sid: str, match: Match, named: str, location: Any
) -> tuple[str, bool, bool] | None:
    """The voice of the matched words: (voice id or "", mixed, reported), or None after a warning.

    ``named`` is the voice a citation names (``id@voice``): it must be a voice of the source,
    and may attribute narration (reported speech) but never another voice's words.
    """
    source = env.domains["prcite"].sources[sid]
    voice, mixed, reported = voice_of(source.spans, match.start, match.end)
    if not named:
        return voice, mixed, reported
    if named not in source.voices:
        known = ", ".join(sorted(source.voices)) or "none: the catalogue records no voices for it"
        hint = difflib.get_close_matches(named, list(source.voices), n=1)
        also = f"; did you mean {hint[0]!r}?" if hint else ""
        warn("citation", f"{sid}: unknown voice {named!r}{also} (voices of {sid}: {known})", location, env)
        return None
    if voice and voice != named:
        warn(
            "citation",
            f"{sid}: the quoted words are {source.voices[voice].who} ({voice!r}), not {named!r}; "
            "remove the @voice or quote the other voice's words",
            location,
            env,
        )
        return None
    # the words are the author's own, reporting the voice ("he added", "Ismail said that …")
    return named, mixed, reported or not voice


class SrcRole(SphinxRole):
    """``{src}`ruff-2018 some verbatim words``: a citation of a passage."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        sid, _, quote = self.text.strip().partition(" ")
        sid, _, named = sid.partition("@")
        location = self.get_location()
        if not quote.strip():
            warn(
                "quote",
                f"citation of {sid!r} has an empty quote: write {{src}}`{sid} verbatim words`",
                location,
                self.env,
            )
            return [nodes.inline(self.rawtext, "[citation error]", classes=["cite-error"])], []
        match = verify(self.env, sid, quote, location)
        voice = None if match is None else voice_for(self.env, sid, match, named, location)
        if match is None or voice is None:
            return [nodes.inline(self.rawtext, "[citation error]", classes=["cite-error"])], []
        node = src_citation(
            self.rawtext,
            source=sid,
            quote=" ".join(quote.split()),
            start=match.start,
            end=match.end,
            passage=match.passage.number,
            voice=voice[0],
            mixed=voice[1],
            reported=voice[2],
        )
        self.set_source_info(node)
        return [node], []


_EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.DOTALL)


class DateRole(SphinxRole):
    """``{date}`klasra-2017 troops last month held```: a relative date of a source, resolved.

    Shows the catalogue's resolution ("September 2017"), or the text before ``<...>``, with a
    mark whose tooltip gives the source's own words and the date they were resolved against.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        location = self.get_location()
        explicit = _EXPLICIT.match(self.text.strip())
        shown, target = (explicit.group(1), explicit.group(2)) if explicit else ("", self.text.strip())
        sid, _, words = target.partition(" ")
        domain = self.env.domains["prcite"]
        source = domain.sources.get(sid)
        if source is None:
            warn(
                "date",
                f"unknown source id {sid!r} in {{date}}; known ids: {', '.join(sorted(domain.sources))}",
                location,
                self.env,
            )
            return [nodes.inline(self.rawtext, "[date error]", classes=["cite-error"])], []
        if not words.strip():  # the text's own date, as the catalogue records it
            found = Resolution(sid, "", "", 0, 0, 1, source.line)
        else:
            found = source.dates.get(normalise(words))
        if found is None:
            known = "; ".join(repr(k) for k in source.dates) or "none"
            hint = difflib.get_close_matches(normalise(words), list(source.dates), n=1, cutoff=0.4)
            also = f" Did you mean {hint[0]!r}?" if hint else ""
            warn(
                "date",
                f"{sid}: {words!r} is not a recorded date of this source; add it to its dates in "
                f"catalog.yaml (says, means).{also} Recorded: {known}",
                location,
                self.env,
            )
            return [nodes.inline(self.rawtext, "[date error]", classes=["cite-error"])], []
        self.env.note_dependency(str(source.path.parent / "catalog.yaml"))
        shown = shown or (found.shown if found.says else source.date)
        if found.means and found.means[:4] not in shown:
            warn(
                "date",
                f"{{date}} shows {shown!r}, but {sid} {words!r} is resolved as {found.shown}",
                location,
                self.env,
            )
        node = resolved_date(
            self.rawtext,
            shown=shown,
            source=sid,
            says=found.says,
            means=found.means,
            passage=found.passage,
            resolved=found.shown,
            against=found.against(source.date, source.date_basis),
        )
        self.set_source_info(node)
        return [node], []


class EditorialRole(SphinxRole):
    """``{ed}`sic```: the site's own note or correction, shown in brackets as the editors'."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        words = " ".join(self.text.split())
        node = nodes.inline(self.rawtext, "", classes=["ed-note"])
        node += [nodes.Text("["), nodes.emphasis("", words), nodes.Text("]")]
        self.set_source_info(node)
        return [node], []
