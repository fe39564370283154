"""Words about the corpus that come from the data, not from the prose: how many sources, which years.

At ``config-inited`` the catalogue and the events file are read (only counted, not checked:
``catalogue.py`` and ``chronology.py`` do that) and MyST substitutions are set, so a page writes
``{{ sources_count }} texts`` or ``# Timeline, {{ first_year }}–{{ last_year }}`` and a sixth
source or a 2019 event changes those words on the next build:

- ``sources_count``: the number of catalogue entries in words ("five"), ``sources_count_digits`` ("5");
- ``first_year``, ``last_year``: the years of the earliest and latest event.

``prcite_period`` (the chronology figure's axis), when left unset, is set to the same years, and an
era of ``prcite_eras`` whose last year is ``None`` runs to the last event's year.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .yamlfile import read_list

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split()


def in_words(n: int) -> str:
    """A count as a reader writes it: words up to fifteen, then digits."""
    return WORDS[n] if 0 <= n < len(WORDS) else str(n)


def _entries(path: Path) -> list[Any]:
    if not path.is_file():
        return []
    entries, _failure = read_list(path, str(path.name))
    return [e for e in entries or [] if isinstance(e, dict)]


def event_years(path: Path) -> list[int]:
    """The year of every event with a well-formed date (malformed ones are reported elsewhere)."""
    years = []
    for event in _entries(path):
        date = str(event.get("date") or "")
        if len(date) >= 4 and date[:4].isdigit():
            years.append(int(date[:4]))
    return years


def set_substitutions(app: Sphinx, config: Config) -> None:
    """``config-inited``: the counts and years into ``myst_substitutions`` and the figure's period."""
    root = Path(app.confdir)
    catalogue, events = root / config.prcite_sources / "catalog.yaml", root / config.prcite_events
    count, years = cache.remembered(
        app, "corpus", cache.key([catalogue, events]), lambda: (len(_entries(catalogue)), event_years(events))
    )
    first, last = (min(years), max(years)) if years else tuple(config.prcite_period or (0, 0))
    if not config.prcite_period:
        config.prcite_period = (first, last)
    config.prcite_eras = [(label, start, last if end is None else end) for label, start, end in config.prcite_eras]
    config.myst_substitutions = {
        **config.myst_substitutions,
        "sources_count": in_words(count),
        "sources_count_digits": str(count),
        "first_year": str(first),
        "last_year": str(last),
    }
