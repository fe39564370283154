"""Voices and resolved dates as a reader sees them, in a small site (the grounding test root).

Its news report has two voices, the reporter's narration and a minister's quoted words; its
forum thread has an article, an unsigned summary post and a comment.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.sphinx("html", testroot="grounding")


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


def tip_of(page: BeautifulSoup, words: str) -> str:
    """The tooltip source line of the first marker whose quote contains ``words``."""
    for tip in page.select(".cite-tip"):
        quote = tip.select_one(".cite-tip-quote")
        if quote and words in quote.get_text():
            return tip.select_one(".cite-tip-source").get_text()
    raise AssertionError(f"no citation of {words!r}")


def test_tooltips_name_the_voice_and_only_when_it_is_not_the_authors(app):
    app.build()
    page = soup(app, "docs/index.html")
    assert tip_of(page, "The talks went well") == (
        "Mushahid Ullah Khan (minister), quoted in Kay Reporter, “Talks in Islamabad” (2017-10-13), paragraph 7"
    )
    assert tip_of(page, "took place in 1960") == "Kay Reporter, “Talks in Islamabad” (2017-10-13), paragraph 5"
    summary = tip_of(page, "Summary: Moscow lifted")
    assert summary.startswith("the unsigned summary post (post 2), “Thread: new friends?”")
    assert "Rafiq" not in summary
    assert tip_of(page, "building ties").startswith("Arif Rafiq’s article (post 1)")


def test_reference_list_names_the_voice(app):
    app.build()
    refs = [li.get_text(" ", strip=True) for li in soup(app, "docs/index.html").select("ol.src-references li")]
    assert any(r.startswith("Mushahid Ullah Khan (minister), quoted in Kay Reporter") for r in refs), refs
    assert any(r.startswith("comment by critic (post 3)") for r in refs), refs
    assert not any("summary post" in r and "Arif Rafiq’s article" in r for r in refs)


def test_copy_citation_in_a_tooltip_carries_the_voice(app):
    app.build()
    page = soup(app, "docs/index.html")
    leads = {b.get("data-lead") for b in page.select(".cite-tip button.copy-cite")}
    assert "Mushahid Ullah Khan (minister), quoted in Kay Reporter" in leads
    assert None in leads  # narration: no lead, the author is the default


def test_source_page_marks_a_speakers_words_and_heads_each_post(app):
    app.build()
    report = soup(app, "sources/report.html")
    para = report.find(id="p-7")
    spoken = "".join(s.get_text() for s in para.select(".spoken"))
    assert spoken == "“The talks went well and we want more of them,”"
    # named where the words begin, by CSS from data-voice: the label is not part of the text
    assert para.select_one(".spoken")["data-voice"] == "Mushahid Ullah Khan (minister)"
    assert "Mushahid Ullah Khan (minister)" not in para.select_one("p.passage-text").get_text()
    assert not report.find(id="p-5").select(".spoken, .voice-label")
    cited_by = para.select_one(".cited-by").get_text()
    assert "(citing Mushahid Ullah Khan (minister))" in cited_by
    thread = soup(app, "sources/thread.html")
    labels = [el.get_text() for el in thread.select(".voice-label")]
    assert labels == [
        "Arif Rafiq’s article (post 1)",
        "the unsigned summary post (post 2)",
        "comment by critic (post 3)",
    ]


def test_citations_json_records_every_voice(app):
    app.build()
    records = json.loads((app.outdir / "citations.json").read_text(encoding="utf-8"))["citations"]
    assert all("voice" in r and "label" in r for r in records)
    by_quote = {r["quote"]: r for r in records}
    assert by_quote["The talks went well and we want more of them"]["voice"] == "minister"
    assert by_quote["The talks went well and we want more of them"]["voice_name"] == "Mushahid Ullah Khan"
    assert by_quote["Summary: Moscow lifted an arms embargo on Islamabad"]["voice"] == "summary"
    assert by_quote["took place in 1960 near Peshawar"]["voice"] == ""
    assert by_quote["took place in 1960 near Peshawar"]["voice_name"] == "Kay Reporter"


def test_a_resolved_date_shows_the_texts_words_and_what_it_was_counted_from(app):
    app.build()
    page = soup(app, "docs/index.html")
    date = page.select_one(".resolved-date")
    assert date.get_text().startswith("7 August 2018")
    tip = date.select_one(".cite-tip").get_text()
    assert tip.startswith(
        "The text says “August 7, this year”; the site dates it 7 August 2018, against the text’s own date, "
        "August 2018 (dated from internal evidence)."
    )
    mark = date.select_one("a.date-mark")
    assert mark["href"].endswith("sources/oped.html#p-2")
    assert mark["aria-describedby"] == date.select_one(".cite-tip")["id"]


def test_an_event_dated_from_relative_words_says_so_on_the_timeline(app):
    app.build()
    page = soup(app, "docs/index.html")
    item = page.find(id="event-bortnikov").find_parent("li")
    assert item.select_one(".resolved-date").get_text().startswith("2016")
    assert "The text says “visited Islamabad last year”" in item.select_one(".cite-tip").get_text()


def test_reported_speech_reads_as_reported_not_quoted(app):
    """A citation naming a voice for the author's own words (``@voice``) is reported speech."""
    app.build()
    page = soup(app, "docs/index.html")
    label = tip_of(page, "The talks went well")
    assert "quoted in" in label  # the minister's own words, in quotation marks
    records = json.loads((app.outdir / "citations.json").read_text(encoding="utf-8"))["citations"]
    reported = [r for r in records if r["voice"] == "minister" and r["quote"].startswith("Minister")]
    assert reported and all(r["voice_reported"] for r in reported)
    assert all(r["label"].startswith("Mushahid Ullah Khan (minister), as reported by Kay Reporter") for r in reported)
