"""Bibliographic metadata and link-preview descriptions, read back from the built pages.

Dublin Core, JSON-LD and OpenGraph are read with extruct (a metadata extractor nobody here
wrote); the Highwire ``citation_*`` tags are checked against the names Google Scholar's
inclusion guidelines document (https://scholar.google.com/intl/en/scholar/inclusion.html),
plus the few Highwire names reference managers read beside them.
"""

from __future__ import annotations

import json
from pathlib import Path

import extruct
import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = {e["id"]: e for e in yaml.safe_load((ROOT / "sources" / "catalog.yaml").read_text(encoding="utf-8"))}
THEMES = sorted(p.stem for p in (ROOT / "docs" / "themes").glob("*.md"))

#: Google Scholar's documented tag names
SCHOLAR = {
    "citation_title",
    "citation_author",
    "citation_publication_date",
    "citation_online_date",
    "citation_journal_title",
    "citation_conference_title",
    "citation_volume",
    "citation_issue",
    "citation_issn",
    "citation_isbn",
    "citation_firstpage",
    "citation_lastpage",
    "citation_dissertation_institution",
    "citation_technical_report_institution",
    "citation_technical_report_number",
    "citation_pdf_url",
}
#: Highwire names outside that list that Zotero's Embedded Metadata translator reads
HIGHWIRE_MORE = {
    "citation_book_title",  # the item is a book section (a page of the reader)
    "citation_publisher",
    "citation_language",
    "citation_fulltext_html_url",
    "citation_reference",
}


def _read(site: Path, rel: str) -> tuple[str, BeautifulSoup, dict]:
    text = (site / rel).read_text(encoding="utf-8")
    data = extruct.extract(text, base_url="https://example.org/", syntaxes=["json-ld", "dublincore", "opengraph"])
    return text, BeautifulSoup(text, "lxml"), data


def _highwire(soup: BeautifulSoup) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for meta in soup.select('head meta[name^="citation_"]'):
        tags.setdefault(meta["name"], []).append(meta["content"])
    return tags


def _dc(data: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for element in data["dublincore"][0]["elements"]:
        out.setdefault(element["URI"].rsplit("/", 1)[1], []).append(element["content"])
    return out


def _jsonld(data: dict) -> dict:
    (record,) = [r for r in data["json-ld"] if r.get("@context") == "https://schema.org"]
    return record


def _authors(entry: dict) -> list[str]:
    # the catalogue's author field, less its notes in brackets and the unnamed "forum members"
    plain = entry["author"].split(" (")[0]
    return [plain]


@pytest.mark.parametrize("sid", sorted(CATALOGUE))
def test_a_source_page_describes_the_source(site: Path, sid: str):
    entry = CATALOGUE[sid]
    _, soup, data = _read(site, f"sources/{Path(entry['file']).stem}.html")
    highwire, dc, record = _highwire(soup), _dc(data), _jsonld(data)
    authors = _authors(entry)
    # title, one tag per author, date: the source's own, not the site's
    assert highwire["citation_title"] == [entry["title"]]
    assert highwire["citation_author"] == authors
    assert highwire["citation_publication_date"] == [entry["date"].replace("-", "/")]
    assert dc["title"] == [entry["title"]]
    assert dc["creator"] == authors
    assert dc["date"] == [entry["date"]]
    assert record["headline"] == entry["title"]
    assert [a["name"] for a in record["author"]] == authors
    assert record["datePublished"] == entry["date"]
    # the evidence for the date travels with it
    evidence = " ".join(entry["date_evidence"].split())
    assert record["publication"]["description"] == evidence
    assert record["encoding"]["sha256"] == entry["sha256"]
    # an outlet that the catalogue only describes is not passed off as a name
    if entry["outlet"][0].isupper():
        assert highwire["citation_journal_title"] == [entry["outlet"]]
        assert record["isPartOf"]["name"] == entry["outlet"]
    else:
        assert "citation_journal_title" not in highwire and "publisher" not in dc
    assert set(highwire) <= SCHOLAR | HIGHWIRE_MORE


@pytest.mark.parametrize("theme", THEMES)
def test_a_theme_page_describes_itself_and_lists_the_works_it_cites(site: Path, theme: str):
    rel = f"docs/themes/{theme}.html"
    _, soup, data = _read(site, rel)
    highwire, dc, record = _highwire(soup), _dc(data), _jsonld(data)
    title = soup.select_one("article h1").get_text().rstrip("#¶ ")
    assert highwire["citation_title"] == [title] == dc["title"]
    assert record["headline"] == title and record["@type"] == "Article"
    assert highwire["citation_author"] == ["The reader's editors"] == dc["creator"]
    assert record["author"]["name"] == "The reader's editors"
    assert record["isPartOf"]["name"] == highwire["citation_book_title"][0]
    assert record["url"].endswith(rel) and highwire["citation_fulltext_html_url"] == [record["url"]]
    assert highwire["citation_pdf_url"][0].startswith("https://")
    # the date of the page's last change in Git (the test runs in a clone with history)
    (date,) = highwire["citation_publication_date"]
    assert highwire["citation_online_date"] == [date]
    assert record["datePublished"] == dc["date"][0] == date.replace("/", "-")
    assert len(date) == 10
    # every source the page cites, and no other
    cites = json.loads((site / "citations.json").read_text(encoding="utf-8"))["citations"]
    cited = sorted({c["source"] for c in cites if c["page"] == f"docs/themes/{theme}"})
    titles = sorted(CATALOGUE[sid]["title"] for sid in cited)
    refs = highwire["citation_reference"]
    assert sorted(r.split("; ")[0].removeprefix("citation_title=") for r in refs) == titles
    assert sorted(work["name"] for work in record["citation"]) == titles
    assert set(highwire) <= SCHOLAR | HIGHWIRE_MORE
    assert {"citation_title", "citation_author", "citation_publication_date", "citation_pdf_url"} <= set(highwire)


def _sphinx_pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "_static" not in p.parts)


def test_every_page_has_a_description_written_for_people(site: Path):
    pages = _sphinx_pages(site)
    assert len(pages) >= 19
    for rel in pages:
        soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "lxml")
        descriptions = [m["content"] for m in soup.select('head meta[name="description"]')]
        assert len(descriptions) == 1, rel
        (text,) = descriptions
        assert len(text) >= 60, (rel, text)
        # no citation markers, no empty fields run together, no mid-word cut
        for bad in ("[,", ",,", "[]", " .", "..."):
            assert bad not in text, (rel, text)
        assert text[-1] in ".?!…", (rel, text)
        og = soup.select_one('head meta[property="og:description"]')
        if og is not None:
            assert og["content"] == text, rel


def test_descriptions_are_the_opening_prose_or_the_sources_summary(site: Path):
    _, soup, _ = _read(site, "docs/themes/cold-war.html")
    text = soup.select_one('meta[name="description"]')["content"]
    assert text.startswith("For most of the Cold War Pakistan stood with the United States")
    assert "foe. Writing" in text or text.endswith("foe.")
    _, soup, _ = _read(site, "sources/khan-2018-thaw.html")
    text = soup.select_one('meta[name="description"]')["content"]
    assert text.startswith("Column by Masud Ahmed Khan, 2018 (dated from internal evidence). A favourable survey")
    _, soup, _ = _read(site, "sources/klasra-2017-looks-to-moscow.html")
    text = soup.select_one('meta[name="description"]')["content"]
    assert text.startswith("News report by Kaswar Klasra, 13 October 2017. Reports")
