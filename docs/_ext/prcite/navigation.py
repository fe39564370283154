"""A navigation sidebar that stays bounded however many sources there are.

Furo draws the whole global table of contents into every page's sidebar: with hundreds of
sources, every page would list them all, and the build would grow with the square of the
number of pages (each page resolves, copies and writes every entry). A toctree with more than
``prcite_navigation_limit`` entries (the sources, in practice) shows in the sidebar only the
entry of the page being shown, if it is one of them, and a last line "N more" linking to the
toctree's own page, which lists them all. The long toctree is cut *before* Sphinx resolves the
sidebar (its entries are swapped for the cut list during the call, then restored), so that
each page's sidebar costs the same however long the list. Below the limit (the site's five
sources) the sidebar is Sphinx's own, unchanged; pages' own toctrees are never cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.adapters.toctree import global_toctree_for_doc

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def find_long(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: the toctrees longer than the limit, with the page each is on."""
    limit = app.config.prcite_navigation_limit
    env.prcite_long_toctrees = [  # type: ignore[attr-defined]
        (node, docname)
        for docname in sorted(env.tocs)
        for node in env.tocs[docname].findall(addnodes.toctree)
        if limit and len(node["entries"]) > limit
    ]


def _more(tree: nodes.Element, uri: str, hidden: int) -> None:
    """Add "N more" (a link to ``uri``) under the sidebar entry that links to ``uri``."""
    for item in tree.findall(nodes.list_item):
        link = item.next_node(nodes.reference)
        if link is None or link.get("refuri") != uri:
            continue
        branch = item.next_node(nodes.bullet_list)
        if branch is None:
            branch = nodes.bullet_list()
            item += branch
        level = [c for c in item.get("classes", []) if c.startswith("toctree-l")]
        deeper = [f"toctree-l{int(c[len('toctree-l') :]) + 1}" for c in level]  # Furo styles by level
        more = nodes.list_item("", classes=[*deeper, "prcite-more"])
        more += addnodes.compact_paragraph("", "", nodes.reference("", f"{hidden} more", refuri=uri, internal=True))
        branch += more
        return


def bounded_toctree(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: the theme's ``toctree()``, with the long toctrees cut to the page shown."""
    long = getattr(app.env, "prcite_long_toctrees", [])
    if not callable(context.get("toctree")) or not long:
        return
    builder = app.builder

    def toctree(collapse: bool = True, **kwargs: Any) -> str:
        # as Sphinx's own (StandaloneHTMLBuilder._get_local_toctree), with the long toctrees cut
        kwargs.setdefault("includehidden", False)
        if kwargs.get("maxdepth") == "":
            kwargs.pop("maxdepth")
        saved = [(node, node["entries"]) for node, _ in long]
        try:
            for node, entries in saved:
                node["entries"] = [entry for entry in entries if entry[1] == pagename]
            tree = global_toctree_for_doc(app.env, pagename, builder, tags=builder.tags, collapse=collapse, **kwargs)
        finally:
            for node, entries in saved:
                node["entries"] = entries
        if tree is None:
            return ""
        for (_node, parent), (_, entries) in zip(long, saved, strict=True):
            hidden = sum(1 for entry in entries if entry[1] != pagename)
            _more(tree, builder.get_relative_uri(pagename, parent), hidden)
        return builder.render_partial(tree)["fragment"]

    context["toctree"] = toctree


def _navigation(env: BuildEnvironment) -> tuple[dict[str, str], dict[str, list[str]]]:
    """What every page's navigation is drawn from: the pages' titles and the toctrees' entries."""
    titles = {docname: title.astext() for docname, title in sorted(env.titles.items())}
    return titles, {docname: list(entries) for docname, entries in sorted(env.toctree_includes.items())}


def remember_navigation(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated`` (before Sphinx forgets the changed pages): the navigation as it was."""
    app.prcite_navigation_before = _navigation(env)  # type: ignore[attr-defined]
    return []


def navigation_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: every page, when a page's title or a toctree changed.

    Each page's sidebar lists every page by title, and its "previous"/"next" links name its
    neighbours; Sphinx writes again only the pages read and their toctree's parent, so a
    retitled, added or moved page left the other pages naming it as before.
    """
    if getattr(app, "prcite_navigation_before", None) in (None, _navigation(env)):
        return []
    return sorted(env.found_docs)


def register(app: Sphinx) -> None:
    app.add_config_value("prcite_navigation_limit", 20, "html", types=[int])
    app.connect("env-get-outdated", remember_navigation)
    app.connect("env-get-updated", navigation_changed)
    app.connect("env-updated", find_long)
    app.connect("html-page-context", bounded_toctree, priority=400)  # before the theme and a11y read it
