"""Sphinx configuration for the Pakistan–Russia source-cited reader."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "docs" / "_ext"))

# -- Project ------------------------------------------------------------------
project = "Pakistan–Russia relations: a source-cited reader"
author = "The reader's editors"
copyright = "2026, the reader's editors; source texts belong to their authors"
language = "en"

# -- Sources: the repository root is the source directory --------------------
root_doc = "docs/index"
include_patterns = ["docs/**", "sources/*.txt"]
exclude_patterns = ["docs/_ext/**", "docs/_extra/**", "**/README.md"]
source_suffix = {".md": "markdown"}  # prcite adds ".txt" for the source texts

extensions = [
    "myst_parser",
    "sphinx_timeline",
    "prcite",
]
# -- The extension: theme id -> page, for events and the coverage tables -----
prcite_themes = {
    "cold-war": "docs/themes/cold-war",
    "afghanistan": "docs/themes/afghanistan",
    "arms-trade": "docs/themes/arms-trade",
    "us-pressure": "docs/themes/us-pressure",
    "china-cpec": "docs/themes/china-cpec",
}
prcite_events = "docs/events.yaml"

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- HTML ---------------------------------------------------------------------
html_theme = "furo"
html_title = "Pakistan–Russia relations"
html_extra_path = ["docs/_extra"]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
