"""Every kind of bad input fails the build with a message naming the file and line."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXT = str(Path(__file__).resolve().parents[1] / "docs" / "_ext")


def build(src: Path, *extra: str) -> tuple[int, str]:
    """Build as `make html` does (warnings are errors, keep going); return code and messages."""
    out = src / "_build" / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", *extra, str(src), str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": EXT},
    )
    return result.returncode, result.stderr


def cite(root: Path, text: str) -> None:
    """Append a paragraph with citations to docs/page.md (it starts on line 7)."""
    page = root / "docs" / "page.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def add_source(root: Path, sid: str, data: bytes, sha: str | None = None) -> None:
    (root / "sources" / f"{sid}.txt").write_bytes(data)
    with (root / "sources" / "catalog.yaml").open("a", encoding="utf-8") as cat:
        cat.write(
            f"\n- id: {sid}\n  file: {sid}.txt\n  sha256: {sha or hashlib.sha256(data).hexdigest()}\n"
            f'  title: {sid}\n  author: X\n  outlet: Y\n  date: "2019"\n  kind: op-ed\n  stance: Z.\n'
        )


def fails_with(root: Path, where: str, message: str) -> str:
    code, err = build(root)
    assert code != 0, "the build should fail"
    lines = [line for line in err.splitlines() if where in line and message in line]
    assert lines, f"expected {where!r} with {message!r} in:\n{err}"
    return err


def test_the_test_root_builds_clean(basic_copy: Path):
    assert build(basic_copy) == (0, "")


def test_unknown_source_id(basic_copy: Path):
    cite(basic_copy, "Claim.{src}`gamma some words from nowhere`")
    fails_with(basic_copy, "docs/page.md:7:", "unknown source id 'gamma'; known ids: alpha, beta")


def test_quote_not_found_says_where_it_stops_matching(basic_copy: Path):
    cite(basic_copy, "Claim.{src}`alpha The first mission flew from Karachi in 1960`")
    err = fails_with(basic_copy, "docs/page.md:7:", "not found; it matches paragraph 3 (line 5)")
    assert "the quote has 'Karachi in 1960' where the source has 'Peshawar in 1960" in err


def test_quote_found_twice(basic_copy: Path):
    add_source(basic_copy, "twice", b"The same four words here.\n\nThe same four words here.\n")
    cite(basic_copy, "Claim.{src}`twice The same four words`")
    fails_with(basic_copy, "docs/page.md:7:", "occurs 2 times (lines 1, 3)")


def test_empty_quote(basic_copy: Path):
    cite(basic_copy, "Claim.{src}`alpha`")
    fails_with(basic_copy, "docs/page.md:7:", "citation of 'alpha' has an empty quote")


def test_too_short_quote(basic_copy: Path):
    cite(basic_copy, "Claim.{src}`alpha shot down`")
    fails_with(basic_copy, "docs/page.md:7:", "fewer than 4 words")


def test_quote_in_furniture(basic_copy: Path):
    cite(basic_copy, "Claim.{src}`beta signed a defence cooperation agreement in`{src}`alpha Leave a Reply`")
    fails_with(basic_copy, "docs/page.md:7:", "is in website furniture (comment form, line 9)")


def test_quote_across_paragraphs(basic_copy: Path):
    cite(basic_copy, "Claim.{src}`beta later a military-technical accord. A new paragraph starts here`")
    fails_with(basic_copy, "docs/page.md:7:", "runs across paragraphs 2 and 3")


def test_source_changed_after_checksum(basic_copy: Path):
    with (basic_copy / "sources" / "alpha.txt").open("ab") as f:
        f.write(b"An edited line.\n")
    err = fails_with(basic_copy, "catalog.yaml:3:", "alpha.txt has changed since its SHA-256 was recorded")
    # citations of the refused source say why they cannot be checked
    assert "source 'alpha' cannot be cited until its catalogue problem is fixed" in err


def test_entry_without_file(basic_copy: Path):
    (basic_copy / "sources" / "beta.txt").unlink()
    fails_with(basic_copy, "catalog.yaml:14:", "file 'beta.txt' does not exist in sources/")


def test_file_without_entry(basic_copy: Path):
    (basic_copy / "sources" / "stray.txt").write_text("A stray text.\n", encoding="utf-8")
    fails_with(basic_copy, "stray.txt:1:", "stray.txt has no entry in catalog.yaml")


def test_unknown_source_id_suggests_the_closest(basic_copy: Path):
    cite(basic_copy, "Claim.{src}`alpah The first mission flew from Peshawar`")
    fails_with(
        basic_copy, "docs/page.md:7:", "unknown source id 'alpah'; did you mean 'alpha'?; known ids: alpha, beta"
    )


def test_typographic_variant_is_named_with_code_points(basic_copy: Path):
    add_source(basic_copy, "curly", "Pakistan\u2019s army said it was \u201cready\u201d to buy more.\n".encode())
    cite(basic_copy, 'Claim.{src}`curly Pakistan\'s army said it was "ready"`')
    fails_with(
        basic_copy,
        "docs/page.md:7:",
        "paragraph 1 (line 1) has it with a typographic variant: the quote has ' (U+0027 APOSTROPHE) where the "
        'source has \u2019 (U+2019 RIGHT SINGLE QUOTATION MARK); the quote has " (U+0022 QUOTATION MARK) where the '
        'source has \u201c (U+201C LEFT DOUBLE QUOTATION MARK); the quote has " (U+0022 QUOTATION MARK) where the '
        "source has \u201d (U+201D RIGHT DOUBLE QUOTATION MARK). Copy the source's character: quotes are exact",
    )


def test_missing_author_is_reported_once(basic_copy: Path):
    cat = basic_copy / "sources" / "catalog.yaml"
    cat.write_text(cat.read_text(encoding="utf-8").replace("  author: B. Author\n", ""), encoding="utf-8")
    err = fails_with(
        basic_copy, "catalog.yaml:13:", "entry 'beta' is missing author; every entry needs id, file, sha256"
    )
    assert "has no entry" not in err


def test_furniture_range_beyond_the_file(basic_copy: Path):
    cat = basic_copy / "sources" / "catalog.yaml"
    cat.write_text(cat.read_text(encoding="utf-8").replace("[9, 9,", "[9, 40,"), encoding="utf-8")
    fails_with(
        basic_copy,
        "catalog.yaml:11:",
        "furniture range [9, 40, 'comment form'] is outside the file, which has lines 1 to 9",
    )


def test_catalogue_date_in_another_format(basic_copy: Path):
    cat = basic_copy / "sources" / "catalog.yaml"
    cat.write_text(cat.read_text(encoding="utf-8").replace('"2020-01-02"', '"Sept 2019"'), encoding="utf-8")
    fails_with(basic_copy, "catalog.yaml:7:", "source 'alpha': date 'Sept 2019' is not in the expected format: write")


def test_malformed_catalogue_yaml(basic_copy: Path):
    cat = basic_copy / "sources" / "catalog.yaml"
    cat.write_text(cat.read_text(encoding="utf-8").replace("title: Beta essay", "title: [Beta essay"), encoding="utf-8")
    fails_with(basic_copy, "catalog.yaml:", "the catalogue is not valid YAML")


def test_source_not_utf8(basic_copy: Path):
    add_source(basic_copy, "latin", "Caf\u00e9 society\nthird line\n".encode("latin-1"))
    fails_with(basic_copy, "latin.txt:1:", "latin.txt is not UTF-8")


def test_duplicate_source_id(basic_copy: Path):
    cat = basic_copy / "sources" / "catalog.yaml"
    cat.write_text(cat.read_text(encoding="utf-8").replace("- id: beta", "- id: alpha"), encoding="utf-8")
    fails_with(basic_copy, "catalog.yaml:13:", "duplicate source id 'alpha' (first at line 1)")


def test_citation_of_a_source_excluded_from_the_build(basic_copy: Path):
    conf = basic_copy / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'exclude_patterns = ["sources/beta.txt"]\n', encoding="utf-8")
    index = basic_copy / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("/sources/beta\n", ""), encoding="utf-8")
    fails_with(basic_copy, "docs/page.md:5:", "whose page sources/beta is excluded from the build")


def test_page_excluded_from_the_build_leaves_no_citations(basic_copy: Path):
    cite(basic_copy, "Claim.{src}`gamma a broken citation here`")
    conf = basic_copy / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'exclude_patterns = ["docs/page.md"]\n', encoding="utf-8")
    index = basic_copy / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("page\n", "", 1), encoding="utf-8")
    assert build(basic_copy) == (0, "")
    data = json.loads((basic_copy / "_build/html/citations.json").read_text(encoding="utf-8"))["citations"]
    assert {rec["page"] for rec in data} == {"docs/index"}
    assert "docs/page" not in (basic_copy / "_build/html/sources/beta.html").read_text(encoding="utf-8")


def test_several_problems_are_all_reported(basic_copy: Path):
    cite(basic_copy, "One.{src}`gamma unknown source words`\n\nTwo.{src}`alpha words that are not there at all`")
    (basic_copy / "sources" / "stray.txt").write_text("stray\n", encoding="utf-8")
    code, err = build(basic_copy)
    assert code != 0
    assert "docs/page.md:7:" in err and "unknown source id 'gamma'" in err
    assert "docs/page.md:9:" in err and "not found" in err
    assert "stray.txt has no entry" in err


@pytest.mark.parametrize("subtype", ["quote"])
def test_a_subtype_can_be_silenced_deliberately(basic_copy: Path, subtype: str):
    cite(basic_copy, "Claim.{src}`alpha shot down`")
    conf = basic_copy / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f'suppress_warnings = ["prcite.{subtype}"]\n', encoding="utf-8")
    assert build(basic_copy) == (0, "")


# -- voices and resolved dates (sources/catalog.yaml), each named at the line of its field ----


def add_to_alpha(root: Path, yaml_lines: str) -> None:
    """Insert fields into the alpha entry of the test catalogue, after its kind (line 8)."""
    cat = root / "sources" / "catalog.yaml"
    lines = cat.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[8:8] = [yaml_lines]
    cat.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("voices", "where", "message"),
    [
        (
            "    - id: writer\n      name: A. Writer\n      lines: [5, 40]\n",
            "catalog.yaml:12:",
            "voice 'writer': lines [5, 40] is outside the file's lines 1–9",
        ),
        (
            "    - {id: one, name: One, lines: [5, 5]}\n"
            '    - {id: two, name: Two, says: ["flew from Peshawar in 1960"]}\n',
            "catalog.yaml:11:",
            "voice 'two' overlaps voice 'one' (line 10)",
        ),
        (
            "    - id: reader\n      name: Reader\n      lines: [7, 9]\n",
            "catalog.yaml:12:",
            "lines [7, 9] include furniture (line 9); a voice is never furniture",
        ),
    ],
    ids=["outside the file", "overlapping", "on furniture"],
)
def test_bad_voice_at_its_field(basic_copy: Path, voices: str, where: str, message: str):
    add_to_alpha(basic_copy, "  voices:\n" + voices)
    fails_with(basic_copy, where, message)


def test_unknown_voice_in_a_citation(basic_copy: Path):
    add_to_alpha(basic_copy, "  voices:\n    - {id: writer, name: A. Writer, lines: [7, 7]}\n")
    cite(basic_copy, "A. Writer reports it.{src}`alpha@writr The first mission flew from Peshawar in 1960`")
    fails_with(basic_copy, "docs/page.md:7:", "alpha: unknown voice 'writr'; did you mean 'writer'?")


def test_voice_named_against_the_text(basic_copy: Path):
    add_to_alpha(basic_copy, "  voices:\n    - {id: writer, name: A. Writer, lines: [7, 7]}\n")
    cite(basic_copy, "A. Writer reports it.{src}`alpha@writer The first mission flew from Peshawar in 1960`")
    code, err = build(basic_copy)
    assert code == 0, err  # narration may be attributed to a voice (reported speech)
    cite(basic_copy, "A. Writer reports it.{src}`alpha@nobody A second paragraph mentions`")
    fails_with(basic_copy, "docs/page.md:9:", "alpha: unknown voice 'nobody'")


def test_resolved_date_that_contradicts_the_texts_date(basic_copy: Path):
    add_to_alpha(basic_copy, '  dates:\n    - says: "in 1960 and was shot down"\n      means: "2019"\n')
    fails_with(
        basic_copy,
        "catalog.yaml:11:",
        "date: 'in 1960 and was shot down' in a text of 2 January 2020 is in 2020, not 2019",
    )


def test_date_role_naming_words_the_catalogue_does_not_resolve(basic_copy: Path):
    add_to_alpha(basic_copy, '  dates:\n    - {says: "in 1960 and was shot down", means: "2020"}\n')
    cite(basic_copy, "It flew {date}`alpha in 1961`.{src}`alpha The first mission flew from Peshawar in 1960`")
    fails_with(basic_copy, "docs/page.md:7:", "alpha: 'in 1961' is not a recorded date of this source")
