"""The offline PDF, built as `make latexpdf` builds it and read back with pypdf."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from prcite.catalogue import load
from prcite.corpus import event_years, in_words
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("xelatex") is None, reason="needs TeX Live (make test installs it)")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(ROOT), str(out), "-W", "--keep-going", "-q"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out / "latex" / "pakistan-russia-reader.pdf"


@pytest.fixture(scope="module")
def reader(pdf: Path) -> PdfReader:
    return PdfReader(pdf)


def squash(text: str) -> str:
    """Text without whitespace: pypdf does not always find the spaces between words."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def text(reader: PdfReader) -> str:
    return squash(" ".join(page.extract_text() or "" for page in reader.pages))


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def test_page_count_is_sane(reader: PdfReader):
    assert 60 <= len(reader.pages) <= 400


def test_no_missing_glyphs(pdf: Path):
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_every_internal_link_has_its_target(pdf: Path):
    # an undefined \hyperref is a link that goes nowhere: a citation, back-link or coverage entry
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    missing = sorted(set(re.findall(r"Hyper reference `([^']+)'", log)))
    assert missing == [], missing
    assert "There were undefined references" not in log


def test_bookmarks_cover_themes_timeline_disputes_and_sources(reader: PdfReader):
    titles = outline_titles(reader)
    catalogue = (ROOT / "sources" / "catalog.yaml").read_text(encoding="utf-8")
    expected = [
        "The Cold War",
        "Afghanistan",
        "Arms trade and military cooperation",
        "Timeline, {}–{}".format(*(f(event_years(ROOT / "docs" / "events.yaml")) for f in (min, max))),
        "Where the sources disagree",
        "Index",
    ]
    for title in expected:
        assert title in titles, (title, titles)
    # the overview is one chapter (its sections inside it), not four chapters of its own
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top[0] == "Overview" and "The story in brief" not in top, top
    for line in catalogue.splitlines():
        if line.startswith("  title: "):
            title = line.removeprefix("  title: ").strip('"')
            assert title in titles


def test_theme_and_source_texts_are_present(text: str):
    assert squash("Key points") in text
    assert squash("Then prime minister, Liaquat Ali Khan, declined the Soviet invitation") in text
    # a source paragraph, from the appendix
    assert squash("Alarmed at Washington’s long-time criticism") in text
    assert squash("Cited by:") in text


def test_sources_are_appendices_after_the_body(reader: PdfReader):
    titles = outline_titles(reader)
    assert titles.index("A thaw in Pak-Russia relationship") > titles.index("Where the sources disagree")


def test_citations_are_internal_links(reader: PdfReader):
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if annot.get("/Subtype") == "/Link" and (annot.get("/Dest") or (action and action.get("/S") == "/GoTo")):
                internal += 1
    # every citation marker is a link, and so is each reference and back-link
    roles = sum(p.read_text(encoding="utf-8").count("{src}`") for p in (ROOT / "docs").rglob("*.md"))
    assert internal >= 2 * roles, (internal, roles)


def test_nothing_web_only_leaks_into_print(text: str):
    for leak in ("cite-tip", "aria-", "<span", "&lt;", "Show the comments", "tooltip"):
        assert leak not in text


def test_figures_are_drawn_in_the_pdf(reader: PdfReader):
    chronology = f"The dated events of the {in_words(len(load(ROOT / 'sources')[0]))} sources"
    captions = {chronology: 0, "Which source each theme draws on": 0}
    for page in reader.pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        drawn = [x for x in xobjects.values() if x.get_object().get("/Subtype") in ("/Form", "/Image")]
        text = squash(page.extract_text() or "")
        for caption in captions:
            if drawn and squash(caption) in text:
                captions[caption] += 1
    assert captions[chronology] >= 2  # the overview and the timeline
    assert captions["Which source each theme draws on"] >= 1


def test_each_source_paragraph_shows_its_count_after_its_number(text: str):
    # the HTML margin count, in print: "¶ 70 (cited 1×)", "¶ 71 (not cited)", "¶ 76 (furniture)"
    marks = re.findall(r"¶(\d+)\((cited\d+×|notcited|furniture)\)", text)
    assert len(marks) >= 300, len(marks)
    assert {kind.rstrip("0123456789×") for _, kind in marks} == {"cited", "notcited", "furniture"}


def test_resolved_dates_show_their_words_in_print(text: str):
    """In print a resolved date carries its note in brackets (there is no tooltip)."""
    assert squash("[The text says “August 7, this year”; the site dates it") in text
    assert squash("[The text says “troops last month held”; the site dates it September 2017") in text
