"""Who speaks where (voices) and relative dates resolved in the open (dating): unit tests."""

from __future__ import annotations

import pytest
from prcite.dating import contradiction, read_dates
from prcite.passages import Index, LineRange, split_passages
from prcite.voices import quotation_spans, read_voices, voice_of

TEXT = """A report

The minister said the talks went well. “We want peace with everyone,” the minister told the paper.

“The deal is done,” he said, “and ‘final’ in every sense.”

An opening mark that never closes: “the words run on to the end

Post one by Ann: the first post of a thread.
It has two lines.

Post two by Bob, a summary of post one.

Leave a Reply
"""


def index(text: str = TEXT, furniture: list[LineRange] | None = None) -> Index:
    return Index(text, split_passages(text, furniture=furniture or [LineRange(14, 14, "comment form")]))


def voices(*items: dict) -> tuple[dict, list, list]:
    idx = index()
    return read_voices({"voices": list(items)}, idx, TEXT.count("\n"), {14})


def words(spans: list, sid: str) -> list[str]:
    return [TEXT[s.start : s.end] for s in spans if s.voice == sid]


def test_quotation_marks_pair_within_a_paragraph_nested_quotes_stay_the_speakers():
    start = TEXT.index("“The deal")
    end = TEXT.index("sense.”") + len("sense.”")
    spans = quotation_spans(TEXT, start, end)
    assert [TEXT[a:b] for a, b in spans] == ["“The deal is done,”", "“and ‘final’ in every sense.”"]


def test_a_mark_that_never_closes_runs_to_the_end_of_its_paragraph():
    start = TEXT.index("An opening")
    end = TEXT.index("the end") + len("the end")
    assert [TEXT[a:b] for a, b in quotation_spans(TEXT, start, end)] == ["“the words run on to the end"]


def test_straight_quotes_toggle_and_a_lone_closing_mark_is_ignored():
    text = 'He said "yes" and then ” nothing "more'
    assert [text[a:b] for a, b in quotation_spans(text, 0, len(text))] == ['"yes"', '"more']


def test_quoted_voice_takes_only_the_words_inside_the_marks():
    _, spans, problems = voices({"id": "minister", "name": "The Minister", "quoted": [3, 3]})
    assert problems == []
    assert words(spans, "minister") == ["“We want peace with everyone,”"]


def test_voice_of_speech_narration_and_a_quote_that_spans_both():
    _, spans, _ = voices({"id": "minister", "name": "The Minister", "quoted": [3, 3]})
    inside = TEXT.index("We want peace")
    assert voice_of(spans, inside, inside + len("We want peace")) == ("minister", False, False)
    narration = TEXT.index("the talks went well")
    assert voice_of(spans, narration, narration + 10) == ("", False, False)
    # from the narrator's words into the speaker's: the narrator's, quoting the speaker
    mixed = TEXT.index("went well.")
    assert voice_of(spans, mixed, TEXT.index("peace")) == ("minister", True, False)


def test_lines_give_a_whole_post_and_says_gives_exact_words():
    _, spans, problems = voices(
        {"id": "ann", "name": "Ann", "part": "post", "lines": [9, 10]},
        {"id": "bob", "name": "Bob", "part": "summary post", "lines": [[12, 12]]},
        {"id": "he", "name": "an unnamed speaker", "says": ["he said"]},
    )
    assert problems == []
    assert words(spans, "ann") == ["Post one by Ann: the first post of a thread.\nIt has two lines."]
    assert words(spans, "bob") == ["Post two by Bob, a summary of post one."]
    assert words(spans, "he") == ["he said"]
    # exact words without an opening quotation mark are the author's report of the voice
    said = TEXT.index("he said")
    assert voice_of(spans, said, said + 7) == ("he", False, True)


