"""Build-time cost of the extension at 5, 50 and 500 sources, against plain Sphinx (not a test).

    python tests/bench/scale.py [--sizes 5 50 500] [--runs 5 5 1]    (a run at 500 sources: minutes)

For each size it generates a synthetic corpus (25 paragraphs of 40–110 words per source,
five theme pages with ten citations per source, a timeline with one event per source) and
builds it, serially and in fresh directories, in two ways:

- with the project's extension: sources as .txt pages, verified citations, back-links;
- the baseline: plain Sphinx + MyST + Furo with the same pages, each citation replaced by
  its quote in plain text, the sources as plain MyST pages, the timeline as a plain list.

Each run builds the baseline and then the extension, so both meet the same state of the
machine; a small VM's timings move by ±10% from one minute to the next, so each size is run
several times (``--runs``, one count per size or one for all) and the fastest time of each
kind is kept (noise only ever slows a build down). It prints those clean build times, their
ratio, the spread of the ratio from run to run, the extension's own cost per source
(extension minus baseline, divided by the number of sources) and the rebuild time after
editing one theme page; then all of it again with the navigation sidebar left out of both.
Furo's sidebar is the whole global toctree on every page, so it grows the build with the square
of the number of pages: the baseline keeps it whole, the extension cuts any branch longer than
``prcite_navigation_limit`` (20) to the current page and "N more" (prcite.navigation). The
targets (issue 16): clean build at most 1.3 the baseline, a one-page rebuild at most 1.3 the
baseline's at 500 sources, the extension's own cost per source roughly constant.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THEMES = ["cold-war", "afghanistan", "arms-trade", "us-pressure", "china-cpec"]
WORDS = (
    "the of and to in a is that for on with as by at from this was were be are have has it its which "
    "Pakistan Russia Moscow Islamabad India China Washington Afghanistan treaty visit minister army deal "
    "helicopters exercise agreement relations cooperation defence trade pipeline corridor border talks "
    "government official report analyst said according during after before between against year month"
).split()

COMMON_CONF = """
root_doc = "docs/index"
include_patterns = ["docs/**", "sources/*{suffix}"]
exclude_patterns = ["**/README.md"]
html_theme = "furo"
project = "scale"
"""

# Furo renders the whole global toctree into every page's sidebar, so with it each page grows
# with the number of pages and the build with its square, with or without the extension. The
# second pair of builds leaves the navigation out, to show the extension's own cost on its own.
NO_NAV_CONF = """
def _no_navigation(app, pagename, templatename, context, doctree):
    context["toctree"] = lambda **kwargs: ""


def setup(app):
    app.connect("html-page-context", _no_navigation, priority=450)  # after prcite.navigation, before Furo
