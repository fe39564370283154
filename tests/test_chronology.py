"""The chronology: events.yaml checked with file and line, rendered through sphinx-timeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from prcite.chronology import Event
from prcite.yamlfile import check_date
from test_bad_input import build

ROOTS = Path(__file__).parent / "roots"


@pytest.mark.sphinx("html", testroot="chronology")
def test_events_oldest_first_at_their_own_precision(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = BeautifulSoup((app.outdir / "docs/index.html").read_text(encoding="utf-8"), "html.parser")
    items = page.select("ol.timeline-none.chronology > li.timeline")
    assert [li.select_one("strong").get_text() for li in items] == ["1960", "November 2014", "21 August 2015"]
    assert [li.select_one("p")["id"] for li in items] == ["event-mission", "event-agreement", "event-accord"]
    first = items[0]
    assert first.select_one("a.src-cite")["href"] == "../sources/alpha.html#q-28-72"
    assert "The sources differ: A second source would say otherwise." in first.get_text(" ", strip=True)


@pytest.mark.sphinx("html", testroot="chronology")
def test_theme_page_shows_only_its_events(app):
    app.build()
    page = BeautifulSoup((app.outdir / "docs/deals.html").read_text(encoding="utf-8"), "html.parser")
    dates = [s.get_text() for s in page.select("ol.chronology > li strong")]
    assert dates == ["1960", "November 2014", "21 August 2015"]
    index = BeautifulSoup((app.outdir / "docs/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(index.select("ol.chronology > li")) == 3
    # event citations are citations of the page: they are in its references and back-links
    assert len(page.select("#page-references li")) == 3
    beta = BeautifulSoup((app.outdir / "sources/beta.html").read_text(encoding="utf-8"), "html.parser")
    assert "../docs/deals.html#cite-2" in [a["href"] for a in beta.select(".cited-by a")]


@pytest.mark.sphinx("latex", testroot="chronology")
def test_chronology_prints_as_a_numbered_list(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\begin{enumerate}" in tex and "November 2014" in tex


def test_date_precision():
    assert Event("a", "1971-08", "s", ("x",), ()).when == "August 1971"
    assert Event("a", "2017-08-21", "s", ("x",), ()).when == "21 August 2017"
    assert Event("a", "1960", "s", ("x",), ()).start == "1960-01-01"
    assert check_date("2018-02-30") == "date '2018-02-30' has no day 30: February 2018 has 28 days"
    assert check_date("2018-13") == "date '2018-13' has no month 13: months run from 01 to 12"
    assert (
        check_date(1960)
        == 'date 1960 is not quoted: write it as "1960" (YAML reads it as a number or a date otherwise)'
    )
    # quoted but in another format: say what was found and what is expected, not "quote it"
    assert check_date("Sept 2019") == (
        "date 'Sept 2019' is not in the expected format: write "
        '"YYYY", "YYYY-MM" or "YYYY-MM-DD" (a year, a month or a day), in quotes'
    )


def broken(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "chronology"
    shutil.copytree(ROOTS / "test-chronology", root)
    events = root / "docs" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    assert old in text
    events.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            'date: "2014-11"',
            'date: "Nov 2014"',
            "events.yaml:11:",
            "event 'agreement': date 'Nov 2014' is not in the expected format: write \"YYYY\", \"YYYY-MM\"",
        ),
        (
            "themes: [deals]",
            "themes: [deal]",
            "events.yaml:13:",
            "event 'agreement': unknown theme 'deal'; did you mean 'deals'? (known: flights, deals)",
        ),
        ("- id: agreement", "- id: mission", "events.yaml:10:", "duplicate event id 'mission' (first at line 1)"),
        (
            '  citations:\n    - source: beta\n      quote: "later a military-technical accord, on August 21, 2015"\n',
            "",
            "events.yaml:18:",
            "event 'accord' has no citation",
        ),
        ("from Peshawar in 1960", "from Karachi in 1960", "events.yaml:7:", "alpha: quote 'The first mission flew"),
        (
            "summary: B. Author writes that a military",
            "summery: B. Author writes that a military",
            "events.yaml:20:",
            "event 'accord': unknown field 'summery'; did you mean 'summary'?",
        ),
        (
            'source: beta\n      quote: "later',
            'source: betta\n      quote: "later',
            "events.yaml:23:",
            "unknown source id 'betta'; did you mean 'beta'?",
        ),
        (
            'date: "2015-08-21"',
            'date: "2014-08-21"',
            "events.yaml:19:",
            "event 'accord' (2014-08-21) is out of date order: it comes after 'agreement' (2014-11); move it up",
        ),
        (
            'date: "1960"',
            "date: 1960",
            "events.yaml:2:",
            "event 'mission': date 1960 is not quoted: write it as \"1960\"",
        ),
    ],
    ids=[
        *["malformed-date", "unknown-theme", "duplicate-id", "no-citation", "bad-quote", "unknown-field"],
        *["unknown-source", "out-of-order", "unquoted-date"],
    ],
)
def test_bad_events_fail_with_file_and_line(tmp_path: Path, old: str, new: str, where: str, message: str):
    code, err = build(broken(tmp_path, old, new))
    assert code != 0
    assert any(where in line and message in line for line in err.splitlines()), err
