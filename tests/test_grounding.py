"""The grounding check: each defect kind fails at its line, each allowed case passes.

The cases live in the test root (tests/roots/test-grounding): every case on a page is one
paragraph after a comment ``% FAIL: words of the finding`` or ``% PASS: what it shows``, and
every event after ``# FAIL: …`` / ``# PASS: …`` lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from prcite.grounding import Checker, Cited, Sentence, Vocabulary, split_sentences

ROOT = Path(__file__).parent / "roots" / "test-grounding"


def expectations(path: Path, marker: str) -> list[tuple[int, str, str]]:
    """(line of the case, FAIL or PASS, expected words) from the comments before each case."""
    lines = path.read_text(encoding="utf-8").splitlines()
    cases, pending = [], []
    for number, line in enumerate(lines, start=1):
        m = re.match(rf"^{re.escape(marker)} (FAIL|PASS): ?(.*)$", line)
        if m:
            pending.append((m.group(1), m.group(2)))
        elif pending and line.strip():
            cases.extend((number, kind, words) for kind, words in pending)
            pending = []
    return cases


def findings(app) -> dict[tuple[str, int], list[str]]:
    """The grounding warnings of the build, by (file name, line)."""
    out: dict[tuple[str, int], list[str]] = {}
    for line in app.warning.getvalue().splitlines():
        m = re.search(
            r"([\w.-]+\.(?:md|yaml)):(\d+): WARNING: (.*) \[prcite\.grounding\]", re.sub(r"\x1b\[[\d;]*m", "", line)
        )
        if m:
            out.setdefault((m.group(1), int(m.group(2))), []).append(m.group(3))
    return out


@pytest.mark.sphinx("html", testroot="grounding")
def test_every_defect_kind_fails_at_its_line_and_every_allowed_case_passes(app):
    app.build()
    found = findings(app)
    cases = [("index.md", *c) for c in expectations(ROOT / "docs" / "index.md", "%")]
    cases += [("events.yaml", *c) for c in expectations(ROOT / "docs" / "events.yaml", "#")]
    assert sum(kind == "FAIL" for _, _, kind, _ in cases) >= 12
    assert sum(kind == "PASS" for _, _, kind, _ in cases) >= 10
    for name, line, kind, words in cases:
        here = found.get((name, line), [])
        if kind == "PASS":
            assert here == [], f"{name}:{line} should pass ({words}) but has {here}"
        else:
            assert any(words in finding for finding in here), f"{name}:{line}: no finding with {words!r} in {here}"
    expected = {(name, line) for name, line, kind, _ in cases if kind == "FAIL"}
    assert set(found) <= expected, f"findings where none was expected: {set(found) - expected}"


@pytest.mark.sphinx("html", testroot="grounding")
def test_a_finding_says_what_the_passage_has_nearby(app):
    app.build()
    text = app.warning.getvalue()
    assert "'2018' is in none of the cited passages (oped ¶ 2; it has the relative date 'August 7, this year'" in text
    assert "show it with {date}`oped August 7, this year`" in text
    assert "'President' is in none of the cited passages" in text


@pytest.mark.sphinx("html", testroot="grounding")
def test_the_build_reports_what_it_exempts(app):
    app.build()
    status = app.status.getvalue()
    assert "grounding check: 1 vocabulary entries, 1 editorial notes ({ed}), 1 resolved dates on pages" in status


@pytest.mark.sphinx("html", testroot="grounding")
def test_warnings_survive_an_incremental_build(app):
    """A page with findings is read again, so a second build cannot pass in silence.

    (The events are checked afresh by every build, as each ``make html`` starts anew.)
    """
    app.build()
    first = {key for key in findings(app) if key[0] == "index.md"}
    app.warning.truncate(0)
    app.warning.seek(0)
    app.build()
    assert {key for key in findings(app) if key[0] == "index.md"} == first != set()


def test_sentences_take_the_citations_that_follow_them():
    cites = [Cited("a", 1, ""), Cited("b", 2, ""), Cited("c", 3, "")]
    flat = "First one.\x00\x00 Second one, Lt. Gen. Smith said.\x00Third, with no space before it."
    sentences = split_sentences(flat, cites, 7)
    assert [s.text for s in sentences] == [
        "First one.",
        "Second one, Lt. Gen. Smith said.",
        "Third, with no space before it.",
    ]
    assert [[c.source for c in s.cites] for s in sentences] == [["a", "b"], ["c"], []]
    assert {s.line for s in sentences} == {7}


def test_forms_of_a_word_match_but_other_spellings_do_not():
    from prcite.grounding import _forms_match

    assert _forms_match("pakistani", {"pakistan"})
    assert _forms_match("chinese", {"china"})
    assert _forms_match("soviets", {"soviet"})
    assert not _forms_match("karmal", {"kamal"})
    assert not _forms_match("severomorsk", {"severmorsk"})
    assert not _forms_match("mukti", {"mukhti"})


def test_an_uncited_sentence_without_facts_is_fine():
    class Domain:
        def __init__(self) -> None:
            self.sources: dict = {}

    checker = Checker(Domain(), Vocabulary(), {"this", "page"})  # type: ignore[arg-type]
    assert checker.check(Sentence("This page collects test sentences."), None) == []
    assert checker.check(Sentence("Moscow signed it in 1971."), None)


def test_searching_the_word_list_file_agrees_with_loading_it():
    """A rebuild that meets a few new words searches english-words' file instead of loading it.

    Both ways must give the same answer: for entries of the list, for words not in it (an
    entry with a letter changed or added, a capitalised entry, names from the site), and for
    words of the site's pages and sources.
    """
    import random

    from prcite.grounding import _WORD, FEW_LOOKUPS, _lexicon

    searched, loaded = _lexicon(1), _lexicon(FEW_LOOKUPS + 1)
    assert searched.__name__ == "search" and loaded.__self__.__class__ is set  # each way is the one meant
    rng = random.Random(16)
    entries = rng.sample(sorted(loaded.__self__), 500)
    site = Path(__file__).parents[1]
    texts = [p.read_text(encoding="utf-8") for p in [*site.glob("docs/**/*.md"), *site.glob("sources/*.txt")]]
    words = {w.lower() for text in texts for w in _WORD.findall(text)}
    probes = [
        *entries,
        *(w[:-1] + "q" for w in entries),
        *(w + "x" for w in entries),
        *(w.capitalize() for w in entries),
        *["pakistan", "islamabad", "moscow", "putin", "", "naïve", "the", "zebra"],
        *rng.sample(sorted(words), 1000),
    ]
    assert [w for w in probes if searched(w) != loaded(w)] == []
    assert searched("the") and searched("zebra") and not searched("islamabad")
