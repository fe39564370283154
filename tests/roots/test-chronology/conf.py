# The tests put docs/_ext on the import path (conftest.py, or PYTHONPATH for a subprocess).
extensions = ["myst_parser", "sphinx_timeline", "prcite"]
root_doc = "docs/index"
include_patterns = ["docs/**", "sources/*.txt"]
source_suffix = {".md": "markdown"}
prcite_themes = {"flights": "docs/index", "deals": "docs/deals"}
