"""Print clean and incremental build times of the real site (not a test: figures to read).

    python tests/bench/build_times.py [--runs N]

A clean build into a fresh directory, then, on the same output, a rebuild after touching one
theme page (mtime only) and one with no change. Each figure is the median of N runs.

The same is measured for a plain Sphinx + MyST + Furo site made from the same markdown: each
citation as its quote in plain text, each source text as a plain MyST page, the project's
directives dropped. The ratios (real site / plain site; targets: clean build at most 1.3, one-page
rebuild at most 1.15) are printed below the times.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# as a default Python runs: bytecode cached, so the extension's modules are not compiled afresh on
# every build (PYTHONDONTWRITEBYTECODE, if set, would add that to the real site's times only)
BYTECODE_ON = {**os.environ, "PYTHONDONTWRITEBYTECODE": ""}


def sphinx(src: Path, out: Path, *extra: str, strict: bool = True) -> float:
    start = time.perf_counter()
    # the plain site is built without -W: its references to the dropped timeline anchors do not resolve
    flags = ["-W", "--keep-going"] if strict else []
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", *flags, "-b", "html", *extra, str(src), str(out)],
        check=True,
        stderr=None if strict else subprocess.DEVNULL,
        env=BYTECODE_ON,
    )
    return time.perf_counter() - start


_CITE = re.compile(r"\{src\}`[^` ]+ ([^`]*)`")
_PROJECT_BLOCK = re.compile(r"^```\{(chronology|evidence-figure|coverage|source-list)\}.*?^```\n", re.S | re.M)
PLAIN_CONF = """
root_doc = "docs/index"
include_patterns = ["docs/**", "sources/*.md"]
exclude_patterns = ["docs/_ext", "docs/_extra"]
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3
myst_substitutions = {"sources_count": "five", "sources_count_digits": "5", "first_year": "1947", "last_year": "2018"}
html_theme = "furo"
html_title = "Pakistan–Russia relations"
"""


def plain_site(real: Path, dest: Path) -> None:
    """The same markdown with no project extension: citations as quoted text, sources as MyST pages."""
    (dest / "docs").mkdir(parents=True)
    (dest / "sources").mkdir()
    (dest / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
    for page in (real / "docs").rglob("*.md"):
        text = _PROJECT_BLOCK.sub("", page.read_text(encoding="utf-8"))
        text = _CITE.sub(lambda m: f" “{m.group(1)}”", text)
        target = dest / page.relative_to(real)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for source in (real / "sources").glob("*.txt"):
        lines = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        body = "\n\n".join(line.replace("*", "\\*").replace("`", "\\`") for line in lines)
        (dest / "sources" / f"{source.stem}.md").write_text(f"# {source.stem}\n\n{body}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "site"
        shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "node_modules"))
        theme = next((src / "docs" / "themes").glob("*.md"), src / "docs" / "index.md")
        plain = Path(tmp) / "plain"
        plain_site(src, plain)
        plain_theme = plain / theme.relative_to(src)
        for _ in range(args.runs):
            out = Path(tmp) / "plain-out"
            shutil.rmtree(out, ignore_errors=True)
            rows.setdefault("plain site: clean build, serial", []).append(sphinx(plain, out, strict=False))
            os.utime(plain_theme)
            rows.setdefault(f"plain site: touch {theme.name}, rebuild", []).append(sphinx(plain, out, strict=False))
            out = Path(tmp) / "out"
            shutil.rmtree(out, ignore_errors=True)
            rows.setdefault("clean build, serial", []).append(sphinx(src, out))
            shutil.rmtree(out, ignore_errors=True)
            rows.setdefault("clean build, -j 2", []).append(sphinx(src, out, "-j", "2"))
            os.utime(theme)
            rows.setdefault(f"touch {theme.name}, rebuild", []).append(sphinx(src, out))
            rows.setdefault("no change, rebuild", []).append(sphinx(src, out))
        size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
        pages = len(list(out.rglob("*.html")))
    print(f"{'measure':40} {'median s':>9} {'min s':>7}")
    for name, times in rows.items():
        print(f"{name:40} {statistics.median(times):9.2f} {min(times):7.2f}")
    print(f"output: {pages} HTML pages, {size / 1e6:.1f} MB")
    best = {name: min(times) for name, times in rows.items()}
    clean = best["clean build, serial"] / best["plain site: clean build, serial"]
    touch = best[f"touch {theme.name}, rebuild"] / best[f"plain site: touch {theme.name}, rebuild"]
    print(f"real site / plain site (best of {args.runs}): clean build {clean:.2f}x (target <= 1.3), "
          f"one-page rebuild {touch:.2f}x (target <= 1.15)")  # fmt: skip


if __name__ == "__main__":
    main()
