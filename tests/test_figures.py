"""The figures drawn from the site's data: present, described, and true to citations.json."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

from bs4 import BeautifulSoup
from prcite.corpus import event_years

ROOT = Path(__file__).resolve().parents[1]
# every theme the configuration has (a theme page added later is one more column, not a failure)
THEMES = list(runpy.run_path(str(ROOT / "conf.py"))["prcite_themes"])


def figure(site: Path, page: str, kind: str):
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml")
    return soup.select_one(f"figure.evidence-figure.{kind}")


def test_matrix_counts_equal_citations_json(site: Path):
    fig = figure(site, "docs/sources.html", "matrix")
    svg = fig.select_one("svg")
    assert svg["role"] == "img" and svg.select_one("title").get_text() and svg.select_one("desc").get_text()
    links = svg.find_all("a")
    shown = [int(a.get_text(strip=True)) for a in links]
    records = json.loads((site / "citations.json").read_text(encoding="utf-8"))["citations"]
    sources = sorted({r["source"] for r in records})
    expected = [
        sum(1 for r in records if r["source"] == s and r["page"] == f"docs/themes/{t}") for s in sources for t in THEMES
    ]
    assert shown == expected
    assert all(a.get("aria-label") for a in links)
    targets = {a.get("xlink:href") for a in links}
    assert targets == {f"themes/{t}.html#page-references" for t in THEMES}


def test_chronology_figure_on_the_overview_and_the_timeline(site: Path):
    for page in ("docs/index.html", "docs/timeline.html"):
        fig = figure(site, page, "chronology")
        assert fig is not None, page
        desc = fig.select_one("svg desc").get_text()
        years = event_years(ROOT / "docs" / "events.yaml")
        assert "dated events" in desc and f"from {min(years)} to {max(years)}" in desc
        assert fig.select_one("figcaption").get_text()


def test_figures_are_inline_and_only_where_shown(site: Path):
    for page in ("docs/themes/cold-war.html", "sources/khan-2018-thaw.html"):
        assert figure(site, page, "matrix") is None and figure(site, page, "chronology") is None
    assert not list(site.rglob("prcite-*.svg"))  # inline: no extra request, nothing to fetch
