"""A failed `make html` leaves the last good site in _build/html, not a half-updated one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_html(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "html", f"VENV={sys.prefix}", "SPHINXOPTS=-W --keep-going -q"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "docs" / "_ext")},
    )


def test_failed_build_keeps_the_last_good_site(basic_copy: Path):
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, basic_copy / name)
    assert make_html(basic_copy).returncode == 0
    page = basic_copy / "_build" / "html" / "docs" / "page.html"
    good = page.read_bytes()
    # one page changed and one broken: the build fails, and no page of the site is replaced
    index = basic_copy / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    source = basic_copy / "docs" / "page.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\nClaim.{src}`gamma no such source here`\n", encoding="utf-8")
    failed = make_html(basic_copy)
    assert failed.returncode != 0
    assert "unknown source id 'gamma'" in failed.stderr
    assert "the build FAILED (problems above); _build/html was left as the last good build" in failed.stderr
    assert page.read_bytes() == good
    assert "A new paragraph" not in (basic_copy / "_build/html/docs/index.html").read_text(encoding="utf-8")
    # fixed, the next build (incremental) publishes both changes
    source.write_text(text + "\nA fixed paragraph.\n", encoding="utf-8")
    assert make_html(basic_copy).returncode == 0
    assert "A fixed paragraph" in page.read_text(encoding="utf-8")
    assert "A new paragraph" in (basic_copy / "_build/html/docs/index.html").read_text(encoding="utf-8")
