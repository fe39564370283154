"""The doctree nodes of the extension and how each builder writes them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from .citeas import render as render_cite_as

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class src_citation(nodes.Inline, nodes.Element):
    """A verified citation, as read; becomes a numbered marker when resolved.

    Attributes: source, quote, start, end, passage, number, citeid.
    """


class reference_list(nodes.General, nodes.Element):
    """A page's reference list, filled at write time from the recorded citations (attribute: docname).

    Only a placeholder is read and pickled: the entries would otherwise go through every
    read-time transform and the doctree cache for nothing.
    """


class cite_marker(nodes.Inline, nodes.Element):
    """The HTML form of a citation: numbered link plus a tooltip with the quote."""


class html_fragment(nodes.General, nodes.Element):
    """Markup the resolver wrote for the HTML builder in one piece (attribute: html).

    Reference lists and back-links are several small elements per citation; as one string
    they cost the writer, the search indexer and the garbage collector nothing per entry.
    Having no text node, they stay out of Sphinx's search index, as the site's furniture should.
    """


class content_note(nodes.General, nodes.Element):
    """Passages shown only after the reader opens a content note (attribute: note)."""


def visit_cite_marker(self: HTML5Translator, node: cite_marker) -> None:
    tip_id = f"tip-{node['citeid']}"
    self.body.append(
        f'<span class="cite"><a class="src-cite" id="{node["citeid"]}" href="{self.attval(node["refuri"])}"'
        f' aria-describedby="{tip_id}">{node["number"]}</a>'
        f'<span class="cite-tip" role="tooltip" id="{tip_id}">'
        f'<span class="cite-tip-quote">“{self.encode(node["quote"])}”</span> '
        f'<span class="cite-tip-source">{self.encode(node["label"])}</span>'
        + render_cite_as(node["source"], node["passage"])
        + "</span></span>"
    )
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def visit_html_fragment(self: HTML5Translator, node: html_fragment) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def content_note_open(self: HTML5Translator, note: str) -> str:
    return (
        '<details class="content-note">'
        f"<summary><strong>Content note.</strong> {self.encode(note)} "
        '<span class="content-note-action">Show the comments</span></summary>\n'
    )


def visit_content_note_html(self: HTML5Translator, node: content_note) -> None:
    self.body.append(content_note_open(self, node["note"]))


def depart_content_note_html(self: HTML5Translator, node: content_note) -> None:
    self.body.append("</details>\n")


def register(app: Sphinx) -> None:
    app.add_node(src_citation)
    app.add_node(reference_list, html=(skip, None), latex=(skip, None), text=(skip, None))
    app.add_node(cite_marker, html=(visit_cite_marker, None))
    # only the HTML builder is given one (see resolve)
    app.add_node(html_fragment, html=(visit_html_fragment, None))
    # other builders never see a content_note: the resolver unwraps it
    app.add_node(content_note, html=(visit_content_note_html, depart_content_note_html))
