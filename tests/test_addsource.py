"""The command that adds a source and the one that records a deliberate edit's checksum."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from prcite.addsource import main, propose_furniture
from prcite.catalogue import load
from test_bad_input import build

ROOTS = Path(__file__).parent / "roots"
TEXT = (
    "Pakistan and Russia Hold Naval Talks\n"
    "\n"
    "In March 2019 the two navies held talks on a joint exercise in the Arabian Sea.\n"
    "Officials said the talks would continue.\n"
    "\n"
    "Share\n"
    "Tweet\n"
    "\n"
    "Related Posts\n"
    "Another story entirely\n"
    "Leave a Reply\n"
)


@pytest.fixture
def received(tmp_path: Path) -> Path:
    path = tmp_path / "received" / "download.txt"
    path.parent.mkdir()
    path.write_bytes(TEXT.encode())
    return path


def test_furniture_is_proposed(received: Path):
    ranges = [(r.first, r.last, r.label) for r in propose_furniture(TEXT)]
    assert ranges == [(6, 7, "share buttons"), (9, 11, "related or recent posts")]


def test_add_copies_unchanged_and_prints_what_to_paste(basic_copy: Path, received: Path, capsys):
    folder = basic_copy / "sources"
    assert main([str(received), "--sources", str(folder)]) == 0
    out = capsys.readouterr().out
    copied = folder / "pakistan-and-russia-hold-naval-talks.txt"
    assert copied.read_bytes() == received.read_bytes()
    digest = hashlib.sha256(received.read_bytes()).hexdigest()
    assert f"SHA-256 {digest}" in out
    # numbered lines, each paragraph's number where it starts (one per non-blank line without reflow)
    assert "    3 ¶2   In March 2019" in out and "    4 ¶3   Officials said" in out
    assert "  lines 6-7: share buttons" in out
    assert '    - [9, 11, "related or recent posts"]' in out
    assert "  author:  # required" in out and "  kind:  # required: one of news report, op-ed" in out
    # pasted as printed, the entry fails the build until the empty required fields are filled in
    with (folder / "catalog.yaml").open("a", encoding="utf-8") as cat:
        cat.write("\n" + out.split("then run make html:\n\n")[1])
    code, err = build(basic_copy)
    assert code != 0 and "entry 'pakistan-and' is missing author, outlet, kind, stance" in err
    assert "has no entry" not in err


def test_add_refuses_to_overwrite(tmp_path: Path, received: Path, capsys):
    (tmp_path / "pakistan-and-russia-hold-naval-talks.txt").write_text("an older text\n", encoding="utf-8")
    assert main([str(received), "--sources", str(tmp_path)]) == 1
    assert "already exists; nothing was copied" in capsys.readouterr().err
    assert (tmp_path / "pakistan-and-russia-hold-naval-talks.txt").read_text(encoding="utf-8") == "an older text\n"
    assert main([str(received), "--sources", str(tmp_path), "--name", "other.txt"]) == 0
    assert main([str(received), "--sources", str(tmp_path), "--name", "third.txt"]) == 1
    assert "other.txt already holds this text" in capsys.readouterr().err


def test_rehash_records_a_deliberate_edit(tmp_path: Path, capsys):
    folder = tmp_path / "sources"
    shutil.copytree(ROOTS / "test-basic" / "sources", folder)
    with (folder / "alpha.txt").open("ab") as f:
        f.write(b"A deliberate correction.\n")
    assert any("has changed since its SHA-256" in p.message for p in load(folder)[1])
    before = (folder / "catalog.yaml").read_text(encoding="utf-8").splitlines()
    assert main(["--rehash", "alpha", "--sources", str(folder)]) == 0
    assert "recorded the new SHA-256 of alpha.txt at catalog.yaml:3" in capsys.readouterr().out
    after = (folder / "catalog.yaml").read_text(encoding="utf-8").splitlines()
    assert [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [2]  # that line only
    assert load(folder)[1] == []
    assert main(["--rehash", "alpah", "--sources", str(folder)]) == 1
    assert "no source 'alpah'" in capsys.readouterr().err


def test_quoted_lines_and_relative_dates_are_proposed_as_voices_and_dates():
    from prcite.addsource import entry

    text = "Title\n\n“We agree,” the minister said last month.\n\nTalks were held recently.\n\nShare\n"
    printed = entry("x", "x.txt", "0" * 64, text, False, propose_furniture(text))
    assert "    - {id: , name: , quoted: [3, 3]}  # line 3 has quotation marks" in printed
    assert '    - {says: "last month", means: ""}  # line 3' in printed
    assert '    - {says: "recently", means: ""}  # line 5' in printed
    assert "line 7" not in printed  # furniture is never a voice or a date
