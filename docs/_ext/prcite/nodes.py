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
    """A page's reference list, written at write time from the recorded citations (attribute: docname).

    Only a placeholder is read and pickled, and for HTML its visitor writes the list as one
    string (``resolve``): the entries would otherwise go through every read-time transform,
    the doctree cache, the writer and the search index for nothing. Having no text, the list
    stays out of Sphinx's search index, as the site's furniture should.
    """


class cite_marker(nodes.Inline, nodes.Element):
    """The HTML form of a citation: numbered link plus a tooltip with the quote."""


class resolved_date(nodes.Inline, nodes.Element):
    """A relative date of a source shown as a calendar date (``{date}``), with its own words.

    Attributes: shown (as the page words it), resolved (the date, "September 2017"), source,
    says, means, passage, against.
    """


def date_explanation(node: nodes.Element) -> str:
    """What the reader is told: the source's words, and what they were resolved against."""
    if not node["says"]:
        return f"No date in the words cited: the site places it at {node['against']}."
    if not node["means"]:
        return f"The text says “{node['says']}”, which gives no year: the site places it by {node['against']}."
    if node["against"].startswith("the site’s reckoning"):
        return f"The text says “{node['says']}”; the site dates it {node['resolved']} ({node['against']})."
    return f"The text says “{node['says']}”; the site dates it {node['resolved']}, against {node['against']}."


def visit_resolved_date_html(self: HTML5Translator, node: resolved_date) -> None:
    if not interactive(self):  # as in print: the note in brackets after the date
        self.body.append(
            f'{self.encode(node["shown"])} <span class="date-note">[{self.encode(date_explanation(node))}]</span>'
        )
        raise nodes.SkipNode
    number = getattr(self, "_prcite_dates", 0) + 1
    self._prcite_dates = number  # type: ignore[attr-defined]
    tip = f"dtip-{number}"
    source = self.builder.env.domains["prcite"].sources[node["source"]]
    href = self.builder.get_relative_uri(self.builder.current_docname, source.docname) + f"#p-{node['passage']}"
    self.body.append(
        f'<span class="resolved-date">{self.encode(node["shown"])}<span class="cite date-note">'
        f'<a class="date-mark" href="{self.attval(href)}" aria-describedby="{tip}" '
        f'aria-label="how this date was worked out">≈</a>'
        f'<span class="cite-tip" role="tooltip" id="{tip}">{self.encode(date_explanation(node))} '
        f"See the source, paragraph {node['passage']}.</span></span></span>"
    )
    raise nodes.SkipNode


def visit_resolved_date_latex(self: Any, node: resolved_date) -> None:
    self.body.append(self.encode(node["shown"]) + r" {\footnotesize[" + self.encode(date_explanation(node)) + "]}")
    raise nodes.SkipNode


def visit_resolved_date_text(self: Any, node: resolved_date) -> None:
    self.add_text(f"{node['shown']} [{date_explanation(node)}]")
    raise nodes.SkipNode


class content_note(nodes.General, nodes.Element):
    """Passages shown only after the reader opens a content note (attribute: note)."""


def interactive(self: HTML5Translator) -> bool:
    """Whether the page is for a browser: the EPUB gets no tooltips, buttons or scripts."""
    return self.builder.name != "epub"


def visit_cite_marker(self: HTML5Translator, node: cite_marker) -> None:
    if not interactive(self):  # the reference list at the page's end gives the quote
        self.body.append(
            f'<span class="cite"><a class="src-cite" id="{node["citeid"]}" '
            f'href="{self.attval(node["refuri"])}">{node["number"]}</a></span>'
        )
        raise nodes.SkipNode
    tip_id = f"tip-{node['citeid']}"
    self.body.append(
        f'<span class="cite"><a class="src-cite" id="{node["citeid"]}" href="{self.attval(node["refuri"])}"'
        f' aria-describedby="{tip_id}">{node["number"]}</a>'
        f'<span class="cite-tip" role="tooltip" id="{tip_id}">'
        f'<span class="cite-tip-quote">“{self.encode(node["quote"])}”</span> '
        f'<span class="cite-tip-source">{self.encode(node["label"])}</span>'
        + render_cite_as(node["source"], node["passage"], node.get("lead", ""))
        + "</span></span>"
    )
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Node) -> None:
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
    app.add_node(cite_marker, html=(visit_cite_marker, None))
    app.add_node(
        resolved_date,
        html=(visit_resolved_date_html, None),
        latex=(visit_resolved_date_latex, None),
        text=(visit_resolved_date_text, None),
    )
    # other builders never see a content_note: the resolver unwraps it
    app.add_node(content_note, html=(visit_content_note_html, depart_content_note_html))
