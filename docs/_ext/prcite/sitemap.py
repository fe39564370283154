"""``sitemap.xml``: every page of the site, written whole by every HTML build.

In place of sphinx-sitemap, which lists only the pages the last build wrote, so that after an
incremental build the sitemap silently lost every unchanged page (its open issue #13); it also
started a multiprocessing manager on every build, a tenth of a second of each rebuild. This one
is written at the end of the build from the environment's list of every document; pages
without a document (search, index, 404) are not listed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html" or not app.config.html_baseurl:
        return
    base = app.config.html_baseurl.rstrip("/") + "/"
    urls = "".join(
        f"<url><loc>{escape(base + app.builder.get_target_uri(docname))}</loc></url>\n"
        for docname in sorted(app.env.found_docs)
    )
    text = f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{NAMESPACE}">\n{urls}</urlset>\n'
    path = Path(app.outdir) / "sitemap.xml"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def register(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap)
