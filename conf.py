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
prcite_appendix = ["docs/sources"]  # in the PDF, the sources come after \appendix

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- HTML ---------------------------------------------------------------------
html_theme = "furo"
html_title = "Pakistan–Russia relations"
html_extra_path = ["docs/_extra"]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None

# -- PDF (make latexpdf) --------------------------------------------------------
latex_engine = "xelatex"  # the texts are full of non-ASCII characters
latex_documents = [("docs/index", "pakistan-russia-reader.tex", project, author, "manual")]
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "extraclassoptions": "openany,oneside",
    # GNU FreeFont (Debian fonts-freefont-otf) covers every character of the sources
    "fontpkg": "\\setmainfont{FreeSerif}\n\\setsansfont{FreeSans}\n\\setmonofont{FreeMono}",
    "preamble": r"""
\expandafter\newcommand\csname DUrolecitegroup\endcsname[1]{\textsuperscript{#1}}
\expandafter\newcommand\csname DUrolepassage-number\endcsname[1]{\textbf{\P\,#1}\quad}
\expandafter\newcommand\csname DUrolefurniture-label\endcsname[1]{{\footnotesize\textsc{[#1]}}\quad}
\expandafter\newcommand\csname DUrolecited-by-label\endcsname[1]{\textbf{#1}}
\expandafter\newcommand\csname DUrolequoted\endcsname[1]{\textsl{#1}}
""",
}
