"""Checks on the real site, built with warnings as errors: what a reader gets."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "sources").glob("*.txt"))


@pytest.fixture(scope="module")
def pages(site: Path):
    @cache
    def load(rel: str) -> BeautifulSoup:
        return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "lxml")

    return load


@pytest.fixture(scope="module")
def ids(pages):
    """Every element with an id, per page (looking ids up in a big page one by one is slow)."""

    @cache
    def load(rel: str) -> dict:
        return {el["id"]: el for el in pages(rel).find_all(id=True)}

    return load


@pytest.fixture(scope="module")
def citations(site: Path) -> list[dict]:
    return json.loads((site / "citations.json").read_text(encoding="utf-8"))["citations"]


def html_pages(site: Path) -> list[str]:
    skip = {"genindex.html", "search.html"}
    return sorted(
        str(p.relative_to(site)) for p in site.rglob("*.html") if p.name not in skip and "_static" not in p.parts
    )


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_every_source_is_a_page_with_its_metadata_and_original(site: Path, pages, path: Path):
    page = pages(f"sources/{path.stem}.html")
    meta = page.select_one("dl.source-meta").get_text()
    for label in ("Author", "Date", "Kind", "Stance", "Original text", "SHA-256"):
        assert label in meta
    assert hashlib.sha256(path.read_bytes()).hexdigest() in meta
    link = page.select_one("dl.source-meta a.download")
    served = (site / "sources" / unquote(link["href"])).resolve()
    assert served.read_bytes() == path.read_bytes()
    numbers = [int(n.get_text()) for n in page.select(".passage > .passage-number")]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 10
    assert [p["id"] for p in page.select(".passage")] == [f"p-{n}" for n in numbers]


def test_sources_are_unchanged_from_the_seeds():
    """Each text received in ../shared/seeds is in sources/ byte for byte (sources added later are welcome)."""
    seeds = ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip(
            f"no seeds folder at {seeds} (only the project's working machine has one, not a fresh clone); "
            "test_catalogue.py checks the five texts against their recorded SHA-256 instead"
        )
    ours = {hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in SOURCES}
    missing = [p.name for p in sorted(seeds.glob("*.txt")) if hashlib.sha256(p.read_bytes()).hexdigest() not in ours]
    assert not missing, f"no file in sources/ is byte for byte the seed {', '.join(missing)}: restore it as received"


def test_furniture_is_dimmed_and_labelled(pages):
    page = pages("sources/khan-2018-thaw.html")
    furniture = page.select(".passage.furniture")
    texts = " ".join(f.get_text() for f in furniture)
    assert "Recent Posts" in texts and "Leave a Comment" in texts
    assert all("website furniture" in f.get_text() for f in furniture)
    assert not any(f.select(".cited-by") for f in furniture)


def test_forum_comments_sit_behind_a_content_note(pages):
    page = pages("sources/rafiq-2015-new-best-friend-thread.html")
    (note,) = page.select("details.content-note")
    assert "slurs" in note.select_one("summary").get_text()
    assert "Sakal Gharelu Ustad likes this" in note.get_text()
    assert "Share This Page" not in note.get_text()
    assert "Arif Rafiq is president of Vizier Consulting" not in note.get_text()


def test_every_citation_marker_resolves_and_carries_its_quote(site: Path, pages, ids, citations):
    by_url = {c["url"]: c for c in citations}
    markers = 0
    for rel in html_pages(site):
        page = pages(rel)
        for a in page.select("a.src-cite"):
            markers += 1
            record = by_url[f"{rel}#{a['id']}"]
            target = urlsplit(a["href"])
            dest = (site / rel).parent / target.path
            anchor = ids(str(dest.resolve().relative_to(site))).get(target.fragment)
            assert anchor is not None, (rel, a["href"])
            quoted = anchor.find_next_sibling(class_="quoted")
            assert " ".join(quoted.get_text().split()) in record["quote"]
            tip = ids(rel)[a["aria-describedby"]]
            assert f"“{record['quote']}”" in tip.get_text()
    assert markers == len(citations) > 0


def test_citations_json_offsets_point_at_the_quote(citations):
    texts = {p.name: p.read_text(encoding="utf-8") for p in SOURCES}
    for rec in citations:
        found = texts[Path(rec["source_file"]).name][rec["start"] : rec["end"]]
        assert " ".join(found.split()) == rec["quote"]


def test_back_links_return_to_every_citing_section(site: Path, ids, citations):
    for rec in citations:
        spage, anchor = rec["target"].split("#")
        passage = ids(spage)[anchor].find_parent(class_="passage")
        hrefs = [a["href"] for a in passage.select(".cited-by a")]
        citing = {h.split("#")[0].removeprefix("../") for h in hrefs}
        assert rec["url"].split("#")[0] in citing
        for href in hrefs:
            page, fragment = href.removeprefix("../").split("#")
            assert fragment in ids(page)


def test_cited_pages_end_with_their_references(site: Path, pages, citations):
    for docname in {c["page"] for c in citations}:
        page = pages(f"{docname}.html")
        refs = page.select("#page-references li")
        assert len(refs) == max(c["number"] for c in citations if c["page"] == docname)
        assert page.select("article section")[-1]["id"] == "page-references"


def test_offline_snippets_keep_the_space_after_a_citation(site: Path):
    # the file:// snippets are read before the markers exist; "2015.Rafiq" would join two sentences
    script = (site / "_static" / "prcite-searchtext.js").read_text(encoding="utf-8")
    texts = json.loads(script.removeprefix("window.PRCITE_PAGES = ").rstrip().rstrip(";"))
    assert "docs/themes/china-cpec" in texts
    joined = {
        docname: re.findall(r"[a-z0-9”’)]\.[A-Z“‘][a-z]", text)
        for docname, text in texts.items()
        if not docname.startswith("sources/")  # the texts as received, their own slips included
    }
    assert {docname: found for docname, found in joined.items() if found} == {}


# -- whose words, and dates worked out (the real site) --------------------------------------


def test_every_citation_knows_its_voice_and_the_summary_post_is_never_rafiqs(citations, pages):
    assert citations and all("voice" in c and c["label"] for c in citations)
    summary = [c for c in citations if c["source"] == "rafiq-2015" and c["voice"] == "summary"]
    assert summary, "the real site cites the thread's summary post"
    for c in summary:
        assert c["label"].startswith("the thread’s unsigned summary post"), c
        page = pages(c["url"].split("#")[0])
        tip = page.find(id=c["url"].split("#")[1]).find_next(class_="cite-tip-source").get_text()
        assert "Rafiq’s article" not in tip and tip.startswith("the thread’s unsigned summary post"), tip
    comments = [c for c in citations if c["source"] == "rafiq-2015" and c["voice"] not in ("", "rafiq", "summary")]
    assert all(c["label"].startswith("comment by") for c in comments)


def test_a_quoted_speaker_is_named_in_the_tooltip_and_the_reference_list(citations, pages):
    minister = [c for c in citations if c["voice"] == "mushahid-ullah-khan" and not c["voice_mixed"]]
    assert minister
    c = minister[0]
    page = pages(c["url"].split("#")[0])
    marker = page.find(id=c["url"].split("#")[1])
    tip = marker.find_next(class_="cite-tip-source").get_text()
    assert tip.startswith("Mushahid Ullah Khan (Pakistani Minister for Climate Change), quoted in Kaswar Klasra")
    ref = page.find(id=f"ref-{c['number']}").get_text()
    assert ref.startswith("Mushahid Ullah Khan (Pakistani Minister for Climate Change), quoted in Kaswar Klasra")


def test_source_pages_mark_speakers_and_posts(pages):
    klasra = pages("sources/klasra-2017-looks-to-moscow.html")
    labels = {el["data-voice"] for el in klasra.select(".spoken[data-voice]")}
    assert "Maria Sultan (chairperson of the South Asian Strategic Stability Institute)" in labels
    assert all(el.get_text().startswith(("“", '"')) for el in klasra.select("#p-8 .spoken")[:1])
    thread = pages("sources/rafiq-2015-new-best-friend-thread.html")
    posts = [el.get_text() for el in thread.select(".voice-label")]
    assert posts[:2] == [
        "Arif Rafiq’s article (post 1, reposted by Neo)",
        "the thread’s unsigned summary post (post 3, posted by Neo)",
    ]


@pytest.mark.parametrize("rel", ["docs/themes/arms-trade.html", "docs/themes/us-pressure.html", "docs/timeline.html"])
def test_every_resolved_date_shows_the_texts_words(pages, rel: str):
    dates = pages(rel).select(".resolved-date")
    assert dates, f"{rel} resolves no date"
    for date in dates:
        tip = date.select_one(".cite-tip").get_text()
        assert tip.startswith(("The text says “", "No date in the words cited")), tip
        assert re.search(r" (against|by|at) | reckoning: ", tip), tip
        assert date.select_one("a.date-mark")["href"].split("#")[1].startswith("p-")


def test_recently_gives_no_year_on_the_timeline(pages):
    timeline = pages("docs/timeline.html")
    undated = [d for d in timeline.select(".resolved-date") if "recently" in d.select_one(".cite-tip").get_text()]
    assert undated
    for date in undated:
        assert date.get_text().startswith("by "), date.get_text()
        assert "which gives no year" in date.select_one(".cite-tip").get_text()
