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

from . import citeas
from .nodes import content_note, content_note_open, interactive, skip
from .passages import segments
from .resolve import cited_by, linker, passage_mark

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from .catalogue import Source
    from .domain import CitationDomain
    from .passages import Passage
    from .voices import Span

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


class source_text(nodes.General, nodes.Element):
    """A source page's numbered passages, filled in at write time (attribute: source)."""


LEGEND = (
    "Paragraphs are numbered in the order of the file. Beside each number, how many times this "
    "site cites the paragraph (“not cited” when it does not). Dimmed passages are website "
    "furniture, shown for completeness and never cited."
)


def fill_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, before the search text is kept: each source page's passages.

    For HTML the placeholder is given only the passages' words, for the search index and the
    snippets, and its visitor writes the passages; other builders get docutils nodes, which
    the resolver then marks up.
    """
    domain: CitationDomain = app.env.domains["prcite"]
    for node in list(doctree.findall(source_text)):
        source = domain.sources[node["source"]]
        assert source.index is not None
        if app.builder.format == "html":
            node.extend(nodes.Text(passage.text) for passage in source.index.passages)
        else:
            node.replace_self(_text(source))


def _groups(source: Source) -> list[tuple[str | None, list[Passage]]]:
    """The passages in runs: those behind the content note, and the others."""
    assert source.index is not None
    note = " ".join(str(source.meta["content_note"]["text"]).split()) if source.meta.get("content_note") else None
    groups: list[tuple[str | None, list[Passage]]] = []
    for passage in source.index.passages:
        which = note if passage.content_note else None
        if not groups or groups[-1][0] != which:
            groups.append((which, []))
        groups[-1][1].append(passage)
    return groups


def _text(source: Source) -> nodes.container:
    # a rubric, not a section: the navigation lists one entry per source, however many there are
    text = nodes.container("", nodes.rubric("", "Text"), ids=["text"], classes=["source-text"])
    text += nodes.paragraph("", LEGEND, classes=["passage-legend", "no-search"])
    for note, passages in _groups(source):
        boxes = [_passage(source.id, passage) for passage in passages]
        text.extend([content_note("", *boxes, note=note)] if note else boxes)
    return text


def visit_source_text(self: HTML5Translator, node: source_text) -> None:
    """The passages as HTML, written straight from the catalogue and the recorded citations.

    The same markup docutils would write for ``_text`` once the resolver has marked it up,
    without building hundreds of nodes per page and handing each to the writer.
    """
    domain: CitationDomain = self.builder.env.domains["prcite"]
    source = domain.sources[node["source"]]
    out = [
        '<div class="source-text docutils container" id="text">\n<p class="rubric">Text</p>\n',
        f'<p class="passage-legend no-search">{self.encode(LEGEND)}</p>\n',
    ]
    uri = linker(self.builder, self.builder.current_docname)
    for note, passages in _groups(source):
        if note:
            out.append(content_note_open(self, note))
        out.extend(_passage_html(self, domain, source, passage, uri) for passage in passages)
        if note:
            out.append("</details>\n")
    out.append("</div>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def _passage_html(
    self: HTML5Translator, domain: CitationDomain, source: Source, passage: Passage, uri: Callable[[str, str], str]
) -> str:
    here = domain.by_passage().get((source.id, passage.number), [])
    mark, classes = passage_mark(here, bool(passage.furniture))
    out = [
        f'<div class="passage{" furniture" if passage.furniture else ""} docutils container" id="{passage.anchor}">\n'
        f'<span class="passage-number">{passage.number}</span><span class="{" ".join(classes)}">{mark}</span>'
    ]
    if passage.furniture:
        out.append(
            f'<span class="furniture-label no-search">{self.encode("website furniture: " + passage.furniture)}</span>'
        )
    block = [v for v in source.spans if _covers(v, passage)]  # a post, or a statement given whole
    out.extend(
        f'<span class="voice-label no-search">{self.encode(source.voices[v.voice].who)}</span>'
        for v in block
        if not _covers(v, _previous(source, passage))
    )
    out.append('<p class="passage-text">')
    out.append(_words_html(self, source, passage, here, block))
    out.append("</p>\n")
    if not passage.furniture and interactive(self):
        out.append(citeas.render(source.id, passage.number))
    if here:
        links = [
            f'<a class="reference internal" href="{self.attval(uri(docname, citeid))}">{self.encode(label)}</a>'
            for docname, citeid, label in cited_by(source, here, self.builder.env.titles)
        ]
        out.append(
            f'<p class="cited-by no-search"><span class="cited-by-label">Cited by: </span>{"; ".join(links)}</p>\n'
        )
    out.append("</div>\n")
    return "".join(out)


def _covers(span: Span, passage: Passage | None) -> bool:
    return passage is not None and span.start <= passage.start and span.end >= passage.end


def _previous(source: Source, passage: Passage) -> Passage | None:
    assert source.index is not None
    return source.index.passages[passage.number - 2] if passage.number > 1 else None


def _words_html(self: HTML5Translator, source: Source, passage: Passage, here: list, block: list[Span]) -> str:
    """A passage's words: the cited ones highlighted, a quoted speaker's marked and named.

    The highlights are the quotes' spans, cut into runs (``passages.segments``); a voice whose
    words lie inside the passage is a span too, "v:" before its id, and gets a label where it
    begins and a mark (class ``spoken``) over its words.
    """
    inline = [
        (v.start, v.end, f"v:{v.voice}")
        for v in source.spans
        if v not in block and passage.start <= v.end and v.start < passage.end
    ]
    if not here and not inline:
        return self.encode(passage.text)
    spans = sorted({(c.start, c.end, c.target) for c in here}) + inline
    out, started = [], set()
    for text, keys in segments(source.text, passage, spans):
        quotes = [k for k in keys if not k.startswith("v:")]
        voices = [k[2:] for k in keys if k.startswith("v:")]
        out.extend(f'<span class="quote-target target" id="{key}"></span>' for key in quotes if key not in started)
        # the speaker's name is drawn by CSS from data-voice where the words begin: it is not
        # part of the text, so the words stay exactly the file's for search and annotation tools
        named = [v for v in voices if v not in started]
        started.update(quotes + voices)
        classes = (["quoted", *quotes] if quotes else []) + (["spoken"] if voices else [])
        label = f' data-voice="{self.attval(source.voices[named[0]].who)}"' if named else ""
        words = self.encode(text)
        out.append(f'<span class="{" ".join(classes)}"{label}>{words}</span>' if classes else words)
    return "".join(out)


def register(app: Sphinx) -> None:
    # other builders never see one: fill_text replaces it with nodes
    app.add_node(source_text, html=(visit_source_text, None), latex=(skip, None), text=(skip, None))


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
