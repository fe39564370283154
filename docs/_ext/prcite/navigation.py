"""A navigation sidebar that stays bounded however many sources there are.

Furo draws the whole global table of contents into every page's sidebar: with hundreds of
sources, every page would list them all, and the build would grow with the square of the
number of pages. Any branch with more than ``prcite_navigation_limit`` entries (the sources,
in practice) keeps only the entry of the page being shown, if it is one of them, and a last
line "N more" linking to the branch's own page, which lists them all. Below the limit (the
site's five sources) the sidebar is Sphinx's own, unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.adapters.toctree import global_toctree_for_doc

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _bound(tree: nodes.Element, limit: int) -> None:
    for branch in list(tree.findall(nodes.bullet_list)):
        items = [child for child in branch.children if isinstance(child, nodes.list_item)]
        parent = branch.parent
        if len(items) <= limit or not isinstance(parent, nodes.list_item):
            continue
        kept = [item for item in items if "current" in item.get("classes", [])]
        link = next(parent.findall(nodes.reference), None)
        level = [c for c in items[0].get("classes", []) if c.startswith("toctree-l")]  # Furo styles by level
        more = nodes.list_item("", classes=[*level, "prcite-more"])
        label = f"{len(items) - len(kept)} more"
        if link is not None:
            more += addnodes.compact_paragraph("", "", nodes.reference("", label, refuri=link["refuri"], internal=True))
        else:
            more += addnodes.compact_paragraph("", label)
        branch.children = []
        branch.extend([*kept, more])


def bounded_toctree(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: the theme's ``toctree()``, with long branches cut to the limit."""
    limit = app.config.prcite_navigation_limit
    if not callable(context.get("toctree")) or not limit:
        return
    builder = app.builder

    def toctree(collapse: bool = True, **kwargs: Any) -> str:
        # as Sphinx's own (StandaloneHTMLBuilder._get_local_toctree), then the long branches cut
        kwargs.setdefault("includehidden", False)
        if kwargs.get("maxdepth") == "":
            kwargs.pop("maxdepth")
        tree = global_toctree_for_doc(app.env, pagename, builder, tags=builder.tags, collapse=collapse, **kwargs)
        if tree is None:
            return ""
        _bound(tree, limit)
        return builder.render_partial(tree)["fragment"]

    context["toctree"] = toctree


def register(app: Sphinx) -> None:
    app.add_config_value("prcite_navigation_limit", 20, "html", types=[int])
    app.connect("html-page-context", bounded_toctree, priority=400)  # before the theme and a11y read it
