"""The two figures as SVG written straight from their data, for HTML and EPUB.

matplotlib adds nothing an SVG of rectangles, lines and text needs, and costs a second of
every clean build to import and run; it still draws the PDF's figures (``figures._render``).
The markup is a pure function of the figure's spec: the same data gives the same bytes.

Coordinates are in a fixed viewBox (100 units an inch of matplotlib's figure size); the SVG
scales with the page column. Text is text, in the page's own font.
"""

from __future__ import annotations

import html
import textwrap
from typing import Any

# Okabe–Ito colours, told apart by most readers; each theme also has its own marker shape
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]
MARKERS = ["o", "s", "^", "D", "v"]
# ColorBrewer's "Blues" (matplotlib's colour map of the same name interpolates these nine)
BLUES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]


def _n(value: float) -> str:
    """A coordinate, rounded so that output is stable and short."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def blues(fraction: float) -> str:
    """The colour at ``fraction`` (0–1) along the Blues map."""
    fraction = min(max(fraction, 0.0), 1.0) * (len(BLUES) - 1)
    i = min(int(fraction), len(BLUES) - 2)
    t = fraction - i
    lo, hi = (tuple(int(c[k : k + 2], 16) for k in (1, 3, 5)) for c in (BLUES[i], BLUES[i + 1]))
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(lo, hi, strict=True))


def _lines(x: float, y: float, text: str, *, size: float, anchor: str, valign: str, attrs: str = "") -> str:
    """Multi-line text (lines split on newlines) at (x, y), aligned as matplotlib's ha/va would."""
    lines = text.split("\n")
    step = size * 1.15
    # the baseline of the first line: centred, or so that the block's bottom (or top) is at y
    first = {
        "center": y - step * (len(lines) - 1) / 2 + size * 0.35,
        "bottom": y - step * (len(lines) - 1),
        "top": y + size * 0.8,
    }[valign]
    spans = "".join(f'<tspan x="{_n(x)}" y="{_n(first + k * step)}">{_e(line)}</tspan>' for k, line in enumerate(lines))
    return f'<text font-size="{_n(size)}" text-anchor="{anchor}"{attrs}>{spans}</text>'


def _open(width: float, height: float, fid: str, alt: str) -> str:
    title = alt.split(";")[0].split(".")[0]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" class="evidence-figure-svg" role="img" '
        f'aria-labelledby="{fid}-title {fid}-desc" font-family="inherit">'
        f'<title id="{fid}-title">{_e(title)}</title><desc id="{fid}-desc">{_e(alt)}</desc>'
    )


def matrix(spec: dict[str, Any], fid: str) -> str:
    """Citations per source (rows) and theme (columns): shaded cells with their numbers, each a link."""
    grid, rows, columns = spec["grid"], spec["rows"], spec["columns"]
    peak = max((v for row in grid for v in row), default=1) or 1
    head = 14 * 1.15 * max((c.count("\n") + 1 for c in columns), default=1) + 14
    left, right, cell_h = 105.0, 710.0, 55.0
    cell_w = (right - left) / max(len(columns), 1)
    height = head + cell_h * len(rows) + 10
    out = [_open(720, height, fid, spec["alt"])]
    for j, label in enumerate(columns):
        out.append(_lines(left + (j + 0.5) * cell_w, head - 8, label, size=12, anchor="middle", valign="bottom"))
    links = iter(spec["links"])
    for i, (source, row) in enumerate(zip(rows, grid, strict=True)):
        top = head + i * cell_h
        out.append(_lines(left - 8, top + cell_h / 2, source, size=12, anchor="end", valign="center"))
        for j, value in enumerate(row):
            x = left + j * cell_w
            # the darkest cell stays light enough for black numbers to read (contrast above 4.5:1)
            out.append(
                f'<rect x="{_n(x)}" y="{_n(top)}" width="{_n(cell_w)}" height="{_n(cell_h)}" '
                f'fill="{blues(value / (peak * 1.6))}"/>'
            )
            number = _lines(x + cell_w / 2, top + cell_h / 2, str(value), size=15, anchor="middle", valign="center")
            link = next(links, None)
            if link:
                number = number.replace("<text ", '<text text-decoration="underline" ', 1)
                out.append(f'<a xlink:href="{_e(link[0])}" aria-label="{_e(link[1])}">{number}</a>')
            else:
                out.append(number)
    out.append("</svg>")
    return "".join(out)


def when(date: str) -> tuple[float, float, bool, bool]:
    """An event's date on the time axis: (start in years, the span it covers, dated to a day, a decade)."""
    decade = date.endswith("s")  # "1990s": the sources give only the decade
    year, month, day = (int(x) if x else None for x in [*date.rstrip("s").split("-"), None, None][:3])
    x = year + ((month - 1) / 12 if month else 0) + ((day - 1) / 365 if day else 0)  # type: ignore[operator]
    return x, 10 if decade else 1 / 12 if month else 1, day is not None, decade