"""


def paragraph(rng: random.Random, n: int, source: int, para: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    # a unique marker per paragraph keeps quotes unambiguous, as real texts are; the year of the
    # source's event follows it, so that every quote carries the date the grounding check wants
    words[n // 2 : n // 2] = [f"item{source}x{para}", str(1950 + source % 68)]
    return " ".join(words) + "."


def corpus(size: int) -> tuple[list[list[str]], list[tuple[int, int, str]]]:
    rng = random.Random(size)
    texts = [[paragraph(rng, rng.randint(40, 110), s, p) for p in range(25)] for s in range(size)]
    cites = []
    for s, paras in enumerate(texts):
        for _ in range(10):
            p = rng.randrange(25)
            words = paras[p].split()
            start = words.index(f"item{s}x{p}")
            cites.append((s, p, " ".join(words[max(0, start - 3) : start + 5])))
    return texts, cites


def write_common(root: Path, size: int, cites, render, source_suffix: str, conf: str, nav: bool) -> None:
    docs = root / "docs"
    (docs / "themes").mkdir(parents=True)
    (root / "conf.py").write_text(conf + COMMON_CONF.format(suffix=source_suffix), encoding="utf-8")
    if not nav:
        with (root / "conf.py").open("a", encoding="utf-8") as conf_file:
            conf_file.write(NO_NAV_CONF)
    toc = "\n".join(f"themes/{t}" for t in THEMES)
    (docs / "index.md").write_text(f"# Scale test\n\n```{{toctree}}\n{toc}\ntimeline\nsources\n```\n", encoding="utf-8")
    (docs / "sources.md").write_text("# Sources\n\n```{toctree}\n:glob:\n\n/sources/*\n```\n", encoding="utf-8")
    for i, theme in enumerate(THEMES):
        mine = cites[i :: len(THEMES)]
        body = [f"# Theme {theme}\n"]
        for j in range(0, len(mine), 10):
            body.append(f"## Section {j // 10}\n")
            body.append(" ".join(f"A sentence about this.{render(c)}" for c in mine[j : j + 10]) + "\n")
        (docs / "themes" / f"{theme}.md").write_text("\n".join(body), encoding="utf-8")


def with_extension(root: Path, size: int, texts, cites, nav: bool) -> None:
    conf = (
        f"import sys\nsys.path.insert(0, {str(ROOT / 'docs' / '_ext')!r})\n"
        'extensions = ["myst_parser", "sphinx_timeline", "prcite"]\n'
        f"prcite_themes = {{t: 'docs/themes/' + t for t in {THEMES!r}}}\n"
    )
    write_common(root, size, cites, lambda c: f"{{src}}`s{c[0]} {c[2]}`", ".txt", conf, nav)
    src = root / "sources"
    src.mkdir()
    catalogue = []
    for s, paras in enumerate(texts):
        data = (f"Title of source {s}\n\n" + "\n\n".join(paras) + "\n").encode()
        (src / f"s{s}.txt").write_bytes(data)
        catalogue.append(
            f"- id: s{s}\n  file: s{s}.txt\n  sha256: {hashlib.sha256(data).hexdigest()}\n  title: Source {s}\n"
            f'  author: Author {s}\n  outlet: Outlet\n  date: "2018"\n  kind: news report\n  stance: A stance.\n'
        )
    (src / "catalog.yaml").write_text("\n".join(catalogue), encoding="utf-8")
    events = [
        f'- id: e{s}\n  date: "{1950 + s % 68}"\n  summary: Event {s}.\n  themes: [{THEMES[s % 5]}]\n'
        f'  citations:\n    - source: s{s}\n      quote: "{c}"\n'
        for s, _, c in sorted(cites[::10], key=lambda cite: cite[0] % 68)  # the file is kept in date order
    ]
    (root / "docs" / "events.yaml").write_text("\n".join(events), encoding="utf-8")
    (root / "docs" / "timeline.md").write_text("# Timeline\n\n```{chronology}\n```\n", encoding="utf-8")


def baseline(root: Path, size: int, texts, cites, nav: bool) -> None:
    conf = 'extensions = ["myst_parser"]\n'
    write_common(root, size, cites, lambda c: f" “{c[2]}” (source {c[0]})", ".md", conf, nav)
    src = root / "sources"
    src.mkdir()
    for s, paras in enumerate(texts):
        body = "\n\n".join(f"**{n}** {p}" for n, p in enumerate(paras, 1))
        (src / f"s{s}.md").write_text(f"# Source {s}\n\n{body}\n", encoding="utf-8")
    events = sorted(cites[::10], key=lambda cite: cite[0] % 68)
    items = "\n".join(f"- **{1950 + s % 68}** Event {s}. “{c}”" for s, _, c in events)
    (root / "docs" / "timeline.md").write_text(f"# Timeline\n\n{items}\n", encoding="utf-8")


def build(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-b", "html", str(root), str(root / "_build")],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""},  # bytecode cached, as a default Python does
    )
    return time.perf_counter() - start


def touch_and_rebuild(root: Path) -> float:
    page = root / "docs" / "themes" / "cold-war.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    return build(root)


def measure(size: int, runs: int, nav: bool) -> dict[str, float]:
    texts, cites = corpus(size)
    times: dict[str, list[float]] = {"base": [], "ext": [], "base_inc": [], "ext_inc": []}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            for name, make in (("base", baseline), ("ext", with_extension)):
                root = Path(tmp) / name
                make(root, size, texts, cites, nav)
                times[name].append(build(root))
                times[f"{name}_inc"].append(touch_and_rebuild(root))
                shutil.rmtree(root)
    best = {name: min(values) for name, values in times.items()}
    ratios = [ext / base for base, ext in zip(times["base"], times["ext"], strict=True)]
    best["low"], best["high"] = min(ratios), max(ratios)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 50, 500])
    parser.add_argument("--runs", type=int, nargs="+", help="per size, or one for all (default 5; 1 above 100)")
    args = parser.parse_args()
    counts = args.runs or [5 if size <= 100 else 1 for size in args.sizes]
    if len(counts) == 1:
        counts *= len(args.sizes)
    if len(counts) != len(args.sizes):
        parser.error("--runs takes one count, or one per size")
    runs = dict(zip(args.sizes, counts, strict=True))
    for nav in (True, False):
        print(
            "with the sidebar (the baseline's whole, the extension's bounded)"
            if nav
            else "without the navigation sidebar (its cost is quadratic)"
        )
        print(f"{'sources':>7} {'runs':>4} {'baseline s':>10} {'extension s':>11} {'ratio':>6} {'per run':>11}"
              f" {'extension-only s/source':>23} {'base rebuild s':>14} {'ext rebuild s':>13}")  # fmt: skip
        for size in args.sizes:
            t = measure(size, runs[size], nav)
            own = (t["ext"] - t["base"]) / size
            spread = f"{t['low']:.2f}–{t['high']:.2f}"
            print(f"{size:7d} {runs[size]:4d} {t['base']:10.2f} {t['ext']:11.2f} {t['ext'] / t['base']:6.2f}"
                  f" {spread:>11} {own:23.4f} {t['base_inc']:14.2f} {t['ext_inc']:13.2f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
