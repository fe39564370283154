"""After a page is read: number its citations, record them, leave a place for its reference list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .domain import Cite
from .nodes import reference_list, src_citation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .domain import CitationDomain


def _section(node: nodes.Node) -> tuple[str, str]:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    if parent is None:
        return "", ""
    return parent["ids"][0], parent[0].astext()


def number_citations(app: Sphinx, doctree: nodes.document) -> None:
    domain: CitationDomain = app.env.domains["prcite"]
    docname = app.env.docname
    numbers: dict[tuple[str, int, int], int] = {}
    seen: dict[int, int] = {}
    for node in doctree.findall(src_citation):
        key = (node["source"], node["start"], node["end"])
        if key not in numbers:
            numbers[key] = len(numbers) + 1
        number = numbers[key]
        seen[number] = seen.get(number, 0) + 1
        node["number"] = number
        node["citeid"] = f"cite-{number}" if seen[number] == 1 else f"cite-{number}-{seen[number]}"
        section_id, section_title = _section(node)
        domain.add(
            Cite(
                docname,
                node.line or 0,
                number,
                node["citeid"],
                node["source"],
                node["quote"],
                node["start"],
                node["end"],
                node["passage"],
                section_id,
                section_title,
                node.get("voice", ""),
                node.get("mixed", False),
                node.get("reported", False),
            )
        )
    if numbers:
        _append_references(doctree, docname)


def _append_references(doctree: nodes.document, docname: str) -> None:
    placeholder = reference_list(docname=docname)
    section = nodes.section(
        "", nodes.title("", "References"), placeholder, ids=["page-references"], classes=["src-references"]
    )
    # inside the page's top section, so it shows in the page's table of contents
    top = next(iter(doctree.findall(nodes.section)), None)
    (top if top is not None else doctree).append(section)
