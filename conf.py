"""Sphinx configuration for the Pakistan–Russia source-cited reader."""

import os
import sys
import types
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent / "docs" / "_ext"))
# Social cards are off (ogp_social_cards below), but sphinxext-opengraph imports their module, and
# with it matplotlib, on every build: a second of each incremental rebuild. Stand in an empty module,
# the same as its "no matplotlib" case: no cards, no default card settings.
_no_cards = types.ModuleType("sphinxext.opengraph._social_cards")
_no_cards.DEFAULT_SOCIAL_CONFIG, _no_cards.create_social_card = {}, None
sys.modules.setdefault("sphinxext.opengraph._social_cards", _no_cards)

# -- Project ------------------------------------------------------------------
project = "Pakistan–Russia relations: a source-cited reader"
author = "The reader's editors"
copyright = "2026, the reader's editors; source texts belong to their authors"
language = "en"

# -- Sources: the repository root is the source directory --------------------
root_doc = "docs/index"
include_patterns = ["docs/**", "sources/*.txt"]
# the folders named here are not even walked, which keeps incremental builds fast
exclude_patterns = [
    *[".venv", "node_modules", "_build", ".git", "tests", ".ci"],
    *["docs/_ext", "docs/_extra", "**/README.md"],
]
source_suffix = {".md": "markdown"}  # prcite adds ".txt" for the source texts

extensions = [
    "myst_parser",
    "sphinx_timeline",
    "prcite",
    "sphinxext.opengraph",
    "notfound.extension",
    "sphinx_last_updated_by_git",
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
# bands on the chronology figure: (label, first year, last year); None: up to the last event's year
prcite_eras = [
    ("Cold War alignments", 1947, 1978),
    ("Soviet war in Afghanistan", 1979, 1989),
    ("After the Cold War", 1990, 2010),
    ("Rapprochement", 2011, None),
]
prcite_appendix = ["docs/sources"]
# the grounding check reads every page but these (the coverage report is generated counts)
prcite_grounding_exclude = ["docs/coverage"]  # in the PDF, the sources come after \appendix

# substitution: {{ sources_count }}, {{ first_year }}, {{ last_year }} come from the data (prcite/corpus.py)
myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3

# -- HTML ---------------------------------------------------------------------
html_theme = "furo"
html_title = "Pakistan–Russia relations"
html_static_path = ["docs/_static"]
html_favicon = "docs/_static/favicon.svg"
html_extra_path = ["docs/_extra"]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = "%d %B %Y"  # from each page's last Git commit (sphinx-last-updated-by-git)
git_last_updated_timezone = "UTC"
# a shallow clone, or a copy without Git history, has no dates: show none rather than fail
suppress_warnings = ["git.too_shallow", "git.subprocess_error"]

# -- Publishing: canonical address, sitemap, OpenGraph, 404 ---------------------
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://pakistan-russia-reader.readthedocs.io/en/latest/")
# sitemap.xml: every page, from html_baseurl (prcite.sitemap)
ogp_site_url = html_baseurl
ogp_site_name = "Pakistan–Russia relations: a source-cited reader"
ogp_social_cards = {"enable": False}  # no generated images: nothing drawn, nothing fetched
# the PDF edition as Read the Docs publishes it (citation_pdf_url in each page's metadata)
_site = urlsplit(html_baseurl)
prcite_pdf_url = f"{_site.scheme}://{_site.netloc}/_/downloads/{_site.path.strip('/')}/pdf/"
notfound_urls_prefix = urlsplit(html_baseurl).path if os.environ.get("READTHEDOCS") else "/"

# -- EPUB (make epub): Sphinx's EPUB 3 builder with its plain epub theme (prcite.epub fixes the rest)
epub_title = project
epub_author = epub_publisher = author
epub_copyright = copyright
epub_description = "How Pakistan and Russia went from Cold War adversaries to military partners, from five texts."
epub_identifier, epub_scheme = html_baseurl, "URL"
epub_uid = "pakistanrussiareader"
epub_basename = "pakistan-russia-reader"
epub_show_urls = "no"  # the few outside links stay links; no URLs printed after them
epub_tocdepth = 3  # down to each source, listed under "The sources"

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
% Sphinx names the table of contents after the first toctree's caption ("Themes"); it lists more
\addto\captionsenglish{\renewcommand{\contentsname}{Contents}}
\expandafter\newcommand\csname DUrolecitegroup\endcsname[1]{\textsuperscript{#1}}
\expandafter\newcommand\csname DUrolepassage-number\endcsname[1]{\textbf{\P\,#1}\quad}
\expandafter\newcommand\csname DUrolepassage-count\endcsname[1]{{\footnotesize(#1)}\quad}
\expandafter\newcommand\csname DUrolefurniture-label\endcsname[1]{{\footnotesize\textsc{[#1]}}\quad}
\expandafter\newcommand\csname DUrolecited-by-label\endcsname[1]{\textbf{#1}}
\expandafter\newcommand\csname DUrolequoted\endcsname[1]{\textsl{#1}}
% index entries are names, not code: roman type, the kind in brackets in italics
\protected\def\sphinxstyleindexentry#1{#1}
\protected\def\sphinxstyleindexextra#1{ \emph{(#1)}}
""",
}
