"""Unit tests of the source catalogue check."""

from __future__ import annotations

import hashlib
from pathlib import Path

from prcite.catalogue import load

ROOT = Path(__file__).resolve().parents[1]


def entry(sid: str, name: str, data: bytes, **extra: str) -> str:
    fields = {
        "id": sid,
        "file": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "title": "T",
        "author": "A",
        "outlet": "O",
        "date": '"2018"',
        "kind": "op-ed",
        "stance": "S",
    }
    fields.update(extra)
    return "- " + "\n  ".join(f"{k}: {v}" for k, v in fields.items()) + "\n"


def write(folder: Path, files: dict[str, bytes], catalogue: str) -> None:
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "catalog.yaml").write_text(catalogue, encoding="utf-8")


# the five texts the site was built from, as received; more may be added (see README, "Adding a source")
FIVE = {
    "ruff-2018": "bb0efde0ceeaf5b23fb17466cf265c6223ec9c08046d36ca50ad632d6b9a5726",
    "khan-2018": "388094d24291cac3c63ec37e12961b659770dc02dddc6fb44af289dbb2fd8b19",
    "rafiq-2015": "0fa90ede7d8eb014ab8e380d8e1201007484a59fed2f6bfaa3799960f067d2ba",
    "shaukat-2018": "ed403ecf3a9bf235d9c2bbf7c7db2de43b7a024a900435eac0f5a454363aa460",
    "klasra-2017": "4edd78b1036eff18047470252a3ee60524c1914dbff14d72f96c0305c8759adf",
}


def test_real_catalogue_is_clean():
    sources, problems = load(ROOT / "sources")
    assert problems == []
    for source in sources.values():
        assert hashlib.sha256(source.path.read_bytes()).hexdigest() == source.meta["sha256"]


def test_the_five_original_sources_are_present_and_unchanged():
    """Only these five are pinned: a sixth source is welcome and fails nothing here."""
    sources = load(ROOT / "sources")[0]
    for sid, digest in FIVE.items():
        assert sid in sources, f"the original source {sid!r} is no longer in sources/catalog.yaml"
        actual = hashlib.sha256(sources[sid].path.read_bytes()).hexdigest()
        assert actual == digest, f"{sources[sid].path.name} is not the text as received (SHA-256 {actual})"


def test_good_entry_loads(tmp_path: Path):
    write(tmp_path, {"a.txt": b"Some text here.\n"}, entry("a", "a.txt", b"Some text here.\n"))
    sources, problems = load(tmp_path)
    assert problems == [] and list(sources) == ["a"]


def test_changed_file_is_refused_with_catalogue_line(tmp_path: Path):
    write(tmp_path, {"a.txt": b"changed\n"}, "\n" + entry("a", "a.txt", b"original\n"))
    sources, problems = load(tmp_path)
    assert sources == {}
    (p,) = problems
    # the line of the sha256 field, not of the entry's "- id:"
    assert p.path.name == "catalog.yaml" and p.line == 4 and "has changed since its SHA-256" in p.message
    assert "record the new checksum" in p.message and "python -m prcite.addsource --rehash a" in p.message


def test_entry_without_file(tmp_path: Path):
    write(tmp_path, {}, entry("a", "gone.txt", b"x"))
    (p,) = load(tmp_path)[1]
    assert p.line == 2 and "'gone.txt' does not exist" in p.message and p.source_id == "a"  # the file: line


def test_file_without_entry(tmp_path: Path):
    write(tmp_path, {"stray.txt": b"x\n"}, "[]\n")
    (p,) = load(tmp_path)[1]
    assert p.path.name == "stray.txt" and "has no entry" in p.message


def test_malformed_yaml_names_the_line(tmp_path: Path):
    write(tmp_path, {}, "- id: a\n  title: [unclosed\n  author: x\n")
    (p,) = load(tmp_path)[1]
    assert p.line is not None and p.line >= 2 and "not valid YAML" in p.message


def test_non_utf8_source(tmp_path: Path):
    data = b"line one\nbad \xff byte\n"
    write(tmp_path, {"a.txt": data}, entry("a", "a.txt", data))
    (p,) = load(tmp_path)[1]
    assert p.path.name == "a.txt" and p.line == 2 and "not UTF-8" in p.message


def test_duplicate_id(tmp_path: Path):
    data = b"text\n"
    write(tmp_path, {"a.txt": data, "b.txt": data}, entry("a", "a.txt", data) + entry("a", "b.txt", data))
    problems = load(tmp_path)[1]
    assert any("duplicate source id 'a'" in p.message and p.line == 10 for p in problems)
    assert len(problems) == 1