@pytest.mark.parametrize(
    ("voice", "message"),
    [
        ({"id": "x", "name": "X", "lines": [12, 40]}, "outside the file's lines 1–14 or backwards"),
        ({"id": "x", "name": "X", "lines": [12, 9]}, "outside the file's lines 1–14 or backwards"),
        ({"id": "x", "name": "X", "lines": [12, 14]}, "include furniture (line 14); a voice is never furniture"),
        ({"id": "x", "name": "X", "quoted": [9, 10]}, "no quotation marks on lines 9–10"),
        ({"id": "x", "name": "X", "says": ["not in the text at all"]}, "occurs 0 times in the text"),
        ({"id": "x", "name": "X", "lines": "9-10"}, "lines must be [first, last] line numbers"),
        ({"id": "X!", "name": "X", "lines": [9, 9]}, "a voice needs an id"),
        ({"id": "x", "name": "X", "lines": [9, 9], "role": "y"}, "unknown field 'role'"),
    ],
)
def test_bad_voices_say_what_is_wrong(voice: dict, message: str):
    _, _, problems = voices(voice)
    assert any(message in text for _, text in problems), problems


def test_two_voices_on_the_same_words_are_an_error():
    _, _, problems = voices(
        {"id": "ann", "name": "Ann", "lines": [9, 10]},
        {"id": "bob", "name": "Bob", "says": ["the first post of a thread"]},
    )
    assert any("overlaps voice 'ann'" in text for _, text in problems), problems


@pytest.mark.parametrize(
    ("says", "means", "text_date", "wrong"),
    [
        ("troops last month held", "2017-09", "2017-10-13", None),
        ("troops last month held", "2017-08", "2017-10-13", "is September 2017, not August 2017"),
        ("last month", "2016-12", "2017-01-05", None),
        ("last month", "2017-09", "2017", "needs the text's month"),
        ("Islamabad last year", "2016", "2017-10-13", None),
        ("Islamabad last year", "2017", "2017-10-13", "is in 2016, not 2017"),
        ("August 7, this year", "2018-08-07", "2018-08", None),
        ("August 7, this year", "2018-08-08", "2018-08", "names day 7"),
        ("August 7, this year", "2018-07-07", "2018-08", "names August"),
        ("Earlier this year, Pakistan closed", "2015", "2015-09-30", None),
        ("Nonetheless, last November", "2014-11", "2015-09-30", None),
        ("Nonetheless, last November", "2015-11", "2015-09-30", "is in 2014, not 2015"),
        ("will visit Moscow this December", "2015-12", "2015-09-30", None),
        ("On August 3, the US Congress", "2018-08-03", "2018-08", None),
        ("Weeks earlier of this tweet", "2017", "2018-01-01", None),
        ("Pakistani media recently reported", "", "2017-10-13", None),
        ("Pakistani media recently reported", "2017", "2017-10-13", "resolve to no date"),
        ("troops last month held", "", "2017-10-13", "is given no date"),
        ("troops last month held", "Sept 2017", "2017-10-13", 'must be "YYYY"'),
    ],
)
def test_a_resolution_must_agree_with_the_texts_date(says: str, means: str, text_date: str, wrong: str | None):
    found = contradiction(says, means, text_date)
    assert (found is None) if wrong is None else (found is not None and wrong in found), found


def test_read_dates_finds_the_words_once_and_checks_each_against_the_text():
    text = "Troops last month held an exercise.\n\nThey met last month again, last month.\n"
    idx = Index(text, split_passages(text))
    entry = {
        "dates": [
            {"says": "Troops last month held", "means": "2017-09", "__line__": 3},
            {"says": "last month", "means": "2017-09", "__line__": 5, "__lines__": {"says": 5}},
            {"says": "an exercise", "means": "2016", "__line__": 7, "__lines__": {"means": 8}},
            {"says": "They met", "means": "2017", "anchor": "2017-01-01", "__line__": 9},
        ]
    }
    dates, problems = read_dates(entry, "t", idx, "2017-10-13")
    assert list(dates) == ["Troops last month held"]
    assert dates["Troops last month held"].passage == 1
    lines = {line: text for line, text in problems}
    assert "occur 3 times" in lines[5]
    assert "is in 2017, not 2016" in lines[8]
    assert "an anchor needs an anchor_note" in lines[9]
