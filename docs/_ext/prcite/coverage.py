"""How the sources are used: a theme × source table and a per-source coverage report.

Both need every page's citations, so the directive leaves a placeholder that is
filled at write time, and the pages holding one are rewritten whenever any
citation changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .catalogue import Source
    from .domain import CitationDomain


class coverage_placeholder(nodes.General, nodes.Element):
    """Replaced at write time by a table (attribute: kind)."""


class CoverageDirective(SphinxDirective):
    """``{coverage} themes`` (theme × source counts) or ``{coverage} sources`` (paragraph report)."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        kind = directives.choice(self.arguments[0], ("themes", "sources"))
        self.env.domains["prcite"].data["summaries"][self.env.docname] = True
        return [coverage_placeholder("", kind=kind)]


def counts(domain: CitationDomain, themes: dict[str, str]) -> dict[tuple[str, str], int]:
    """Citations per (theme id, source id), counted on each theme's page."""
    page_theme = {doc: theme for theme, doc in themes.items()}
    out: dict[tuple[str, str], int] = {}
    for cite in domain.all():
        theme = page_theme.get(cite.docname)
        if theme:
            out[theme, cite.source] = out.get((theme, cite.source), 0) + 1
    return out


def cited_passages(domain: CitationDomain, source: Source) -> dict[int, int]:
    """Citations per passage number of one source, over the whole site."""
    grouped = domain.by_passage()
    assert source.index is not None
    passages = source.index.passages
    return {p.number: len(grouped[source.id, p.number]) for p in passages if (source.id, p.number) in grouped}


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder with its table."""
    domain: CitationDomain = app.env.domains["prcite"]
    for node in list(doctree.findall(coverage_placeholder)):
        if node["kind"] == "themes":
            node.replace_self(_theme_table(app, domain, docname))
        else:
            node.replace_self(_source_report(app, domain, docname))


def _table(head: list[str], rows: list[list[nodes.Node]], classes: list[str]) -> nodes.table:
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(head))
    table += group
    for _ in head:
        group += nodes.colspec(colwidth=10)
    thead = nodes.thead()
    group += thead
    row = nodes.row()
    for text in head:
        row += nodes.entry("", nodes.paragraph("", text))
    thead += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", cell if isinstance(cell, nodes.paragraph) else nodes.paragraph("", "", cell))
        body += row
    return table


def _theme_table(app: Sphinx, domain: CitationDomain, docname: str) -> nodes.table:
    themes: dict[str, str] = app.config.prcite_themes
    sources = sorted(domain.sources.values(), key=lambda s: s.id)
    by = counts(domain, themes)
    titles = app.env.titles
    rows = []
    for theme, page in themes.items():
        if page not in titles:
            continue
        label = make_refnode(app.builder, docname, page, "", nodes.Text(titles[page].astext()))
        cells: list[nodes.Node] = [label]
        cells += [nodes.Text(str(by.get((theme, s.id), 0))) for s in sources]
        cells.append(nodes.Text(str(sum(by.get((theme, s.id), 0) for s in sources))))
        rows.append(cells)
    totals: list[nodes.Node] = [nodes.strong("", "All themes")]
    totals += [nodes.Text(str(sum(by.get((t, s.id), 0) for t in themes))) for s in sources]
    totals.append(nodes.Text(str(sum(by.values()))))
    rows.append(totals)
    return _table(["Theme", *(s.id for s in sources), "Total"], rows, ["coverage-themes"])


def _source_report(app: Sphinx, domain: CitationDomain, docname: str) -> nodes.Element:
    box = nodes.container(classes=["coverage-sources"])
    rows = []
    details = []
    for source in sorted(domain.sources.values(), key=lambda s: s.id):
        assert source.index is not None
        content = [p for p in source.index.passages if not p.furniture and not p.content_note]
        cited = cited_passages(domain, source)
        used = [p for p in content if p.number in cited]
        unused = [p for p in content if p.number not in cited]
        share = f"{100 * len(used) / len(content):.0f}%" if content else "–"
        link = make_refnode(app.builder, docname, source.docname, "", nodes.Text(source.id))
        rows.append([link, nodes.Text(str(len(content))), nodes.Text(str(len(used))), nodes.Text(share)])
        para = nodes.paragraph("", "", nodes.strong("", f"{source.id}, not cited: "))
        for i, passage in enumerate(unused):
            if i:
                para += nodes.Text(", ")
            para += make_refnode(app.builder, docname, source.docname, passage.anchor, nodes.Text(str(passage.number)))
        if not unused:
            para += nodes.Text("none")
        details.append(para)
    box += _table(["Source", "Content paragraphs", "Cited", "Share"], rows, ["coverage-report"])
    box += details
    return box
