"""Figures drawn at build time from the site's own data.

- ``{evidence-figure} matrix``: citations per source and theme (numbers in the cells,
  each cell a link to that theme's references);
- ``{evidence-figure} chronology``: every event of ``events.yaml`` on an axis from its first year to its last,
  one row per theme, over bands for the eras of ``prcite_eras``; a year-precision event
  is drawn as a bar a year wide, a month as a short bar, a day as a point.

HTML (and EPUB) gets inline SVG written from the data by ``svgdraw`` (no extra request, links
work, text stays text); LaTeX gets a PDF file drawn with matplotlib. Both are deterministic:
the same data gives the same bytes (no dates in the PDF's metadata).
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import logging
import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .corpus import in_words
from .coverage import counts
from .svgdraw import COLOURS, MARKERS, chronology, matrix, when

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from sphinx.application import Sphinx

    from .domain import CitationDomain

RC = {"font.family": "DejaVu Sans", "font.size": 9}


def _figure(**kwargs: Any) -> tuple[Figure, Any]:
    """A figure and its axes from matplotlib's object API, imported on first use.

    Not pyplot: it loads a GUI backend's machinery and a global figure registry for nothing
    (half of matplotlib's import time), and most rebuilds draw nothing at all.
    """
    # accessible-pygments (a Furo dependency) sets the root logger to INFO on import, so
    # matplotlib's one-off "generated new fontManager" on a fresh machine would reach stderr
    logging.getLogger("matplotlib").setLevel(logging.WARNING)
    from matplotlib.figure import Figure

    fig = Figure(**kwargs)
    return fig, fig.subplots()


class evidence_figure(nodes.General, nodes.Element):
    """Replaced at write time by the figure (attribute: kind)."""


class EvidenceFigureDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind = directives.choice(self.arguments[0], ("matrix", "chronology"))
        if kind == "matrix":
            # the counts change whenever any page's citations do: rewrite this page then
            self.env.domains["prcite"].data["summaries"][self.env.docname] = True
        self.env.note_dependency(self.config.prcite_events)
        return [evidence_figure("", kind=kind)]


def _matrix_spec(app: Sphinx, domain: CitationDomain, docname: str) -> dict[str, Any]:
    """Everything the matrix shows, as plain data (the cache key, and all the drawing needs)."""
    themes: dict[str, str] = app.config.prcite_themes
    titles = app.env.titles
    sources = sorted(domain.sources.values(), key=lambda s: s.id)
    by = counts(domain, themes)
    grid = [[by.get((t, s.id), 0) for t in themes] for s in sources]
    links = []
    for i, source in enumerate(sources):
        for j, page in enumerate(themes.values()):
            if app.builder.format == "html" and page in titles:
                url = app.builder.get_relative_uri(docname, page) + "#page-references"
                label = f"{titles[page].astext()}: {grid[i][j]} citations of {source.id}; open the theme's references"
                links.append((url, label))
    total = sum(v for row in grid for v in row)
    return {
        "kind": "matrix",
        "grid": grid,
        "rows": [s.id for s in sources],
        "columns": [textwrap.fill(_short(titles, p, t), 13) for t, p in themes.items()],
        "links": links,
        "alt": (
            f"Citations by source (rows) and theme (columns), {total} in all; each cell gives the number of "
            "citations of that source on that theme's page. The table below the figure gives the same numbers."
        ),
    }


def _chronology_spec(app: Sphinx, domain: CitationDomain) -> dict[str, Any]:
    themes = list(app.config.prcite_themes)
    titles = app.env.titles
    first, last = app.config.prcite_period
    per_theme = ", ".join(f"{sum(theme in e.themes for e in domain.events)} on {theme}" for theme in themes)
    return {
        "kind": "chronology",
        "period": [first, last],
        "eras": [list(era) for era in app.config.prcite_eras],
        "rows": [textwrap.fill(_short(titles, app.config.prcite_themes[t], t), 24) for t in themes],
        "events": [[e.date, [themes.index(t) for t in e.themes], e.id] for e in domain.events],
        "links": [],
        "alt": (
            f"Timeline of {len(domain.events)} dated events from {first} to {last}, one row per theme "
            f"({per_theme}), over shaded bands for the eras. Events dated to a year or a month are drawn as short "
            "bars covering that year or month, events dated to a day as points. The timeline page lists every "
            "event in text."
        ),
    }


def _draw_matrix(spec: dict[str, Any]) -> Figure:
    grid, rows = spec["grid"], spec["rows"]
    peak = max((v for row in grid for v in row), default=1) or 1
    fig, ax = _figure(figsize=(7.2, 0.55 * len(rows) + 1.5))
    # the darkest cell stays light enough for black numbers to read (contrast above 4.5:1)
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=peak * 1.6, aspect="auto")
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            ax.text(j, i, str(value), ha="center", va="center", fontsize=11, color="black")
    ax.set_xticks(range(len(spec["columns"])), spec["columns"])
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.tight_layout()
    return fig


def _draw_chronology(spec: dict[str, Any]) -> Figure:
    rows = spec["rows"]
    first, last = spec["period"]
    fig, ax = _figure(figsize=(7.2, 3.3))
    for k, (label, start, end) in enumerate(spec["eras"]):
        ax.axvspan(start, end + 1, color="#000000", alpha=0.05 if k % 2 else 0.11, lw=0)
        # labels wrapped to their band, on alternate rows so neighbours never overlap
        text = textwrap.fill(label, max(6, int((end + 1 - start) * 0.9)), break_long_words=False)
        ax.text((start + end + 1) / 2, len(rows) - 0.45 + 0.5 * (k % 2), text,
                ha="center", va="bottom", fontsize=7, color="#222222", linespacing=1.0)  # fmt: skip
    for date, theme_rows, _eid in spec["events"]:
        x, width, day, decade = when(date)
        for row in theme_rows:
            y = len(rows) - 1 - row
            if day:
                ax.plot([x], [y], marker=MARKERS[row], color=COLOURS[row], ms=5, ls="none")
            else:  # the span the date covers, not a false point
                span = [x, x + width]
                ax.plot(
                    span,
                    [y, y],
                    color=COLOURS[row],
                    lw=2 if decade else 6,
                    solid_capstyle="butt",
                )
    ax.set_yticks(range(len(rows)), list(reversed(rows)))
    ax.set_xlim(first, last + 1)
    ax.set_ylim(-0.6, len(rows) + 1.0)
    ax.set_xticks(range(-(-first // 10) * 10, last + 1, 10))
    ax.grid(axis="x", color="#999999", lw=0.4, alpha=0.5)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    for tick in ax.get_yticklabels():
        tick.set_fontweight("bold")
        tick.set_fontsize(8)
    fig.tight_layout()
    return fig


def _short(titles: dict[str, nodes.title], page: str, theme: str) -> str:
    """A theme's title without its dates or abbreviation: "The Cold War", "China and the economic corridor"."""
    title = titles[page].astext() if page in titles else theme
    return re.split(r",| \(", title)[0]


def _pdf(app: Sphinx, spec: dict[str, Any]) -> bytes:
    """The figure as a PDF for LaTeX, drawn with matplotlib only when its data changed."""
    key = hashlib.sha256(json.dumps([spec, RC], sort_keys=True).encode()).hexdigest()[:24]
    path = Path(app.doctreedir) / "prcite-figures" / f"{key}.pdf"
    if not path.exists():
        import matplotlib

        with matplotlib.rc_context(RC):
            fig = _draw_matrix(spec) if spec["kind"] == "matrix" else _draw_chronology(spec)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="pdf", metadata={"CreationDate": None, "ModDate": None})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(buffer.getvalue())
    return path.read_bytes()


