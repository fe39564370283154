"""prcite: source-verified citations, source pages and back-links for Sphinx."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from . import (
    cache,
    catalogue,
    citeas,
    corpus,
    figures,
    grounding,
    navigation,
    nodes,
    resolve,
    searchindex,
    searchtext,
    sitemap,
    sourcepage,
)
from .a11y import caption_levels
from .annotations import write_annotations
from .book import arrange_book
from .chronology import ChronologyDirective, Event, load_events
from .collect import number_citations
from .coverage import CoverageDirective, coverage_placeholder, fill
from .domain import CitationDomain
from .epub import register as register_epub
from .export import write_citations_json
from .metadata import register as register_metadata
from .report import warn
from .roles import DateRole, EditorialRole, SrcRole
from .sourcepage import SourceListDirective, SourceParser, fill_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

STATIC = Path(__file__).parent / "static"


def load_catalogue(app: Sphinx) -> None:
    """``builder-inited``: the catalogue, the sources and the events, read and checked.

    Taken from the last build when none of their files, nor the extension, changed (``cache``).
    """
    domain: CitationDomain = app.env.domains["prcite"]
    config = app.config
    folder = Path(app.srcdir) / config.prcite_sources
    events = Path(app.srcdir) / config.prcite_events

    def read() -> tuple[dict[str, catalogue.Source], set[str], list[Event]]:
        sources, problems = catalogue.load(folder)
        domain.set_catalogue(sources, {p.source_id for p in problems if p.source_id})
        for problem in problems:
            where = f"{problem.path}:{problem.line}" if problem.line else str(problem.path)
            warn("catalogue", problem.message, where)
        load_events(app)
        return domain.sources, domain.broken, domain.events

    inputs = cache.key([folder / "catalog.yaml", *folder.glob("*.txt"), events], config.prcite_themes)
    sources, broken, domain.events = cache.remembered(app, "catalogue", inputs, read)
    domain.set_catalogue(sources, broken)
    grounding.setup_check(app)
    grounding.check_events(app, inputs)
    # What exists now (Sphinx, the environment, the catalogue) lives until the build ends: out
    # of the collector's sight, each full collection scans only what the build adds (on the
    # real site, 0.33 s of a clean build's collecting becomes 0.11 s). Unfrozen when it finishes.
    gc.freeze()


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    gc.unfreeze()


def add_static(app: Sphinx, config: Config) -> None:
    # at config-inited, so the pickled configuration matches the next build's and
    # incremental builds do not see a "changed" configuration
    config.html_static_path.append(str(STATIC))


def before_read(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    # env-get-outdated comes before Sphinx purges removed and changed pages
    domain: CitationDomain = env.domains["prcite"]
    domain.snapshot()
    # A page depends on catalog.yaml, not on the texts it cites (roles.verify): a text edited
    # without its new SHA-256 makes its entry unusable and leaves catalog.yaml as it was. The
    # pages citing it are read again, to report the citations that cannot be checked now.
    return [doc for doc in domain.citing_unusable() if doc in env.found_docs]


def updated_docs(app: Sphinx, env: BuildEnvironment) -> list[str]:
    return env.domains["prcite"].changed_docs()


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("prcite_sources", "sources", "env", types=[str])
    app.add_config_value("prcite_events", "docs/events.yaml", "env", types=[str])
    app.add_config_value("prcite_themes", {}, "env", types=[dict])
    app.add_config_value("prcite_appendix", [], "env", types=[list])
    app.add_config_value("prcite_vocabulary", "docs/vocabulary.yaml", "env", types=[str])
    app.add_config_value("prcite_grounding_exclude", [], "env", types=[list])
    app.add_domain(CitationDomain)
    nodes.register(app)
    resolve.register(app)
    sourcepage.register(app)
    figures.register(app)
    register_metadata(app)  # bibliographic metadata and descriptions (issue 17)
    register_epub(app)  # the EPUB edition (issue 17)
    sitemap.register(app)
    navigation.register(app)
    app.add_role("src", SrcRole())
    app.add_role("date", DateRole())
    app.add_role("ed", EditorialRole())
    app.add_source_suffix(".txt", "prsource")
    app.add_source_parser(SourceParser)
    app.add_directive("source-list", SourceListDirective)
    app.add_directive("chronology", ChronologyDirective)
    app.add_directive("coverage", CoverageDirective)
    app.add_node(coverage_placeholder)
    app.connect("config-inited", add_static)
    app.connect("config-inited", corpus.set_substitutions)
    app.add_css_file("prcite.css")
    app.add_js_file("prcite.js", defer="defer")
    app.connect("builder-inited", load_catalogue)
    app.connect("env-get-outdated", before_read)
    app.connect("env-get-updated", updated_docs)
    app.connect("doctree-read", number_citations)
    app.connect("doctree-read", grounding.check_page)
    app.connect("build-finished", grounding.report)
    app.connect("env-check-consistency", lambda app, env: env.domains["prcite"].check_consistency())
    app.connect("env-get-outdated", searchtext.outdated)
    app.connect("write-started", searchtext.start_writing)
    # the source texts are filled in first; the search text is kept before the citations are
    # resolved, so no markers or back-links are in it
    app.connect("doctree-resolved", fill_text, priority=300)
    app.connect("doctree-resolved", searchtext.keep_text, priority=400)
    app.connect("doctree-resolved", resolve.resolve_citations)
    app.connect("doctree-resolved", fill)
    app.connect("doctree-resolved", arrange_book)
    app.connect("build-finished", write_citations_json)
    app.connect("build-finished", write_annotations)  # W3C Web Annotations (issue 17)
    app.connect("html-page-context", caption_levels)
    app.connect("html-page-context", searchtext.search_page_assets)
    app.connect("html-page-context", citeas.embed_metadata)
    app.connect("build-finished", searchtext.write_data)
    app.connect("builder-inited", searchindex.keep_index_entries)  # a Sphinx 9.0.4 defect, see there
    app.connect("build-finished", unfreeze, priority=900)
    return {"version": "1.0", "env_version": 7, "parallel_read_safe": True, "parallel_write_safe": True}
