"""“Cite this passage”: a ready citation of a source paragraph, as plain text and BibTeX.

Shown beside every paragraph of a source page and in every citation tooltip (HTML
only; print has the reference lists). The link is the paragraph's stable address
on the published site (``html_baseurl``).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from .catalogue import Source


class cite_as(nodes.Inline, nodes.Element):
    """A copy-a-citation control (attributes: text, bibtex, label)."""


def passage_url(app: Sphinx, source: Source, number: int) -> str:
    base = (app.config.html_baseurl or "").rstrip("/")
    page = app.builder.get_target_uri(source.docname) if app.builder.format == "html" else f"{source.docname}.html"
    return f"{base}/{page}#p-{number}" if base else f"{page}#p-{number}"


def plain(source: Source, number: int, url: str) -> str:
    outlet = " ".join(str(source.meta.get("outlet", "")).split())
    return f"{source.author}, “{source.title}”, {outlet}, {source.date}, paragraph {number}. {url}"


def bibtex(source: Source, number: int, url: str) -> str:
    def esc(value: str) -> str:
        return re.sub(r"([{}&%$#_])", r"\\\1", " ".join(str(value).split()))

    year = source.date[:4] if source.date[:4].isdigit() else ""
    return (
        f"@misc{{{source.id}-p{number},\n"
        f"  author = {{{esc(source.author)}}},\n"
        f"  title = {{{esc(source.title)}}},\n"
        f"  howpublished = {{{esc(source.meta.get('outlet', ''))}}},\n"
        f"  year = {{{year}}},\n"
        f"  note = {{Paragraph {number}}},\n"
        f"  url = {{{url}}}\n}}"
    )


def make(app: Sphinx, source: Source, number: int) -> cite_as:
    url = passage_url(app, source, number)
    return cite_as("", text=plain(source, number, url), bibtex=bibtex(source, number, url), label=f"paragraph {number}")


def render(node_text: str, node_bibtex: str, label: str) -> str:
    """The control's HTML: two buttons that copy; a status line for screen readers."""
    text, bib = html.escape(node_text, quote=True), html.escape(node_bibtex, quote=True)
    return (
        f'<span class="cite-as" role="group" aria-label="Cite {html.escape(label)}">'
        f'<button type="button" class="copy-cite" data-copy="{text}">Copy citation</button>'
        f'<button type="button" class="copy-cite" data-copy="{bib}">Copy BibTeX</button>'
        '<span class="copy-status" role="status"></span></span>'
    )


def visit_cite_as(self: HTML5Translator, node: cite_as) -> None:
    self.body.append(render(node["text"], node["bibtex"], node["label"]))
    raise nodes.SkipNode


def skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode
