"""The EPUB 3 edition (``make epub``): Sphinx's own EPUB builder, fixed where it fails this site.

Sphinx builds EPUB with its plain ``epub`` theme, not Furo, so Furo's templates play no part.
What this module changes, each for an epubcheck error or a reader's need:

- **Table of contents.** The root document lives in ``docs/``; Sphinx makes the navigation
  document's and ``toc.ncx``'s links relative to it only for the spine, so the table of
  contents pointed at ``themes/cold-war.xhtml`` rather than ``docs/themes/cold-war.xhtml``, and
  the sources' spine entries at files missing from the manifest. Every link of the table of
  contents is made relative to the package root, once.
- **Inline SVG.** The figures are inline SVG (links and text stay live); EPUB wants the
  ``svg`` property on each manifest item that holds one, and no RDF metadata inside it.
- **Interactive furniture.** Tooltips, "Copy citation" buttons and their scripts are for the
  web: the writers leave them out of the EPUB (``nodes.interactive``), so a citation marker is
  a plain link to the quoted words in the source appendix, the page's reference list gives
  each quote in full, and a resolved date carries its note in brackets, as in print. Scripts and the
  web stylesheet (whose selectors epubcheck's CSS parser refuses) stay out; a small stylesheet
  of its own marks the quoted words and dims the furniture.
- **Version.** EPUB 3 wants one; the reader has no release numbers, so the date of the last
  Git commit is used (``unversioned`` outside a Git checkout).
"""

from __future__ import annotations

import posixpath
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STYLESHEET = "prcite-epub.css"
#: files of the HTML site that the EPUB does without (relative to the output directory)
_WEB_ONLY = re.compile(r"^(index\.html|404\.html|_static/.*\.js|_static/prcite\.css|_static/favicon\.svg)$")

_SOURCES_DATA = re.compile(r'<script type="application/json" id="prcite-sources">.*?</script>\n?', re.S)
_SVG_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_SVG_LINK = re.compile(r'<a xlink:href="([^"#]*)(#[^"]*)?"')


class ReaderEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, with the table of contents relative to the package root."""

    def init(self) -> None:
        if not self.config.version:
            self.config.version = _git_date(Path(self.srcdir)) or "unversioned"
        super().init()

    def get_refnodes(self, doctree: nodes.Node, result: list[dict[str, Any]]) -> list[dict[str, Any]]:
        outermost = isinstance(doctree, nodes.document)
        result = super().get_refnodes(doctree, result)
        if outermost:
            folder = posixpath.dirname(self.config.root_doc)
            for item in result:
                item["refuri"] = posixpath.normpath(posixpath.join(folder, item["refuri"]))
        return result

    def get_toc(self) -> None:
        # as Sphinx's, less its own (partial) re-rooting: get_refnodes has done it
        doctree = self.env.get_and_resolve_doctree(
            self.config.root_doc, self, tags=self.tags, prune_toctrees=False, includehidden=True
        )
        self.refnodes = self.get_refnodes(doctree, [])
        self.toc_add_files(self.refnodes)

    def build_content(self) -> None:
        out = Path(self.outdir)
        for path in sorted(out.rglob("*")):
            if path.is_file() and _WEB_ONLY.match(path.relative_to(out).as_posix()):
                path.unlink()
        super().build_content()
        opf = out / "content.opf"
        text = opf.read_text(encoding="utf-8")

        def svg(match: re.Match[str]) -> str:
            item, href = match.group(0), match.group(1)
            if "<svg" in (out / href).read_text(encoding="utf-8"):
                return item.replace(
                    ' media-type="application/xhtml+xml"', ' media-type="application/xhtml+xml" properties="svg"'
                )
            return item

        text = re.sub(r'<item id="[^"]*" href="([^"]*\.xhtml)" media-type="application/xhtml\+xml" />', svg, text)
        opf.write_text(text, encoding="utf-8")

    def build_toc(self) -> None:
        # toc.ncx must name the package's identifier; Sphinx's template puts the id of its element there
        super().build_toc()
        ncx = Path(self.outdir) / "toc.ncx"
        uid = f'<meta name="dtb:uid" content="{self.config.epub_uid}"/>'
        ident = f'<meta name="dtb:uid" content="{_attr(self.config.epub_identifier)}"/>'
        ncx.write_text(ncx.read_text(encoding="utf-8").replace(uid, ident), encoding="utf-8")


def _git_date(folder: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%cs"], cwd=folder, capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def epub_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context`` for the EPUB: no tooltips, buttons or web stylesheet."""
    if app.builder.name != "epub":
        return
    css_files = context.get("css_files", [])
    context["css_files"] = [css for css in css_files if not str(getattr(css, "filename", css)).endswith("prcite.css")]
    context["css_files"].append(f"_static/{STYLESHEET}")
    body = context.get("body", "")
    body = _SOURCES_DATA.sub("", body)
    body = _SVG_METADATA.sub("", body)
    titles = app.env.titles

    def titled(match: re.Match[str]) -> str:
        # a link in a figure names the page it opens (EPUB accessibility: ACC-011)
        here = posixpath.dirname(pagename)
        target = posixpath.normpath(posixpath.join(here, match.group(1)))
        docname = target.removesuffix(app.builder.out_suffix)
        title = titles[docname].astext() if docname in titles else docname
        return f'{match.group(0)} xlink:title="{_attr(title)}"'

    context["body"] = _SVG_LINK.sub(titled, body)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def register(app: Sphinx) -> None:
    app.add_builder(ReaderEpubBuilder, override=True)
    app.connect("html-page-context", epub_page, priority=900)