def test_missing_fields_and_bad_values(tmp_path: Path):
    data = b"text\n"
    cat = entry("a", "a.txt", data, kind="rumour", date='"May 2018"')
    write(tmp_path, {"a.txt": data}, cat + "- id: b\n  file: a.txt\n")
    messages = [p.message for p in load(tmp_path)[1]]
    assert any("kind 'rumour'" in m for m in messages)
    assert "kind 'rumour' is not one of: news report, op-ed, column, analysis, forum thread" in messages
    assert (
        "source 'a': date 'May 2018' is not in the expected format: write "
        '"YYYY", "YYYY-MM" or "YYYY-MM-DD" (a year, a month or a day), in quotes'
    ) in messages
    assert (
        "entry 'b' is missing sha256, title, author, outlet, kind, stance; every entry needs id, file, "
        "sha256, title, author, outlet, kind, stance, and a date or date_evidence (see the header of the catalogue)"
    ) in messages


TEXT = b"".join(b"line %d of the text\n" % n for n in range(1, 29))  # 28 lines


def problems_for(tmp_path: Path, **extra: str) -> list[tuple[int | None, str]]:
    write(tmp_path, {"a.txt": TEXT}, entry("a", "a.txt", TEXT, **extra))
    return [(p.line, p.message) for p in load(tmp_path)[1]]


def test_furniture_outside_the_file(tmp_path: Path):
    # the range's own line (line 12: "    - [23, 40, ...]"), not the entry's "- id:" line
    assert problems_for(tmp_path, furniture='\n    - [1, 2, "header"]\n    - [23, 40, "sidebar"]') == [
        (12, "source 'a': furniture range [23, 40, 'sidebar'] is outside the file, which has lines 1 to 28")
    ]


def test_furniture_written_backwards(tmp_path: Path):
    assert problems_for(tmp_path, furniture='\n    - [28, 23, "sidebar"]') == [
        (
            11,
            "source 'a': furniture range [28, 23, 'sidebar'] runs backwards: "
            "write the first line before the last, [23, 28]",
        )
    ]


def test_overlapping_furniture(tmp_path: Path):
    assert problems_for(tmp_path, furniture='\n    - [3, 8, "share buttons"]\n    - [8, 12, "related posts"]') == [
        (12, "source 'a': furniture range [8, 12] overlaps [3, 8] (line 11); merge them or make them disjoint")
    ]


def test_malformed_furniture_range(tmp_path: Path):
    assert problems_for(tmp_path, furniture='\n    - ["3-8", "sidebar"]') == [
        (11, "source 'a': a furniture range must be [first, last, label] with line numbers, not ['3-8', 'sidebar']")
    ]


def test_content_note_outside_or_backwards(tmp_path: Path):
    note = "\n    lines: [{}, {}]\n    text: Abuse below."
    assert problems_for(tmp_path, content_note=note.format(20, 30)) == [
        (11, "source 'a': content_note range [20, 30] is outside the file, which has lines 1 to 28")
    ]
    assert problems_for(tmp_path, content_note=note.format(20, 10)) == [
        (11, "source 'a': content_note range [20, 10] runs backwards: write the first line before the last, [10, 20]")
    ]


def test_good_ranges_load(tmp_path: Path):
    write(tmp_path, {"a.txt": TEXT}, entry("a", "a.txt", TEXT, furniture="\n    - [1, 2, h]\n    - [28, 28, f]"))
    sources, problems = load(tmp_path)
    assert problems == [] and [p.furniture for p in sources["a"].index.passages][:3] == ["h", "h", None]


def test_missing_author_is_one_problem(tmp_path: Path):
    data = b"text\n"
    cat = entry("a", "a.txt", data).replace("  author: A\n", "")
    write(tmp_path, {"a.txt": data}, cat)
    (p,) = load(tmp_path)[1]  # and not also "a.txt has no entry in catalog.yaml"
    assert p.line == 1 and p.message.startswith("entry 'a' is missing author; every entry needs id, file,")


def test_field_lines_and_suggestions(tmp_path: Path):
    assert problems_for(tmp_path, kind="oped") == [
        (8, "kind 'oped' is not one of: news report, op-ed, column, analysis, forum thread; did you mean 'op-ed'?")
    ]
    assert problems_for(tmp_path, date="2019-05-01") == [
        (
            7,
            "source 'a': date 2019-05-01 is not quoted: write it as \"2019-05-01\" "
            "(YAML reads it as a number or a date otherwise)",
        )
    ]
    ((line, message),) = problems_for(tmp_path, furnitur="[]")
    assert line == 10 and message.startswith("source 'a': unknown field 'furnitur'; did you mean 'furniture'? (known:")


def test_misnamed_file_suggests_the_one_there(tmp_path: Path):
    write(tmp_path, {"khan-2018-thaw.txt": TEXT}, entry("a", "khan-2018-thaw.text", TEXT))
    p = load(tmp_path)[1][0]
    assert p.line == 2 and p.message.endswith("add it or remove the entry; did you mean 'khan-2018-thaw.txt'?")
