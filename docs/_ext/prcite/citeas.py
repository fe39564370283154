"""“Cite this passage”: copy a ready citation of a source paragraph, as plain text or BibTeX.

Shown beside every paragraph of a source page and in every citation tooltip (HTML only;
print has the reference lists). A control carries only its source id and paragraph
number; each page embeds the metadata of the sources it shows once, and ``prcite.js``
formats the citation on demand, so a page with hundreds of markers stays light. The link
is the paragraph's stable address on the published site (``html_baseurl``).
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .domain import CitationDomain


def render(source: str, number: int, lead: str = "") -> str:
    """The control's HTML: two buttons that copy; a status line for screen readers.

    ``lead`` names whose words a tooltip's citation cites when they are not the author's
    ("Maria Sultan (…), quoted in Kaswar Klasra"); a paragraph's own buttons cite the text.
    """
    data = f'data-source="{html.escape(source)}" data-paragraph="{number}"'
    if lead:
        data += f' data-lead="{html.escape(lead)}"'
    return (
        f'<span class="cite-as" role="group" aria-label="Cite paragraph {number}">'
        f'<button type="button" class="copy-cite" data-format="text" {data}>Copy citation</button>'
        f'<button type="button" class="copy-cite" data-format="bibtex" {data}>Copy BibTeX</button>'
        '<span class="copy-status" role="status"></span></span>'
    )


def embed_metadata(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: the metadata of the sources this page cites or shows, once."""
    domain: CitationDomain = app.env.domains["prcite"]
    ids = {cite.source for cite in domain.citations.get(pagename, [])}
    shown = domain.by_docname().get(pagename)
    if shown is not None:
        ids.add(shown.id)
    if not ids or "body" not in context:
        return
    base = (app.config.html_baseurl or "").rstrip("/")
    meta = {}
    for sid in sorted(ids & domain.sources.keys()):
        source = domain.sources[sid]
        page = app.builder.get_target_uri(source.docname)
        meta[sid] = {
            "author": source.author,
            "title": source.title,
            "outlet": " ".join(str(source.meta.get("outlet", "")).split()),
            "date": source.date,
            "url": f"{base}/{page}" if base else page,
        }
    payload = json.dumps(meta, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    context["body"] += f'<script type="application/json" id="prcite-sources">{payload}</script>\n'
