"""sphinx.testing builds of the small test root: markers, tooltips, references, back-links, export."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="basic")
def test_markers_tooltips_and_grouping(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app, "docs/index.html")
    groups = page.select(".citegroup")
    # two citations in a row read as one bracket: [1, 2]
    assert groups[0].get_text().startswith("[1") and ", 2" in groups[0].get_text()
    first = page.select_one("a.src-cite#cite-1")
    assert first["href"] == "../sources/alpha.html#q-28-72"
    tip = page.select_one("#" + first["aria-describedby"])
    assert tip["role"] == "tooltip"
    assert "The first mission flew from Peshawar in 1960" in tip.get_text()
    assert "A. Writer" in tip.get_text() and "2020-01-02" in tip.get_text()
    # the same quote cited again keeps its number and gets its own id
    repeat = page.select_one("a.src-cite#cite-1-2")
    assert repeat.get_text() == "1" and repeat["href"] == first["href"]


@pytest.mark.sphinx("html", testroot="basic")
def test_reference_list_at_the_end(app):
    app.build()
    page = soup(app, "docs/index.html")
    refs = page.select("section#page-references ol.src-references > li")
    assert [li["id"] for li in refs] == ["ref-1", "ref-2"]
    assert "A. Writer, “Alpha report” (2020-01-02)" in refs[0].get_text()
    assert refs[0].select_one("a")["href"] == "../sources/alpha.html#q-28-72"
    assert "“signed a defence cooperation agreement in November 2014”" in refs[1].get_text()
    # the reference list is the last section of the page
    assert page.select("section")[-1]["id"] == "page-references"


@pytest.mark.sphinx("html", testroot="basic")
def test_source_page_highlight_target_and_back_links(app):
    app.build()
    page = soup(app, "sources/alpha.html")
    target = page.select_one("#q-28-72")
    quoted = target.find_next_sibling()
    assert "quoted" in quoted["class"] and quoted.get_text() == "The first mission flew from Peshawar in 1960"
    passage = target.find_parent(class_="passage")
    assert passage["id"] == "p-3"
    back = passage.select(".cited-by a")
    assert [a["href"] for a in back] == ["../docs/index.html#cite-1"]
    assert back[0].get_text() == "Test index › Flights"
    # metadata and the original file, byte for byte
    assert "A. Writer" in page.select_one("dl.source-meta").get_text()
    link = page.select_one("a.download")
    assert (app.outdir / "sources" / link["href"]).resolve().read_bytes() == (
        app.srcdir / "sources/alpha.txt"
    ).read_bytes()


@pytest.mark.sphinx("html", testroot="basic")
def test_html_in_a_source_is_text_and_furniture_is_dimmed(app):
    app.build()
    html = (app.outdir / "sources/alpha.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    page = soup(app, "sources/alpha.html")
    furniture = page.select(".passage.furniture")
    assert [f.select_one(".passage-text").get_text() for f in furniture] == ["Leave a Reply"]
    assert "website furniture: comment form" in furniture[0].get_text()


@pytest.mark.sphinx("html", testroot="basic")
def test_hard_wrapped_source_is_reflowed(app):
    app.build()
    page = soup(app, "sources/beta.html")
    texts = [p.get_text() for p in page.select(".passage-text")]
    assert texts[1] == (
        "The two countries signed a defence cooperation agreement in November 2014 "
        "and later a military-technical accord."
    )


@pytest.mark.sphinx("html", testroot="basic")
def test_citations_json_agrees_with_pages(app):
    app.build()
    data = json.loads((app.outdir / "citations.json").read_text(encoding="utf-8"))["citations"]
    assert len(data) == 4
    text = {sid: (app.srcdir / f"sources/{sid}.txt").read_text(encoding="utf-8") for sid in ("alpha", "beta")}
    for rec in data:
        original = text[rec["source"]][rec["start"] : rec["end"]]
        assert " ".join(original.split()) == rec["quote"]
        page, anchor = rec["url"].split("#")
        assert soup(app, page).select_one(f"#{anchor}") is not None
        spage, sanchor = rec["target"].split("#")
        assert soup(app, spage).select_one(f"#{sanchor}") is not None
    assert {(r["page"], r["section"]) for r in data} == {("docs/index", "Flights"), ("docs/page", "Agreements")}


@pytest.mark.sphinx("latex", testroot="basic")
def test_latex_markers_are_internal_links(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\hyperref[\detokenize{sources/alpha:q-28-72}]" in tex
    assert r"\label{\detokenize{sources/alpha:q-28-72}}" in tex
    assert "cite-tip" not in tex and "tooltip" not in tex


@pytest.mark.sphinx("html", testroot="basic")
def test_a_sentence_after_a_marker_keeps_its_space(app):
    app.build()
    text = soup(app, "docs/index.html").select_one("#cite-1-2").find_parent("p").get_text()
    assert text.endswith("] Then the next sentence.")
