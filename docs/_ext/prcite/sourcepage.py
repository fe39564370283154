"""Each ``sources/*.txt`` file as a page: metadata, then numbered, anchored passages.

Registered as the parser for ``.txt`` documents, so Sphinx itself notices when
a source file changes; the file is never modified. The passages are filled in at write
time from the catalogue, which holds the text already: only a placeholder is read and
pickled, so hundreds of passages do not go through every read-time transform and the
doctree cache for nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.parsers import Parser
from sphinx.util.docutils import SphinxDirective

from .nodes import content_note, source_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .catalogue import Source
    from .domain import CitationDomain
    from .passages import Passage

FIELDS = (
    ("Author", "author"),
    ("Outlet", "outlet"),
    ("Date", "date"),
    ("How it is dated", "date_evidence"),
    ("Kind", "kind"),
    ("Stance", "stance"),
    ("Reading notes", "criticism"),
)


class SourceParser(Parser):
    supported: ClassVar[tuple[str, ...]] = ("prsource",)

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        domain: CitationDomain = env.domains["prcite"]
        source = domain.by_docname().get(env.docname)
        if source is None:
            # the catalogue check has already said what is wrong with this file
            section = nodes.section("", nodes.title("", env.docname), ids=["source"])
            section += nodes.paragraph("", "This file has no usable catalogue entry.")
            document += section
            return
        env.note_dependency(str(source.path.parent / "catalog.yaml"))
        page = nodes.section("", nodes.title("", source.title), ids=[f"source-{source.id}"], names=[source.id])
        page["support_smartquotes"] = False  # the text is shown as received: no curled quotes, no dashes
        page += _metadata(source)
        page += source_text(source=source.id)
        # say where every node comes from: otherwise Sphinx patches each one itself, slowly
        for node in page.findall(nodes.TextElement):
            node.source, node.line = str(source.path), node.line or 1
            node.rawsource = node.rawsource or node.astext()
        document += page


def fill_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, before the search text is kept: each source page's passages."""
    domain: CitationDomain = app.env.domains["prcite"]
    for node in list(doctree.findall(source_text)):
        node.replace_self(_text(domain.sources[node["source"]]))


def _text(source: Source) -> nodes.container:
    # a rubric, not a section: the navigation lists one entry per source, however many there are
    text = nodes.container("", nodes.rubric("", "Text"), ids=["text"], classes=["source-text"])
    text += nodes.paragraph(
        "",
        "Paragraphs are numbered in the order of the file. Beside each number, how many times this "
        "site cites the paragraph (“not cited” when it does not). Dimmed passages are website "
        "furniture, shown for completeness and never cited.",
        classes=["passage-legend", "no-search"],
    )
    assert source.index is not None
    note_box: content_note | None = None
    for passage in source.index.passages:
        box = _passage(source.id, passage)
        if passage.content_note:
            if note_box is None:
                note_box = content_note("", note=" ".join(str(source.meta["content_note"]["text"]).split()))
                text += note_box
            note_box += box
        else:
            note_box = None
            text += box
    return text


def _metadata(source: Source) -> nodes.field_list:
    fields = nodes.field_list(classes=["source-meta"])

    def field(name: str, body: nodes.Node, classes: tuple[str, ...] = ()) -> None:
        fields.append(nodes.field("", nodes.field_name("", name), nodes.field_body("", body), classes=list(classes)))

    for label, key in FIELDS:
        if source.meta.get(key):
            field(label, nodes.paragraph("", " ".join(str(source.meta[key]).split())))
    original = addnodes.download_reference(
        "", "", nodes.literal("", source.path.name), reftarget=f"/sources/{source.path.name}", refdoc=source.docname
    )
    # the site's own furniture stays out of the search index: a hash or the role's syntax finds nothing
    furniture = ("no-search",)
    unchanged = nodes.Text(" (the file as received, unchanged)")
    field("Original text", nodes.paragraph("", "", original, unchanged), furniture)
    field("SHA-256", nodes.paragraph("", "", nodes.literal("", str(source.meta["sha256"]))), furniture)
    field("Cite as", nodes.paragraph("", "", nodes.literal("", f"{{src}}`{source.id} verbatim quote`")), furniture)
    return fields


def _passage(source_id: str, passage: Passage) -> nodes.container:
    classes = ["passage"] + (["furniture"] if passage.furniture else [])
    box = nodes.container("", ids=[passage.anchor], classes=classes)
    box["first_line"] = passage.first_line
    label = f"{passage.number}"
    box += nodes.inline("", label, classes=["passage-number"])
    if passage.furniture:
        box += nodes.inline("", f"website furniture: {passage.furniture}", classes=["furniture-label", "no-search"])
    para = nodes.paragraph("", passage.text, classes=["passage-text"])
    para["source"], para["passage"] = source_id, passage.number
    box += para
    return box


class SourceListDirective(SphinxDirective):
    """``{source-list}``: a table of every source in the catalogue, linking its page."""

    def run(self) -> list[nodes.Node]:
        domain: CitationDomain = self.env.domains["prcite"]
        self.env.note_dependency("sources/catalog.yaml")
        table = nodes.table(classes=["source-list"])
        group = nodes.tgroup(cols=4)
        table += group
        for width in (40, 20, 12, 14):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += _row([nodes.Text(h) for h in ("Title", "Author", "Date", "Kind")])
        body = nodes.tbody()
        group += body
        for source in sorted(domain.sources.values(), key=lambda s: (s.date, s.id)):
            link = addnodes.pending_xref(
                "",
                nodes.inline("", source.title),
                refdomain="std",
                reftype="doc",
                reftarget=f"/{source.docname}",
                refexplicit=True,
                refwarn=True,
            )
            body += _row(
                [
                    link,
                    nodes.Text(source.author.split(";")[0]),
                    nodes.Text(source.date),
                    nodes.Text(source.meta["kind"]),
                ]
            )
        return [table]


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", nodes.paragraph("", "", cell))
    return row
