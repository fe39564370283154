"""Unit tests of passage splitting and quote finding."""

from __future__ import annotations

import pytest
from prcite.passages import Index, LineRange, QuoteError, display, segments, split_passages

TEXT = "Title line\n\nFirst paragraph has  two spaces.\nSecond line is its own paragraph.\n\nLeave a Reply\n"


def index(text: str = TEXT, **kw) -> Index:
    return Index(text, split_passages(text, **kw))


def test_each_line_is_a_passage_with_offsets_and_lines():
    ps = split_passages(TEXT)
    assert [p.text for p in ps] == [
        "Title line",
        "First paragraph has  two spaces.",
        "Second line is its own paragraph.",
        "Leave a Reply",
    ]
    assert [(p.first_line, p.last_line) for p in ps] == [(1, 1), (3, 3), (4, 4), (6, 6)]
    for p in ps:
        assert TEXT[p.start : p.end] == p.text
    assert [p.anchor for p in ps] == ["p-1", "p-2", "p-3", "p-4"]


def test_reflow_joins_wrapped_lines_and_breaks_at_sentence_ends():
    text = (
        "One sentence wraps over\nthe line and ends here.\n"
        "A new paragraph begins with Lt. Gen.\nNasser Janjua speaking.\n"
    )
    ps = split_passages(text, reflow=True)
    assert [p.text for p in ps] == [
        "One sentence wraps over the line and ends here.",
        "A new paragraph begins with Lt. Gen. Nasser Janjua speaking.",
    ]


def test_furniture_splits_and_labels_passages():
    ps = split_passages("a\nb\nc\n", reflow=True, furniture=[LineRange(2, 2, "sidebar")])
    assert [(p.text, p.furniture) for p in ps] == [("a", None), ("b", "sidebar"), ("c", None)]


def test_find_returns_offsets_of_the_original_text():
    idx = index()
    m = idx.find("paragraph has  two")
    assert TEXT[m.start : m.end] == "paragraph has  two"
    assert m.passage.number == 2
    m = idx.find("paragraph   has two")
    assert TEXT[m.start : m.end] == "paragraph has  two"


def test_quote_across_paragraphs_is_refused():
    with pytest.raises(QuoteError, match="runs across paragraphs 2 and 3"):
        index().find("two spaces. Second line")


def test_case_and_punctuation_are_not_forgiven():
    with pytest.raises(QuoteError, match="not found"):
        index().find("first paragraph has two spaces")
    with pytest.raises(QuoteError, match="not found"):
        index().find("First paragraph has two spaces!")


def test_miss_names_the_paragraph_and_where_it_stops_matching():
    with pytest.raises(QuoteError) as err:
        index().find("First paragraph has  three spaces")
    msg = str(err.value)
    assert "paragraph 2 (line 3)" in msg
    assert "the quote has 'three spaces' where the source has 'two spaces." in msg


def test_miss_without_common_prefix_names_closest_passage():
    with pytest.raises(QuoteError, match=r"closest passage is paragraph 3 \(line 4\)"):
        index().find("Zebra own paragraph line")


def test_repeated_quote_is_refused_with_every_line():
    with pytest.raises(QuoteError, match=r"occurs 2 times \(lines 3, 4\)"):
        index().find("paragraph")


def test_empty_quote_is_refused():
    with pytest.raises(QuoteError, match="empty"):
        index().find("   ")


def test_furniture_is_never_cited():
    idx = index(furniture=[LineRange(6, 6, "comment form")])
    with pytest.raises(QuoteError, match="furniture"):
        idx.find("Leave a Reply")


def test_display_and_segments_map_back_to_the_file():
    text = "  wrapped line one\n  and line two.\n"
    (p,) = split_passages(text, reflow=True)
    shown, where = display(text, p)
    assert shown == "wrapped line one and line two."
    assert all(shown[i] == text[where[i]] or shown[i] == " " for i in range(len(shown)))
    m = Index(text, [p]).find("one and line")
    runs = segments(text, p, [(m.start, m.end, "q")])
    assert runs == [("wrapped line ", ()), ("one and line", ("q",)), (" two.", ())]


def test_overlapping_quotes_make_three_runs():
    text = "alpha beta gamma delta\n"
    (p,) = split_passages(text)
    runs = segments(text, p, [(0, 10, "a"), (6, 16, "b")])
    assert runs == [("alpha ", ("a",)), ("beta", ("a", "b")), (" gamma", ("b",)), (" delta", ())]


def test_find_ignores_whitespace_differences():
    idx = index()
    m = idx.find("First\nparagraph has two   spaces.")
    assert TEXT[m.start : m.end] == "First paragraph has  two spaces."