def caption(app: Sphinx, kind: str) -> str:
    """The figure's caption, its counts and years from the data."""
    if kind == "matrix":
        return "Which source each theme draws on: citations on each theme page, by source."
    domain: CitationDomain = app.env.domains["prcite"]
    first, last = app.config.prcite_period
    return (
        f"The dated events of the {in_words(len(domain.sources))} sources, {first}–{last}, by theme: a bar for an "
        "event dated to a year or a month, a mark for one dated to a day; shaded bands for the eras."
    )


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: draw each placeholder's figure for the current builder."""
    domain: CitationDomain = app.env.domains["prcite"]
    for i, node in enumerate(list(doctree.findall(evidence_figure))):
        kind = node["kind"]
        spec = _matrix_spec(app, domain, docname) if kind == "matrix" else _chronology_spec(app, domain)
        if app.builder.format == "html":
            fid = f"figure-{kind}-{i}"
            svg = matrix(spec, fid) if kind == "matrix" else chronology(spec, fid)
            markup = (
                f'<figure class="evidence-figure {kind}" id="{fid}">{svg}'
                f"<figcaption>{html.escape(caption(app, kind))}</figcaption></figure>"
            )
            node.replace_self(nodes.raw("", markup, format="html"))
        elif app.builder.format == "latex":
            name = f"prcite-{kind}.pdf"
            (Path(app.outdir) / name).write_bytes(_pdf(app, spec))
            latex = (
                "\\begin{figure}[htbp]\\centering"
                f"\\includegraphics[width=\\linewidth]{{{name}}}"
                f"\\caption{{{caption(app, kind)}}}\\end{{figure}}\n"
            )
            node.replace_self(nodes.raw("", latex, format="latex"))
        else:
            node.replace_self(nodes.paragraph("", caption(app, kind)))


def register(app: Sphinx) -> None:
    # (first year, last year) of the chronology figure; by default the years of the first and last event
    app.add_config_value("prcite_period", None, "env", types=[tuple, list, type(None)])
    app.add_config_value("prcite_eras", [], "env", types=[list])
    app.add_directive("evidence-figure", EvidenceFigureDirective)
    app.add_node(evidence_figure)
    app.connect("doctree-resolved", fill)
