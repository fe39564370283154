"""The PDF's structure: the overview and every page a chapter, the sources as appendices.

Sphinx's LaTeX builder inlines each page where its toctree stands, so pages
listed from inside a section of the overview would become sub-sections, and the
source texts would sit in the body. This moves every inlined page to the top
level, in reading order, and the source pages after ``\\appendix``. Nested pages are
flattened too: each source text is an appendix of its own. The overview's own title is
the book's, so its text and sections are gathered into a chapter "Overview" rather than
each section becoming a chapter of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def arrange_book(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    top = next(iter(doctree.findall(nodes.section)), None)
    if top is None:
        return
    # the appendix: the pages named in prcite_appendix, then every source text
    order = list(app.config.prcite_appendix)
    order += sorted(s.docname for s in app.env.domains["prcite"].sources.values())
    body: list[nodes.Node] = []
    appendix: dict[str, nodes.Node] = {}
    for page in list(doctree.findall(addnodes.start_of_file)):
        page.parent.remove(page)
        if page["docname"] in order:
            appendix[page["docname"]] = page
        else:
            body.append(page)
    title = top.children[0] if top.children and isinstance(top.children[0], nodes.title) else None
    overview = nodes.section("", nodes.title("", "Overview"), ids=["book-overview"])
    overview.extend(child for child in top.children if child is not title)
    top.children = [title] if title is not None else []
    top.append(overview)
    top.extend(body)
    if appendix:
        top.append(nodes.raw("", "\\appendix\n", format="latex"))
        top.extend(appendix[doc] for doc in order if doc in appendix)
