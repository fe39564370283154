"""Incremental and parallel builds keep citations and back-links right."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

WRITTEN = re.compile(r"writing output\.\.\. \[\s*\d+%\] ([^\r\n]+)")


def written(app) -> set[str]:
    """The documents Sphinx reports writing ("[ 50%] a" serially, "[100%] a .. b" in parallel)."""
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return {name for line in WRITTEN.findall(status) for name in line.split(" .. ") if name.strip()}


def warnings(app) -> list[str]:
    """Warnings, less the notices Sphinx gives when a second app registers its nodes in one process."""
    return [w for w in app.warning.getvalue().splitlines() if w and "is already registered" not in w]


def back_links(app, page: str) -> list[str]:
    html = (Path(app.outdir) / page).read_text(encoding="utf-8")
    return [a["href"] for a in BeautifulSoup(html, "html.parser").select(".cited-by a")]


def test_parallel_then_incremental(make_app, basic_copy: Path):
    app = make_app("html", srcdir=basic_copy, parallel=2)
    app.build()
    assert warnings(app) == []
    assert back_links(app, "sources/beta.html") == ["../docs/index.html#cite-2", "../docs/page.html#cite-1"]

    # nothing changed: nothing is written again
    app = make_app("html", srcdir=basic_copy, parallel=2)
    app.build()
    assert written(app) == set()

    # cite a different passage of beta from docs/page.md
    page = basic_copy / "docs" / "page.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "more words about the agreement and its effects", "later a military-technical accord"
        ),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=basic_copy, parallel=2)
    app.build()
    assert warnings(app) == []
    # exactly the edited page and the source page whose incoming citations changed
    assert written(app) == {"docs/page", "sources/beta"}
    html = (Path(app.outdir) / "sources/beta.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("#p-2 .quoted")[-1].get_text() == "later a military-technical accord"
    assert soup.select_one("#p-3 .cited-by") is None  # the old back-link is gone
    assert back_links(app, "sources/beta.html") == ["../docs/index.html#cite-2", "../docs/page.html#cite-1"]

    # remove every citation from the page: its back-link disappears
    page.write_text("# Second page\n\nNo citations now.\n", encoding="utf-8")
    app = make_app("html", srcdir=basic_copy, parallel=2)
    app.build()
    assert back_links(app, "sources/beta.html") == ["../docs/index.html#cite-2"]


def test_deleting_a_citing_page_removes_its_back_links(make_app, basic_copy: Path):
    app = make_app("html", srcdir=basic_copy)
    app.build()
    (basic_copy / "docs" / "page.md").unlink()
    index = basic_copy / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("page\n", "", 1), encoding="utf-8")
    app = make_app("html", srcdir=basic_copy)
    app.build()
    assert warnings(app) == []
    assert "sources/beta" in written(app)
    assert back_links(app, "sources/beta.html") == ["../docs/index.html#cite-2"]


def test_the_checked_catalogue_is_reused_only_while_its_files_are_unchanged(make_app, basic_copy: Path, monkeypatch):
    """The catalogue is read and checked once; a touched file still hits, an edited one does not."""
    app = make_app("html", srcdir=basic_copy)
    app.build()
    assert warnings(app) == []
    from prcite import catalogue

    real_load = catalogue.load
    calls = []
    monkeypatch.setattr(catalogue, "load", lambda *a, **k: calls.append(a) or real_load(*a, **k))
    cat = basic_copy / "sources" / "catalog.yaml"
    cat.touch()  # a new date, the same bytes: taken from the last build
    app = make_app("html", srcdir=basic_copy)
    app.build()
    assert calls == [] and warnings(app) == []

    # an edit (a new title) is read, and shows
    cat.write_text(cat.read_text(encoding="utf-8").replace("Alpha report", "Alpha dispatch"), encoding="utf-8")
    app = make_app("html", srcdir=basic_copy)
    app.build()
    assert len(calls) == 1 and warnings(app) == []
    assert "Alpha dispatch" in (Path(app.outdir) / "sources" / "alpha.html").read_text(encoding="utf-8")


def test_a_problem_is_reported_by_every_build_until_it_is_fixed(make_app, basic_copy: Path):
    """Nothing is kept from a build that warned: the next build finds the problem again."""
    app = make_app("html", srcdir=basic_copy)
    app.build()
    source = basic_copy / "sources" / "alpha.txt"
    source.write_text(source.read_text(encoding="utf-8") + "An added line.\n", encoding="utf-8")
    for _ in range(2):
        app = make_app("html", srcdir=basic_copy)
        app.build()
        assert any("alpha.txt has changed since its SHA-256 was recorded" in w for w in warnings(app)), warnings(app)


def test_the_sitemap_lists_every_page_after_an_incremental_build(make_app, basic_copy: Path):
    """sphinx-sitemap kept only the pages the last build wrote; every build now lists them all."""
    import xml.etree.ElementTree as ET

    overrides = {"html_baseurl": "https://example.org/reader/"}
    app = make_app("html", srcdir=basic_copy, confoverrides=overrides)
    app.build()
    page = basic_copy / "docs" / "page.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    app = make_app("html", srcdir=basic_copy, confoverrides=overrides)
    app.build()
    assert "docs/page" in written(app) and "sources/alpha" not in written(app)  # not every page
    tree = ET.parse(Path(app.outdir) / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]
    pages = sorted(p.relative_to(app.outdir).as_posix() for p in Path(app.outdir).rglob("*.html"))
    expected = [f"https://example.org/reader/{p}" for p in pages if p not in ("search.html", "genindex.html")]
    assert listed == expected


def test_a_long_branch_of_the_sidebar_is_cut_to_the_limit(make_app, basic_copy: Path):
    """Past ``prcite_navigation_limit`` entries under a page, the sidebar keeps the current page and "N more"."""
    index = basic_copy / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").split("```{toctree}")[0] + "```{toctree}\npage\nlist\n```\n")
    (basic_copy / "docs" / "list.md").write_text("# The list\n\n```{toctree}\n/sources/alpha\n/sources/beta\n```\n")
    furo = {"html_theme": "furo", "prcite_navigation_limit": 1}
    app = make_app("html", srcdir=basic_copy, confoverrides=furo)
    app.build()
    assert warnings(app) == []

    def sidebar(page: str) -> list[str]:
        html = (Path(app.outdir) / page).read_text(encoding="utf-8")
        return [a.get_text() for a in BeautifulSoup(html, "html.parser").select(".sidebar-tree a")]

    # two sources under "The list": more than one
    assert sidebar("docs/page.html") == ["Second page", "The list", "2 more"]
    assert sidebar("sources/alpha.html") == ["Second page", "The list", "Alpha report", "1 more"]
    assert sidebar("docs/list.html") == ["Second page", "The list", "2 more"]
    more = BeautifulSoup((Path(app.outdir) / "sources/alpha.html").read_text(encoding="utf-8"), "html.parser")
    assert more.select_one(".sidebar-tree .prcite-more a")["href"] == "../docs/list.html"
    app = make_app("html", srcdir=basic_copy, confoverrides={**furo, "prcite_navigation_limit": 2})
    app.build()
    assert sidebar("docs/page.html") == ["Second page", "The list", "Alpha report", "Beta essay"]


def test_an_incremental_build_writes_the_same_search_index_as_a_clean_one(make_app, basic_copy: Path):
    """Sphinx 9.0.4 kept only the index entries of the pages an incremental build wrote."""
    import json

    page = basic_copy / "docs" / "page.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n```{index} Defence cooperation agreement\n```\n\n"
        "B. Author writes that a defence cooperation agreement was signed."
        "{src}`beta signed a defence cooperation agreement in November 2014`\n",
        "utf-8",
    )
    other = basic_copy / "docs" / "other.md"
    other.write_text(
        "---\norphan: true\n---\n# Other\n\n```{index} Peshawar\n```\n\n"
        "A. Writer writes that a mission flew from Peshawar."
        "{src}`alpha The first mission flew from Peshawar in 1960`\n",
        "utf-8",
    )

    def entries(app) -> dict[str, list]:
        text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
        return json.loads(text[text.index("(") + 1 : text.rindex(")")])["indexentries"]

    app = make_app("html", srcdir=basic_copy)
    app.build()
    assert warnings(app) == []
    clean = (Path(app.outdir) / "searchindex.js").read_bytes()
    assert {"peshawar", "defence cooperation agreement"} <= entries(app).keys()
    page.touch()
    app = make_app("html", srcdir=basic_copy)
    app.build()
    assert "docs/page" in written(app) and "docs/other" not in written(app)
    assert {"peshawar", "defence cooperation agreement"} <= entries(app).keys()  # the page not written keeps its entry
    assert (Path(app.outdir) / "searchindex.js").read_bytes() == clean


def test_an_incremental_build_writes_what_a_clean_build_of_the_same_files_writes(make_app, basic_copy: Path, tmp_path):
    """Every output file, byte for byte: nothing an earlier build wrote survives stale.

    Two defects this found: the search index lost the index entries of pages not written again
    (above); the search page's script tag carried the previous build's checksum of the search
    text (and a clean build none), so a browser could keep the old text; and the source pages'
    "cited by" links kept the old title of a retitled citing page."""
    import shutil

    from sphinx.builders.html._assets import _file_checksum_inner

    app = make_app("html", srcdir=basic_copy)
    app.build()
    page = basic_copy / "docs" / "page.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Second page", "Second page, edited"), "utf-8")
    # each `make html` is a new process; Sphinx keeps the assets' checksums for the process's life
    _file_checksum_inner.cache_clear()
    app = make_app("html", srcdir=basic_copy)
    app.build()
    assert "docs/page" in written(app)
    fresh = tmp_path / "fresh"
    shutil.copytree(basic_copy, fresh, ignore=shutil.ignore_patterns("_build"))
    _file_checksum_inner.cache_clear()
    clean = make_app("html", srcdir=fresh)
    clean.build()
    assert warnings(app) == warnings(clean) == []

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    incremental, expected = files(Path(app.outdir)), files(Path(clean.outdir))
    assert incremental.keys() == expected.keys()
    assert [name for name in expected if incremental[name] != expected[name]] == []
    assert b"Second page, edited" in incremental["_static/prcite-searchtext.js"]


QUOTE = "The first mission flew from Peshawar in 1960"


def test_a_page_citing_an_edited_text_is_read_again_with_its_new_checksum(make_app, basic_copy: Path):
    """A page depends on catalog.yaml, which holds each text's SHA-256, not on the texts it cites.

    A text edited and its new checksum recorded (``rehash``): the citing page is read again, and
    its links point at the quoted words where the edited text now has them. A text edited
    without: its entry is unusable, and the citing page says so, build after build.
    """
    from prcite.addsource import rehash

    app = make_app("html", srcdir=basic_copy)
    app.build()
    text = basic_copy / "sources" / "alpha.txt"

    def edit(old: str, new: str) -> None:
        text.write_text(text.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    edit("By A. Writer", "By A. Writer, in Peshawar")
    assert rehash("alpha", basic_copy / "sources") == 0
    app = make_app("html", srcdir=basic_copy)
    app.build()
    assert warnings(app) == []
    start = text.read_text(encoding="utf-8").index(QUOTE)
    html = (Path(app.outdir) / "docs" / "index.html").read_text(encoding="utf-8")
    links = {a["href"] for a in BeautifulSoup(html, "html.parser").select("a[href*='sources/alpha.html#q-']")}
    assert links == {f"../sources/alpha.html#q-{start}-{start + len(QUOTE)}"}

    edit("By A. Writer, in Peshawar", "By A. Writer")  # and no new checksum
    for _ in range(2):
        app = make_app("html", srcdir=basic_copy)
        app.build()
        cannot = "'alpha' cannot be cited until its catalogue problem is fixed"
        assert any(cannot in w and "index.md" in w for w in warnings(app)), warnings(app)
