"""Search result snippets from a copy opened straight from disk.

Sphinx's search page fetches each result page to show a snippet, which browsers refuse
under ``file://``. Each page's text (sections with their ids) is kept while writing;
with the search page, which Sphinx writes after every other page, one script holding them all
is written, and the search page alone loads it with a small script that answers those
fetches from it when the site is read from disk. Over HTTP nothing changes.

An incremental build writes only some pages, so the texts are also kept beside the doctree
cache, in one file that exists only between builds: it is taken in when writing starts and
written again when the build finishes. A build interrupted in between leaves none, and the
next build then writes every page again rather than miss the texts of those it had written.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .nodes import src_citation

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

DATA = "prcite-searchtext.js"


def _store(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "prcite-searchtext.json"


def _texts(app: Sphinx) -> dict[str, str]:
    return app.builder.prcite_texts  # type: ignore[attr-defined]


def outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: with no texts kept (an interrupted build), every page is written again."""
    if app.builder.format != "html" or _store(app).exists():
        return []
    return sorted(env.found_docs - added - changed)


def start_writing(app: Sphinx, builder: Builder) -> None:
    """``write-started``: take in the texts kept by earlier builds."""
    if builder.format != "html":
        return
    store = _store(app)
    raw = store.read_text(encoding="utf-8") if store.exists() else None
    builder.prcite_texts = json.loads(raw) if raw else {}  # type: ignore[attr-defined]
    builder.prcite_texts_before = (raw, dict(builder.prcite_texts))  # type: ignore[attr-defined]
    store.unlink(missing_ok=True)


#: this site's own furniture, which a snippet should not show
_SKIP = {"passage-number", "no-search"}


#: where a citation stands; the next sentence needs the space the resolver gives it on the page
_CITATION = "\x00"
_SPACE_AFTER_CITATION = re.compile(_CITATION + r"(?=[\w“‘(\"])")


def _inline(node: nodes.Node) -> str:
    if isinstance(node, src_citation):
        return _CITATION
    if isinstance(node, nodes.Text):
        return str(node)
    return "".join(_inline(child) for child in node.children)


def _text(node: nodes.Node) -> str:
    # runs before the citations are resolved (see setup), so no markers, margin counts or
    # back-links are in the tree yet and inline content can be read whole
    if isinstance(node, nodes.Text):
        return str(node)
    if not isinstance(node, nodes.Element) or _SKIP & set(node["classes"]):
        return ""
    if isinstance(node, nodes.TextElement):
        return _SPACE_AFTER_CITATION.sub(" ", _inline(node)).replace(_CITATION, "")
    # blocks (list items, table cells, definitions) are words apart
    return " ".join(_text(child) for child in node.children)


def _minimal_html(node: nodes.Element) -> str:
    """The page as nested sections of plain text: all the search summary reads."""
    parts = []
    for child in node.children:
        if isinstance(child, nodes.section):
            ids = child["ids"][0] if child["ids"] else ""
            parts.append(f'<section id="{html.escape(ids)}">{_minimal_html(child)}</section>')
        elif isinstance(child, nodes.Element) and not isinstance(child, nodes.comment):
            text = " ".join(_text(child).split())
            if text:
                parts.append(f"<p>{html.escape(text)}</p>")
    # a line break between blocks: the snippet is the page's textContent, which would run them together
    return "\n".join(parts)


def keep_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (in the main process, also when writing in parallel): keep this page's text."""
    if app.builder.format == "html":
        _texts(app)[docname] = f'<div role="main">{_minimal_html(doctree)}</div>'


def _pages(app: Sphinx) -> dict[str, str]:
    """The text of every page of the site, removed pages left out."""
    texts = _texts(app)
    return {docname: texts[docname] for docname in sorted(app.env.found_docs) if docname in texts}


def _write_script(app: Sphinx) -> None:
    """The script with the text of every page, unless no page's text changed since it was written."""
    pages = _pages(app)
    raw, before = getattr(app.builder, "prcite_texts_before", (None, {}))
    out = Path(app.outdir) / "_static" / DATA
    if raw is not None and pages == before and out.is_file():
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("window.PRCITE_PAGES = " + json.dumps(pages, ensure_ascii=False, sort_keys=True) + ";\n", "utf-8")


def write_data(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the texts kept for the next build."""
    if exception is not None or app.builder.format != "html":
        return
    pages = _pages(app)
    raw, before = getattr(app.builder, "prcite_texts_before", (None, {}))
    unchanged = raw is not None and pages == before
    _store(app).write_text(raw if unchanged else json.dumps(pages, ensure_ascii=False), encoding="utf-8")


def search_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if pagename == "search":
        # written here, not when the build ends: the search page comes after every other page, so
        # all the texts are in, and Sphinx's "?v=" checksum on the script tag is then of this
        # build's file (written at build end, a clean build had no checksum and an incremental
        # one the previous build's)
        _write_script(app)
        app.add_js_file(DATA)
        app.add_js_file("prcite-search.js")
