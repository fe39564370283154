"""How close switching features off brings the build to plain Sphinx (not a test: figures to read).

    python tests/bench/without.py [--runs N] [--sources N]

Issue 16's targets: a clean build at most 1.3 times a plain Sphinx + MyST + Furo build of the
same markdown (``build_times.plain_site``), a one-page rebuild at most 1.15 times the plain
site's, and at 500 synthetic sources a one-page rebuild at most 1.3 times the baseline's. This
measures, in the same run and interleaved, the plain site, the real site, and the real site with
the features below switched off, to show how much of the difference they are:

- ``grounding``: the sentence-by-sentence grounding check (pages and events);
- ``snippets``: the search page's text of every page, for search from disk;
- ``exports``: ``citations.json`` and ``annotations.jsonld``;
- ``downloads``: copying each source text beside the site for download.

A feature is switched off by replacing its functions with ones that do nothing, in the build's
process only; that build's output lacks the feature, so it is measured and thrown away. With
``--sources N`` the three sites are ``scale.py``'s synthetic corpus of N sources, without the
sidebar (``scale.py`` says why), and the rebuild follows an edit of one theme page.
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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import build_times  # noqa: E402
import scale  # noqa: E402

OFF = ("grounding", "snippets", "exports", "downloads")

# Run in the build's process before Sphinx starts: the extension connects its handlers by the
# names looked up here, so a name replaced now is the one connected. A name that no longer
# exists fails the run (the script is out of date), rather than measuring nothing.
PRELUDE = """
import sys
sys.path.insert(0, {ext!r})
import prcite, prcite.grounding, prcite.searchtext
import sphinx.builders.html
from sphinx.cmd.build import main

def off(owner, *names, returns=None):
    for name in names:
        getattr(owner, name)
        setattr(owner, name, lambda *args, **kwargs: returns)

switched = {off!r}
if "grounding" in switched:
    off(prcite.grounding, "setup_check", "check_page", "check_events", "report")
if "snippets" in switched:
    off(prcite.searchtext, "start_writing", "keep_text", "write_data", "search_page_assets")
    off(prcite.searchtext, "outdated", returns=[])
if "exports" in switched:
    off(prcite, "write_citations_json", "write_annotations")
if "downloads" in switched:
    off(sphinx.builders.html.StandaloneHTMLBuilder, "copy_download_files")
sys.exit(main(sys.argv[1:]))
"""


def sphinx(src: Path, out: Path, off: tuple[str, ...] = (), strict: bool = True) -> float:
    code = PRELUDE.format(ext=str(ROOT / "docs" / "_ext"), off=off)
    flags = ["-W", "--keep-going"] if strict else []
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, "-q", *flags, "-b", "html", str(src), str(out / "html"), "-d", str(out / "dt")],
        check=True,
        stderr=None if strict else subprocess.DEVNULL,
        env=build_times.BYTECODE_ON,
    )
    return time.perf_counter() - start


def real_site(tmp: Path) -> tuple[Path, Path, Path, Path]:
    """(real site, plain site, the page to touch in each)."""
    real, plain = tmp / "real", tmp / "plain"
    shutil.copytree(ROOT, real, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "node_modules"))
    build_times.plain_site(real, plain)
    page = next((real / "docs" / "themes").glob("*.md"))
    return real, plain, page, plain / page.relative_to(real)


def synthetic_site(tmp: Path, size: int) -> tuple[Path, Path, Path, Path]:
    texts, cites = scale.corpus(size)
    real, plain = tmp / "real", tmp / "plain"
    scale.with_extension(real, size, texts, cites, nav=False)
    scale.baseline(plain, size, texts, cites, nav=False)
    page = Path("docs") / "themes" / "cold-war.md"
    return real, plain, real / page, plain / page


def edit(page: Path, synthetic: bool) -> None:
    if synthetic:  # as scale.py does: one more sentence
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    else:  # as build_times.py does: a new date, the same text
        os.utime(page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sources", type=int, help="a synthetic corpus of this many sources, not the real site")
    args = parser.parse_args()
    kinds = {"plain site": None, "real site": (), "real site, all four off": OFF}
    clean: dict[str, list[float]] = {kind: [] for kind in kinds}
    rebuild: dict[str, list[float]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.sources:
            real, plain, real_page, plain_page = synthetic_site(tmp, args.sources)
        else:
            real, plain, real_page, plain_page = real_site(tmp)
        for _ in range(args.runs):
            for kind, off in kinds.items():
                src, page = (plain, plain_page) if off is None else (real, real_page)
                out = tmp / "out"
                shutil.rmtree(out, ignore_errors=True)
                clean[kind].append(sphinx(src, out, off or (), strict=off is not None))
                edit(page, synthetic=bool(args.sources))
                rebuild[kind].append(sphinx(src, out, off or (), strict=off is not None))
    what = f"{args.sources} synthetic sources, no sidebar" if args.sources else "the real site"
    print(f"{what}; fastest of {args.runs} interleaved runs (median in brackets)")
    print(f"{'':28} {'clean s':>14} {'ratio':>6} {'one-page rebuild s':>19} {'ratio':>6}")
    base_clean, base_rebuild = min(clean["plain site"]), min(rebuild["plain site"])
    for kind in kinds:
        c, r = clean[kind], rebuild[kind]
        print(
            f"{kind:28} {min(c):6.2f} ({statistics.median(c):5.2f}) {min(c) / base_clean:6.2f}"
            f" {min(r):10.2f} ({statistics.median(r):5.2f}) {min(r) / base_rebuild:6.2f}"
        )
    print("switched off:", ", ".join(OFF), "(their output is missing from that build)")


if __name__ == "__main__":
    main()
