"""Keep the search index's index entries through an incremental build.

On an incremental build Sphinx (9.0.4) reads the previous ``searchindex.js`` back and feeds it
only the pages it writes again, but its ``load`` restores the words and titles and not the index
entries (``indexentries``: for a query that matches an entry, "Vladimir Putin", the search page
adds a result linked to the entry's place on each page that has it). After touching one page,
the index kept the entries of the pages written (44 of the site's 363) and silently lost the
rest until the next clean build.

Here the entries of the pages kept are read back from the previous file when the index is
loaded, and the entries are put in page order before the file is written, the order a clean
build feeds them in, so an incremental build writes the same ``searchindex.js`` as a clean one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx


def keep_index_entries(app: Sphinx) -> None:
    """``builder-inited``: wrap the HTML builder's loading and writing of the search index."""
    builder: Any = app.builder
    if not all(hasattr(builder, name) for name in ("load_indexer", "dump_search_index")):
        return
    load, dump = builder.load_indexer, builder.dump_search_index

    def load_indexer(docnames: Set[str]) -> None:
        load(docnames)
        keep = set(builder.env.all_docs) - set(docnames)
        path = builder.outdir / builder.searchindex_filename
        if not keep or not path.is_file():
            return
        try:
            frozen = builder.indexer_format.loads(path.read_text(encoding="utf-8"))
        except ValueError:  # Sphinx has already warned that the index is incomplete
            return
        names = frozen["docnames"]
        restored: dict[str, list[tuple[str, str, str]]] = {}
        for entry, hits in frozen.get("indexentries", {}).items():
            for doc, target, main in hits:
                if names[doc] in keep:
                    restored.setdefault(names[doc], []).append((entry, target, "main" if main else ""))
        # each page's entries in the order the file lists them, which is the order it was fed them
        entries = builder.indexer._index_entries
        for docname, found in restored.items():
            entries.setdefault(docname, found)

    def dump_search_index() -> None:
        if builder.indexer is not None:
            entries = builder.indexer._index_entries
            ordered = dict(sorted(entries.items()))
            entries.clear()
            entries.update(ordered)
        dump()

    builder.load_indexer, builder.dump_search_index = load_indexer, dump_search_index
