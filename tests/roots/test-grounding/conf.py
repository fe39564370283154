# The grounding check's own test root: one sentence per defect kind that must fail, one per
# allowed case that must pass (tests/test_grounding.py reads the expectations from the pages).
extensions = ["myst_parser", "sphinx_timeline", "prcite"]
root_doc = "docs/index"
include_patterns = ["docs/**", "sources/*.txt"]
source_suffix = {".md": "markdown"}
prcite_themes = {"relations": "docs/index"}
prcite_vocabulary = "docs/vocabulary.yaml"
