"""Reproducible output, interrupted builds, and a crawl of every internal link."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]


def outputs(out: Path) -> dict[str, bytes]:
    # the snippet data for file:// search holds every page's text, also those an interrupted build wrote
    files = [*out.rglob("*.html"), out / "citations.json", out / "annotations.jsonld", out / "searchindex.js"]
    files.append(out / "_static/prcite-searchtext.js")
    return {str(p.relative_to(out)): p.read_bytes() for p in files}


def build(out: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-b", "html", *extra, str(ROOT), str(out)]
    return subprocess.run(cmd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("again") / "html"
    assert build(out, "-j", "2").returncode == 0
    return out


def test_two_clean_builds_are_byte_identical(site: Path, second_build: Path):
    first, second = outputs(site), outputs(second_build)
    assert first.keys() == second.keys()
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []


def test_an_interrupted_build_then_a_rebuild_equals_a_clean_build(site: Path, tmp_path: Path):
    out = tmp_path / "html"
    cmd = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(ROOT), str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(out.rglob("*.html")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)  # interrupt once it has started writing pages
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    result = build(out)
    assert result.returncode == 0, result.stderr
    assert outputs(out) == outputs(site)


def test_every_internal_link_resolves(site: Path):
    anchors: dict[Path, set[str]] = {}
    soups: dict[Path, BeautifulSoup] = {}
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        soups[page] = soup
        anchors[page] = {el["id"] for el in soup.find_all(id=True)} | {
            el["name"] for el in soup.find_all(attrs={"name": True})
        }
    broken = []
    for page, soup in soups.items():
        if page.name == "404.html":
            continue  # its links are absolute, for the web server's root
        for tag in soup.find_all(["a", "link", "script", "img"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or ref.startswith(("mailto:", "javascript:")):
                continue
            url = urlsplit(ref)
            if url.scheme or url.netloc:
                continue  # external: the checks below forbid loading any
            target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() or (
                url.fragment and target.suffix == ".html" and url.fragment not in anchors.get(target, set())
            ):
                broken.append((str(page.relative_to(site)), ref))
    assert broken == []


def test_no_page_loads_anything_from_another_host(site: Path):
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for tag in soup.find_all(["script", "link", "img", "iframe"]):
            ref = tag.get("src") or (
                tag.get("href") if tag.name == "link" and "stylesheet" in tag.get("rel", []) else None
            )
            assert not ref or not urlsplit(ref).netloc, (page, ref)
