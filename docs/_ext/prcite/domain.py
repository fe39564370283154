"""Where citation data lives: every citation site, keyed by the citing document.

Modelled on ``sphinx.domains.citation``: ``clear_doc`` and ``merge_domaindata``
keep the data right under incremental and parallel builds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from sphinx.domains import Domain

from .report import warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    from sphinx.environment import BuildEnvironment

    from .catalogue import Source
    from .chronology import Event


class Cite(NamedTuple):
    """One citation site, recorded while reading the citing document."""

    docname: str
    lineno: int
    number: int  # the marker's number on its page
    citeid: str  # id of the marker in the citing page
    source: str
    quote: str
    start: int  # character offsets of the match in the source file
    end: int
    passage: int
    section_id: str
    section_title: str
    voice: str = ""  # the voice id in the source's catalogue entry; "" for the author's narration
    mixed: bool = False  # the quote spans the author's narration and the voice's words
    reported: bool = False  # the author's narration, attributed to the voice by ``@voice``

    @property
    def target(self) -> str:
        """The id of the quoted words on the source page."""
        return quote_target(self.start, self.end)


def quote_target(start: int, end: int) -> str:
    return f"q-{start}-{end}"


class CitationDomain(Domain):
    name = "prcite"
    label = "source citations"
    initial_data: ClassVar[dict[str, Any]] = {
        "citations": {},  # docname -> list[Cite]
        "summaries": {},  # docname -> True, for pages whose tables count every citation
    }
    data_version = 2

    #: the catalogue, loaded afresh on every build (never pickled)
    sources: dict[str, Source]
    _pages: dict[str, Source] | None
    #: ids named in the catalogue whose entry or file is broken
    broken: set[str]
    #: the checked events of docs/events.yaml, loaded afresh on every build
    events: list[Event]
    #: citations grouped by passage, rebuilt when the data changes (never pickled)
    _grouped: dict[tuple[str, int], list[Cite]] | None
    #: per source, its citations before this build read anything
    _before: dict[str, tuple[Cite, ...]]

    def set_catalogue(self, sources: dict[str, Source], broken: set[str]) -> None:
        self.sources, self.broken, self._pages = sources, broken, None

    @property
    def citations(self) -> dict[str, list[Cite]]:
        return self.data["citations"]

    def add(self, cite: Cite) -> None:
        self.citations.setdefault(cite.docname, []).append(cite)
        self._grouped = None

    def clear_doc(self, docname: str) -> None:
        self.citations.pop(docname, None)
        self.data["summaries"].pop(docname, None)
        self._grouped = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("citations", "summaries"):
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
        self._grouped = None

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []

    def all(self) -> Iterable[Cite]:
        for docname in sorted(self.citations):
            yield from self.citations[docname]

    def by_source(self) -> dict[str, tuple[Cite, ...]]:
        grouped: dict[str, list[Cite]] = {}
        for cite in self.all():
            grouped.setdefault(cite.source, []).append(cite)
        return {sid: tuple(cites) for sid, cites in grouped.items()}

    def by_docname(self) -> dict[str, Source]:
        """Sources by the docname of their page (the catalogue is fixed for a build)."""
        if getattr(self, "_pages", None) is None:
            self._pages = {source.docname: source for source in self.sources.values()}
        return self._pages

    def by_passage(self) -> dict[tuple[str, int], list[Cite]]:
        """Citations per (source id, passage number); computed once per state of the data.

        Every page written looks its passages up here, so grouping once keeps the
        write phase linear in the number of pages.
        """
        if getattr(self, "_grouped", None) is None:
            grouped: dict[tuple[str, int], list[Cite]] = {}
            for cite in self.all():
                grouped.setdefault((cite.source, cite.passage), []).append(cite)
            self._grouped = grouped
        return self._grouped

    def citing_unusable(self) -> list[str]:
        """Pages whose citations name a source the catalogue no longer gives (broken or gone)."""
        return sorted(doc for doc, cites in self.citations.items() if any(c.source not in self.sources for c in cites))

    def snapshot(self) -> None:
        self._before = self.by_source()

    def changed_docs(self) -> list[str]:
        """Pages to rewrite because citations changed since ``snapshot``.

        The source pages whose incoming citations changed, and, if any did, the
        pages whose tables count every citation.
        """
        before, after = getattr(self, "_before", {}), self.by_source()
        changed = {sid for sid in before.keys() | after.keys() if before.get(sid) != after.get(sid)}
        docs = {self.sources[sid].docname for sid in changed if sid in self.sources}
        if changed:
            docs.update(self.data["summaries"])
        return sorted(docs)

    def check_consistency(self) -> None:
        env: BuildEnvironment = self.env
        excluded = {sid for sid, source in self.sources.items() if source.docname not in env.all_docs}
        for cite in self.all():
            source = self.sources.get(cite.source)
            if source and cite.source in excluded:
                warn(
                    "citation",
                    f"citation of {cite.source!r}, whose page {source.docname} is excluded from the "
                    "build; include the source page or remove the citation",
                    (cite.docname, cite.lineno),
                )
