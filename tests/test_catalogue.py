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


def test_real_catalogue_is_clean_and_complete():
    sources, problems = load(ROOT / "sources")
    assert problems == []
    assert sorted(sources) == ["khan-2018", "klasra-2017", "rafiq-2015", "ruff-2018", "shaukat-2018"]
    for source in sources.values():
        assert hashlib.sha256(source.path.read_bytes()).hexdigest() == source.meta["sha256"]


def test_good_entry_loads(tmp_path: Path):
    write(tmp_path, {"a.txt": b"Some text here.\n"}, entry("a", "a.txt", b"Some text here.\n"))
    sources, problems = load(tmp_path)
    assert problems == [] and list(sources) == ["a"]


def test_changed_file_is_refused_with_catalogue_line(tmp_path: Path):
    write(tmp_path, {"a.txt": b"changed\n"}, "\n" + entry("a", "a.txt", b"original\n"))
    sources, problems = load(tmp_path)
    assert sources == {}
    (p,) = problems
    assert p.path.name == "catalog.yaml" and p.line == 2 and "has changed since its SHA-256" in p.message


def test_entry_without_file(tmp_path: Path):
    write(tmp_path, {}, entry("a", "gone.txt", b"x"))
    (p,) = load(tmp_path)[1]
    assert p.line == 1 and "'gone.txt' does not exist" in p.message and p.source_id == "a"


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
    assert any("'May 2018' must be YYYY" in m for m in messages)
    assert any("missing sha256, title, author, outlet, kind, stance" in m for m in messages)
