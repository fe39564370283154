"""The EPUB edition, built as `make epub` builds it, opened as a reader's app would open it.

Debian's epubcheck (the W3C's EPUB conformance checker) must find no error and no warning.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")  # Debian's epubcheck (make test installs it)


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("epub")
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        "epub",
        "-d",
        str(out / "doctrees"),
        str(ROOT),
        str(out / "epub"),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    (book,) = (out / "epub").glob("*.epub")
    return book


@pytest.fixture(scope="module")
def book(epub: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(epub)


def xhtml(book: zipfile.ZipFile, name: str) -> BeautifulSoup:
    # the XML parser for the package files; pages as a reading system's HTML parser sees them
    return BeautifulSoup(book.read(name).decode("utf-8"), "lxml-xml" if not name.endswith(".xhtml") else "lxml")


def spine(book: zipfile.ZipFile) -> list[str]:
    opf = xhtml(book, "content.opf")
    items = {item["id"]: item["href"] for item in opf.find_all("item")}
    return [items[ref["idref"]] for ref in opf.find_all("itemref")]


def test_epubcheck_finds_no_error_and_no_warning(epub: Path):
    result = subprocess.run(["java", "-jar", str(EPUBCHECK), str(epub)], capture_output=True, text=True)
    report = result.stdout + result.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report[-3000:]
    assert result.returncode == 0


def test_the_spine_has_every_page_and_the_sources_as_an_appendix(book: zipfile.ZipFile):
    assert book.namelist()[0] == "mimetype" and book.read("mimetype") == b"application/epub+zip"
    order = spine(book)
    pages = sorted(
        f"docs/{p.relative_to(ROOT / 'docs').with_suffix('.xhtml').as_posix()}" for p in (ROOT / "docs").rglob("*.md")
    )
    sources = sorted(f"sources/{p.stem}.xhtml" for p in (ROOT / "sources").glob("*.txt"))
    assert order[0] == "docs/index.xhtml"
    assert set(pages) <= set(order) and set(sources) <= set(order)
    # the sources come after every other page, before the index
    assert max(order.index(p) for p in pages) < min(order.index(s) for s in sources)
    assert order[-1] == "genindex.xhtml"
    # the table of contents links every page, and every link lands on a file of the book
    nav = BeautifulSoup(book.read("nav.xhtml"), "lxml-xml")
    hrefs = {a["href"].split("#")[0] for a in nav.find_all("a")}
    assert set(sources) <= hrefs and "docs/themes/cold-war.xhtml" in hrefs
    assert hrefs <= set(book.namelist())


def test_a_citation_links_to_the_quoted_words_and_the_quote_is_on_the_page(book: zipfile.ZipFile):
    name = "docs/themes/cold-war.xhtml"
    page = xhtml(book, name)
    markers = page.select("a.src-cite")
    assert len(markers) > 50
    targets: dict[str, BeautifulSoup] = {}
    for marker in markers:
        file, fragment = marker["href"].split("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), file))
        soup = targets.setdefault(target, xhtml(book, target))
        anchor = soup.find(id=fragment)
        assert anchor is not None, marker["href"]
        quoted = anchor.find_next_sibling(class_="quoted")
        assert quoted is not None and quoted.get_text().strip()
    # the quote without hovering: the reference list entry of marker 1 quotes the words it links
    first = markers[0]
    entry = page.find(id="ref-1")
    assert entry is not None and entry.select_one(".ref-quote").get_text().strip("“” ")
    assert any(a["href"] == first["href"] for a in entry.find_all("a"))
    # the web's tooltips, buttons and scripts are not in the book
    for item in book.namelist():
        if item.endswith(".xhtml"):
            text = book.read(item).decode("utf-8")
            assert "<button" not in text and "<script" not in text and "cite-tip" not in text, item


def test_the_figures_are_in_the_book(book: zipfile.ZipFile):
    page = book.read("docs/index.xhtml").decode("utf-8")
    assert "<svg" in page and "rdf:RDF" not in page
    opf = xhtml(book, "content.opf")
    (item,) = opf.find_all("item", href="docs/index.xhtml")
    assert "svg" in item.get("properties", "").split()
    titles = re.findall(r'xlink:title="([^"]*)"', book.read("docs/sources.xhtml").decode("utf-8"))
    assert "The Cold War" in titles
    assert "genindex.xhtml" in book.namelist()


def test_a_source_page_labels_its_fields_with_one_colon_each(book: zipfile.ZipFile, tmp_path: Path):
    """Sphinx's EPUB stylesheet adds a colon after each field name, which docutils already writes:
    the source pages' metadata read "Author::". Rendered by Chromium, as a reading system would."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian's chromium (make test installs it)")
    book.extractall(tmp_path)
    (page,) = [p for p in (tmp_path / "sources").glob("*.xhtml") if p.name.startswith("khan-2018")]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        tab.goto(page.as_uri())
        labels = tab.eval_on_selector_all(
            "dl.field-list > dt",
            "dts => dts.map(dt => dt.textContent + getComputedStyle(dt, '::after').content.replace(/^none$/, ''))",
        )
        browser.close()
    assert len(labels) >= 8, labels
    assert all(label.count(":") == 1 and label.endswith(":") for label in labels), labels
