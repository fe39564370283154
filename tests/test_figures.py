"""The figures drawn from the site's data: present, described, and true to citations.json."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from prcite.corpus import event_years
from prcite.svgdraw import blues, chronology

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


def test_every_event_is_drawn_inside_the_axes(site: Path):
    events = yaml.safe_load((ROOT / "docs" / "events.yaml").read_text(encoding="utf-8"))
    fig = figure(site, "docs/timeline.html", "chronology")
    area = fig.select_one("#chronology-plot-area")
    left, right = float(area["x"]), float(area["x"]) + float(area["width"])
    for event in events:
        for theme in event["themes"]:
            mark = fig.select_one(f"svg [id='event-{event['id']}-{THEMES.index(theme)}']")
            assert mark is not None, (event["id"], theme)
            x = float(mark.get("x", mark.get("cx", "nan")) if mark.name != "polygon" else mark["points"].split(",")[0])
            assert left <= x <= right, (event["id"], x)


def test_the_svg_shades_as_matplotlib_would():
    """The matrix's colours follow matplotlib's "Blues" map, which still draws the PDF."""
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    for fraction in (0.0, 0.1, 0.33, 0.5, 0.625, 0.9, 1.0):  # floats: an int is a table index
        ours = [int(blues(fraction)[k : k + 2], 16) for k in (1, 3, 5)]
        theirs = [int(to_hex(colormaps["Blues"](fraction))[k : k + 2], 16) for k in (1, 3, 5)]
        assert max(abs(a - b) for a, b in zip(ours, theirs, strict=True)) <= 2, fraction


def test_the_svg_is_the_same_for_the_same_data():
    spec = {"kind": "chronology", "period": [1950, 1960], "eras": [["A", 1950, 1955]], "rows": ["x", "y"],
            "events": [["1951", [0], "a"], ["1952-03", [1], "b"], ["1953-04-05", [0, 1], "c"]], "links": [],
            "alt": "Test."}  # fmt: skip
    first = chronology(spec, "f")
    assert first == chronology(json.loads(json.dumps(spec)), "f")
    svg = BeautifulSoup(first, "lxml")
    assert [m["id"] for m in svg.select("[id^=event-]")] == ["event-a-0", "event-b-1", "event-c-0", "event-c-1"]
    assert svg.select_one("#event-c-0").name == "circle" and svg.select_one("#event-c-1").name == "polygon"
