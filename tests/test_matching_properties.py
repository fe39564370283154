"""Property-based tests of quote matching (hypothesis)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from prcite.passages import Index, QuoteError, normalise, split_passages

ROOT = Path(__file__).resolve().parents[1]
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.txt"))}
INDEXES = {name: Index(text, split_passages(text, reflow=name.startswith("shaukat"))) for name, text in TEXTS.items()}
WHITESPACE = st.sampled_from([" ", "  ", "\n", "\t", " \n  ", "\u00a0"])


def reshape(quote: str, spaces: list[str]) -> str:
    words = quote.split()
    return "".join(w + (spaces[i % len(spaces)] if i < len(words) - 1 else "") for i, w in enumerate(words))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(name=st.sampled_from(sorted(TEXTS)), data=st.data(), spaces=st.lists(WHITESPACE, min_size=1, max_size=5))
def test_any_substring_is_found_at_its_offsets(name: str, data, spaces: list[str]):
    text, index = TEXTS[name], INDEXES[name]
    passage = data.draw(st.sampled_from([p for p in index.passages if len(p.text.split()) >= 6]))
    words = list(re.finditer(r"\S+", text[passage.start : passage.end]))
    i = data.draw(st.integers(0, len(words) - 4))
    j = data.draw(st.integers(i + 3, min(len(words) - 1, i + 30)))
    start, end = passage.start + words[i].start(), passage.start + words[j].end()
    quote = text[start:end]
    hits = index.find_all(quote)
    assert (start, end) in hits  # found where it is, whatever else matches
    if len(hits) == 1:
        match = index.find(reshape(quote, spaces))
        assert (match.start, match.end) == (start, end)
        assert normalise(text[match.start : match.end]) == normalise(quote)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(sorted(TEXTS)), quote=st.text(min_size=0, max_size=80))
def test_no_input_crashes_the_matcher(name: str, quote: str):
    try:
        match = INDEXES[name].find(quote)
    except QuoteError as exc:
        assert str(exc)
    else:
        assert normalise(TEXTS[name][match.start : match.end]) == normalise(quote)


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(sorted(TEXTS)), quote=st.text(alphabet="abcdefghij XYZ", min_size=12, max_size=60))
def test_anything_not_in_the_source_is_rejected(name: str, quote: str):
    assume(normalise(quote) and normalise(quote) not in normalise(TEXTS[name]))
    try:
        INDEXES[name].find(quote)
    except QuoteError as exc:
        assert "not found" in str(exc)
    else:
        raise AssertionError("a quote that is not in the source was accepted")
