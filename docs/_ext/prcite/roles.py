"""The ``{src}`source-id verbatim quote``` role: verify the quote, leave a node."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from .nodes import src_citation
from .passages import MIN_QUOTE_WORDS, Match, QuoteError, word_count
from .report import warn
from .yamlfile import suggest

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .domain import CitationDomain


def verify(env: BuildEnvironment, sid: str, quote: str, location: Any, in_document: bool = True) -> Match | None:
    """Find ``quote`` in source ``sid`` exactly once, or warn at ``location``.

    ``in_document``: called while a page is read, so the page depends on the source.
    """
    domain: CitationDomain = env.domains["prcite"]
    source = domain.sources.get(sid)
    if source is None:
        if sid in domain.broken:
            warn("citation", f"source {sid!r} cannot be cited until its catalogue problem is fixed", location)
        else:
            known = ", ".join(sorted(domain.sources)) or "none"
            warn("citation", f"unknown source id {sid!r}{suggest(sid, domain.sources)}; known ids: {known}", location)
        return None
    if in_document:
        env.note_dependency(str(source.path))
        env.note_dependency(str(source.path.parent / "catalog.yaml"))
    assert source.index is not None
    try:
        match = source.index.find(quote)
    except QuoteError as exc:
        warn("quote", f"{sid}: {exc}", location)
        return None
    if word_count(quote) < MIN_QUOTE_WORDS:
        warn(
            "quote",
            f"{sid}: quote {quote!r} has fewer than {MIN_QUOTE_WORDS} words, too few to carry its "
            "context; quote a little more",
            location,
        )
    return match


class SrcRole(SphinxRole):
    """``{src}`ruff-2018 some verbatim words``: a citation of a passage."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        sid, _, quote = self.text.strip().partition(" ")
        location = self.get_location()
        if not quote.strip():
            warn("quote", f"citation of {sid!r} has an empty quote: write {{src}}`{sid} verbatim words`", location)
            return [nodes.inline(self.rawtext, "[citation error]", classes=["cite-error"])], []
        match = verify(self.env, sid, quote, location)
        if match is None:
            return [nodes.inline(self.rawtext, "[citation error]", classes=["cite-error"])], []
        node = src_citation(
            self.rawtext,
            source=sid,
            quote=" ".join(quote.split()),
            start=match.start,
            end=match.end,
            passage=match.passage.number,
        )
        self.set_source_info(node)
        return [node], []