def _marker(shape: str, x: float, y: float, r: float, colour: str, gid: str) -> str:
    if shape == "o":
        return f'<circle id="{gid}" cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{colour}"/>'
    points = {
        "s": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "^": [(0, -r * 1.2), (r * 1.1, r * 0.8), (-r * 1.1, r * 0.8)],
        "v": [(0, r * 1.2), (r * 1.1, -r * 0.8), (-r * 1.1, -r * 0.8)],
        "D": [(0, -r * 1.3), (r, 0), (0, r * 1.3), (-r, 0)],
    }[shape]
    coords = " ".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in points)
    return f'<polygon id="{gid}" points="{coords}" fill="{colour}"/>'


def chronology(spec: dict[str, Any], fid: str) -> str:
    """Every event on a time axis, one row per theme, over shaded bands for the eras."""
    rows = spec["rows"]
    first, last = spec["period"]
    width, height = 720.0, 330.0
    x0, x1, y_top, y_bottom = 180.0, 712.0, 8.0, 292.0
    lo, hi = -0.6, len(rows) + 1.0  # the data's y range, as matplotlib's axes had it

    def px(year: float) -> float:
        return x0 + (year - first) / max(last + 1 - first, 1) * (x1 - x0)

    def py(row: float) -> float:
        return y_top + (hi - row) / (hi - lo) * (y_bottom - y_top)

    out = [_open(width, height, fid, spec["alt"])]
    out.append(
        f'<rect id="chronology-plot-area" x="{_n(x0)}" y="{_n(y_top)}" width="{_n(x1 - x0)}" '
        f'height="{_n(y_bottom - y_top)}" fill="#ffffff"/>'
    )
    for k, (label, start, end) in enumerate(spec["eras"]):
        a, b = px(max(start, first)), px(min(end + 1, last + 1))
        out.append(
            f'<rect class="era" x="{_n(a)}" y="{_n(y_top)}" width="{_n(max(b - a, 0))}" '
            f'height="{_n(y_bottom - y_top)}" fill="#000000" fill-opacity="{0.05 if k % 2 else 0.11}"/>'
        )
        # labels wrapped to their band, on alternate rows so neighbours never overlap
        text = textwrap.fill(label, max(6, int((end + 1 - start) * 0.9)), break_long_words=False)
        at = py(len(rows) - 0.45 + 0.5 * (k % 2))
        # a label wider than a short last band is kept inside the figure (glyphs about 0.55 em wide)
        half = 0.55 * 9.7 * max(len(line) for line in text.split("\n")) / 2
        centre = min(max((a + b) / 2, half + 2), width - half - 2)
        out.append(_lines(centre, at, text, size=9.7, anchor="middle", valign="bottom", attrs=' fill="#222222"'))
    for year in range(-(-first // 10) * 10, last + 1, 10):
        x = px(year)
        out.append(
            f'<line x1="{_n(x)}" y1="{_n(y_top)}" x2="{_n(x)}" y2="{_n(y_bottom)}" stroke="#999999" '
            'stroke-width="0.55" stroke-opacity="0.5"/>'
        )
        out.append(_lines(x, y_bottom + 8, str(year), size=12.5, anchor="middle", valign="top"))
    out.append(
        f'<line x1="{_n(x0)}" y1="{_n(y_bottom)}" x2="{_n(x1)}" y2="{_n(y_bottom)}" stroke="#000000" '
        'stroke-width="1.1"/>'
    )
    for k, label in enumerate(rows):
        bold = ' font-weight="bold"'
        out.append(_lines(x0 - 7, py(len(rows) - 1 - k), label, size=11, anchor="end", valign="center", attrs=bold))
    for date, theme_rows, eid in spec["events"]:
        x, span, day, decade = when(date)
        for row in theme_rows:
            y, colour, gid = py(len(rows) - 1 - row), COLOURS[row % len(COLOURS)], f"event-{eid}-{row}"
            if day:
                out.append(_marker(MARKERS[row % len(MARKERS)], px(x), y, 3.6, colour, gid))
            else:  # the span the date covers, not a false point
                thick = 2.8 if decade else 8.3
                a, b = px(x), px(min(x + span, last + 1))
                out.append(
                    f'<rect id="{gid}" x="{_n(a)}" y="{_n(y - thick / 2)}" width="{_n(b - a)}" '
                    f'height="{_n(thick)}" fill="{colour}"/>'
                )
    out.append("</svg>")
    return "".join(out)
