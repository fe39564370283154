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
    return Path(app.doctreedir) / "prcite-searchtext.txt"


def _texts(app: Sphinx) -> dict[str, str]:
    """Each page's text, as a JSON string: encoded once, when the page is written, not every build."""
    return app.builder.prcite_texts  # type: ignore[attr-defined]


def outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: with no texts kept (an interrupted build), every page is written again."""
    if app.builder.format != "html" or _store(app).exists():
        return []
    return sorted(env.found_docs - added - changed)


def start_writing(app: Sphinx, builder: Builder) -> None:
    """``write-started``: take in the texts kept by earlier builds (a line a page: its name and text
    as JSON strings, a tab between)."""
    if builder.format != "html":
        return
    store = _store(app)
    raw = store.read_text(encoding="utf-8") if store.exists() else ""
    texts = (line.split("\t", 1) for line in raw.splitlines())
    builder.prcite_texts = {json.loads(docname): text for docname, text in texts}  # type: ignore[attr-defined]
    builder.prcite_texts_before = dict(builder.prcite_texts) if store.exists() else None  # type: ignore[attr-defined]
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
        text = f'<div role="main">{_minimal_html(doctree)}</div>'
        _texts(app)[docname] = json.dumps(text, ensure_ascii=False)


def _pages(app: Sphinx) -> dict[str, str]:
    """The text of every page of the site (JSON strings), removed pages left out, in page order."""
    texts = _texts(app)
    return {docname: texts[docname] for docname in sorted(app.env.found_docs) if docname in texts}


def _write_script(app: Sphinx) -> None:
    """The script with the text of every page, unless no page's text changed since it was written."""
    pages = _pages(app)
    out = Path(app.outdir) / "_static" / DATA
    if pages == getattr(app.builder, "prcite_texts_before", None) and out.is_file():
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    # the object written as json.dumps(..., sort_keys=True) writes it, from the strings kept
    entries = ", ".join(f"{json.dumps(docname, ensure_ascii=False)}: {text}" for docname, text in pages.items())
    out.write_text(f"window.PRCITE_PAGES = {{{entries}}};\n", encoding="utf-8")


def write_data(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the texts kept for the next build."""
    if exception is not None or app.builder.format != "html":
        return
    lines = "".join(f"{json.dumps(docname, ensure_ascii=False)}\t{text}\n" for docname, text in _pages(app).items())
    _store(app).write_text(lines, encoding="utf-8")


def search_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if pagename == "search":
        # written here, not when the build ends: the search page comes after every other page, so
        # all the texts are in, and Sphinx's "?v=" checksum on the script tag is then of this
        # build's file (written at build end, a clean build had no checksum and an incremental
        # one the previous build's)
        _write_script(app)
        app.add_js_file(DATA)
        app.add_js_file("prcite-search.js")
