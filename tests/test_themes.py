"""The theme pages as a reader gets them: key points, several sources, neutral voice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

THEMES = ["cold-war", "afghanistan", "arms-trade", "us-pressure", "china-cpec"]
#: loaded words from the sources (BRIEF.md): only ever inside attributed quotes
LOADED = ["puppet", "beggar state", "terror goods", "secret strategy", "stooge", "slave"]
#: slurs from the forum comments: never reproduced outside the source page
SLURS = [r"\bPakis?\b", r"R\.A\.N\.D\.I", r"G\.A\.N\.D\.U", r"toilet paper", r"pig shit", r"new daddies"]


def article(site: Path, rel: str) -> BeautifulSoup:
    page = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser").select_one("article")
    for tip in page.select(".cite-tip"):
        tip.decompose()  # the tooltips quote the sources; the page's own words are what is checked
    return page


def inside_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.rfind("“") > before.rfind("”") or before.count('"') % 2 == 1


@pytest.mark.parametrize("theme", THEMES)
def test_theme_page_has_key_points_and_cites_several_sources(site: Path, theme: str):
    page = article(site, f"docs/themes/{theme}.html")
    key = page.select_one("section#key-points")
    assert key is not None and 3 <= len(key.select("li")) <= 6
    assert all(li.select("a.src-cite") for li in key.select("li"))
    sources = {a["href"].split("#")[0].rsplit("/", 1)[-1] for a in page.select("a.src-cite")}
    assert len(sources) >= 4, sources
    assert len(page.select("section")) >= 5
    assert page.select("ol.chronology li"), "the theme's timeline"


@pytest.mark.parametrize("theme", THEMES)
def test_every_factual_paragraph_carries_a_citation(site: Path, theme: str):
    page = article(site, f"docs/themes/{theme}.html")
    for section in page.select("section#page-references, section[id$='-timeline']"):
        section.decompose()
    bare = [
        p.get_text(" ", strip=True)
        for p in page.select("p")
        if len(p.get_text().split()) >= 12
        and not p.select("a.src-cite")
        and not p.find_parent(class_="admonition-title")
    ]
    assert bare == []


@pytest.mark.parametrize("theme", THEMES)
def test_loaded_words_only_inside_quotes(site: Path, theme: str):
    page = article(site, f"docs/themes/{theme}.html")
    for p in page.select("p, li"):
        text = p.get_text()
        for word in LOADED:
            for m in re.finditer(word, text, re.IGNORECASE):
                assert inside_quotes(text, m.start()), f"{word!r} outside quotes: {text[:200]}"


def test_forum_slurs_appear_on_none_of_the_sites_own_pages(site: Path):
    """The site's own pages (not the source texts, kept as received) never repeat the slurs."""
    for path in (site / "docs").rglob("*.html"):
        rel = str(path.relative_to(site))
        text = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text()
        for slur in SLURS:
            assert not re.search(slur, text), (rel, slur)


def test_themes_cross_link_each_other(site: Path):
    for theme in THEMES:
        page = article(site, f"docs/themes/{theme}.html")
        for section in page.select("section[id$='-timeline']"):
            section.decompose()  # its "Themes:" lines would count
        linked = {a["href"].split("#")[0].removesuffix(".html") for a in page.select("a.reference.internal")}
        others = {t for t in THEMES if t != theme}
        assert len(others & linked) >= 2, (theme, linked)
