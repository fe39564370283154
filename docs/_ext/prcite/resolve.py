"""At write time, when every page's citations are known: markers, links, highlights, back-links.

For HTML, a page's reference list and a source page's passages (``sourcepage``) are written
by their placeholders' own visitors, with the helpers below; for other builders the resolver
turns them into nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .domain import Cite, quote_target
from .nodes import cite_marker, content_note, reference_list, skip, src_citation
from .passages import segments

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

    from .catalogue import Source
    from .domain import CitationDomain
    from .passages import Passage


def source_label(source: Source) -> str:
    return citation_label(source)


def voice_lead(source: Source, voice: str = "", mixed: bool = False, reported: bool = False) -> str:
    """Whose words, before the title: the author, or a voice within the text.

    "Kaswar Klasra"; "Maria Sultan (chairperson of …), quoted in Kaswar Klasra"; "the thread’s
    unsigned summary post (post 3, posted by Neo)"; and for a quote that runs from narration
    into speech, "Kaswar Klasra, quoting Maria Sultan (…)".
    """
    if not voice or voice not in source.voices:
        return source.author
    who = source.voices[voice]
    if mixed:
        return f"{source.author}, quoting {who.who}"
    if reported:  # the author's words, not a quotation: "as reported by"
        return f"{who.who}, as reported by {source.author}"
    if source.meta.get("kind") == "forum thread":
        return who.who
    return f"{who.who}, {who.verb} {source.author}"


def citation_label(source: Source, voice: str = "", mixed: bool = False, reported: bool = False) -> str:
    """The label of a citation in tooltips and reference lists: whose words, and where."""
    return f"{voice_lead(source, voice, mixed, reported)}, “{source.title}” ({source.date})"


def voice_note(source: Source, cite: Cite) -> str:
    """A short "whose words" for lists that already name the source: "" for the author's."""
    if not cite.voice or cite.voice not in source.voices:
        return ""
    who = source.voices[cite.voice].who
    if cite.reported:
        return f"{who}, as reported"
    return f"quoting {who}" if cite.mixed else who


def resolve_citations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: turn this page's citation nodes into links for the current builder."""
    _Resolver(app, doctree, docname).run()


def linker(builder: Builder, fromdoc: str) -> Callable[[str, str], str]:
    """Links from one page: ``uri(page, id)`` gives "relative/page.html#id".

    Always by page and id, never make_refnode's bare same-page refid: a LaTeX build resolves
    the whole book as one tree under the root document's name, and a bare id would then be
    read as an id of whichever page the link sits on.
    """
    pages: dict[str, str] = {}

    def uri(todoc: str, target: str) -> str:
        if todoc not in pages:
            pages[todoc] = builder.get_relative_uri(fromdoc, todoc)
        return f"{pages[todoc]}#{target}"

    return uri


def reference_entries(
    domain: CitationDomain, docname: str, uri: Callable[[str, str], str]
) -> list[tuple[int, str, str, str, str]]:
    """A page's reference list: (number, source, link to the quoted words, "paragraph N", quote)."""
    numbered: dict[int, Cite] = {}
    for cite in domain.citations.get(docname, []):
        numbered.setdefault(cite.number, cite)
    entries = []
    for number, cite in sorted(numbered.items()):
        source = domain.sources[cite.source]
        link = uri(source.docname, cite.target)
        label = citation_label(source, cite.voice, cite.mixed, cite.reported)
        entries.append((number, label, link, f"paragraph {cite.passage}", f"“{cite.quote}”"))
    return entries


def visit_reference_list(self: HTML5Translator, node: reference_list) -> None:
    """The list as HTML, written straight from the recorded citations: no nodes per entry."""
    domain: CitationDomain = self.builder.env.domains["prcite"]
    uri = linker(self.builder, self.builder.current_docname)
    items = "".join(
        f'<li id="ref-{number}"><p>{self.encode(label)}, <a class="reference internal" href="{self.attval(link)}">'
        f'{text}</a>: <span class="ref-quote">{self.encode(quote)}</span></p></li>\n'
        for number, label, link, text, quote in reference_entries(domain, node["docname"], uri)
    )
    self.body.append(f'<ol class="simple src-references">\n{items}</ol>\n')
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    # other builders never see one: the resolver replaces it with nodes
    app.add_node(reference_list, html=(visit_reference_list, None), latex=(skip, None), text=(skip, None))


class _Resolver:
    def __init__(self, app: Sphinx, document: nodes.document, docname: str) -> None:
        self.app, self.env, self.document, self.docname = app, app.env, document, docname
        self._uri = linker(app.builder, docname)

    def run(self) -> None:
        domain: CitationDomain = self.env.domains["prcite"]
        html = self.app.builder.format == "html"
        for run in _runs(self.document):
            self._markers(domain, run, html)
        if not html:
            for node in list(self.document.findall(reference_list)):
                node.replace_self(self._references(domain, node["docname"]))
            # a LaTeX build resolves all pages as one tree, so passages say which source they belong to
            self._passages(domain)
            for note in list(self.document.findall(content_note)):
                lead = nodes.paragraph("", "", nodes.strong("", "Content note. "), nodes.Text(note["note"]))
                note.replace_self([lead, *note.children])

    def _ref(self, todoc: str, target: str, child: nodes.Node) -> nodes.reference:
        return nodes.reference("", "", child, internal=True, refuri=self._uri(todoc, target))

    def _references(self, domain: CitationDomain, docname: str) -> nodes.enumerated_list:
        """The numbered list of a page's citations, for builders other than HTML."""
        items = nodes.enumerated_list(classes=["src-references"])
        for number, label, uri, link, quote in reference_entries(domain, docname, self._uri):
            para = nodes.paragraph(
                "",
                "",
                nodes.Text(label + ", "),
                nodes.reference("", link, internal=True, refuri=uri),
                nodes.Text(": "),
                nodes.inline("", quote, classes=["ref-quote"]),
            )
            items += nodes.list_item("", para, ids=[f"ref-{number}"])
        return items

    def _markers(self, domain: CitationDomain, run: list[src_citation], html: bool) -> None:
        group = nodes.inline("", "", classes=["citegroup"])
        group += nodes.Text("[")
        for i, node in enumerate(run):
            if i:
                group += nodes.Text(", ")
            source = domain.sources[node["source"]]
            target = quote_target(node["start"], node["end"])
            if html:
                group += cite_marker(
                    "",
                    refuri=self._uri(source.docname, target),
                    number=node["number"],
                    citeid=node["citeid"],
                    quote=node["quote"],
                    label=f"{citation_label(source, node['voice'], node['mixed'], node['reported'])}, "
                    f"paragraph {node['passage']}",
                )
                group[-1]["source"], group[-1]["passage"] = node["source"], node["passage"]
                lead = voice_lead(source, node["voice"], node["mixed"], node["reported"])
                group[-1]["lead"] = lead if node["voice"] else ""
            else:
                group += nodes.target("", "", ids=[node["citeid"]])
                group += self._ref(source.docname, target, nodes.Text(str(node["number"])))
        group += nodes.Text("]")
        parent = run[0].parent
        first, last = parent.index(run[0]), parent.index(run[-1])
        following = parent[last + 1] if last + 1 < len(parent) else None
        parent[first : last + 1] = [group]
        # markers go after a sentence's full stop; the next sentence still needs its space
        if isinstance(following, nodes.Text) and following and (following[0].isalnum() or following[0] in '“‘("'):
            parent.replace(following, nodes.Text(" " + following))

    def _passages(self, domain: CitationDomain) -> None:
        """For builders other than HTML (whose source pages are written by their own visitor)."""
        by_passage = domain.by_passage()
        for para in list(self.document.findall(nodes.paragraph)):
            key = (para.get("source"), para.get("passage"))
            if key[0] not in domain.sources:
                continue
            source, here = domain.sources[key[0]], by_passage.get(key, [])
            box = para.parent
            mark, classes = passage_mark(here, "furniture" in box["classes"])
            box.insert(1, nodes.inline("", mark, classes=classes))  # after the paragraph's number
            if box["ids"]:
                # LaTeX writes no label for a container's ids: give the paragraph's anchor a target
                box.insert(0, nodes.target("", "", ids=box["ids"]))
                box["ids"] = []
            if not here:
                continue
            passage = source.index.passages[key[1] - 1]  # type: ignore[union-attr]
            para.children = []
            for text, keys, starts in highlights(source, passage, here):
                para.extend(nodes.target("", "", ids=[qid], classes=["quote-target"]) for qid in starts)
                para += nodes.inline("", text, classes=["quoted", *keys]) if keys else nodes.Text(text)
            back = nodes.paragraph("", "", classes=["cited-by", "no-search"])
            back += nodes.inline("", "Cited by: ", classes=["cited-by-label"])
            for i, (docname, citeid, label) in enumerate(cited_by(source, here, self.env.titles)):
                if i:
                    back += nodes.Text("; ")
                back += nodes.reference("", label, internal=True, refuri=self._uri(docname, citeid))
            box += back


def passage_mark(cites: list[Cite], furniture: bool) -> tuple[str, list[str]]:
    """The margin mark of a source paragraph (the coverage report's counts) and its classes."""
    mark = "furniture" if furniture else (f"cited {len(cites)}×" if cites else "not cited")
    # "no-search": the site's own furniture stays out of Sphinx's search index
    return mark, ["passage-count", "cited" if cites else "uncited", "no-search"]


def highlights(source: Source, passage: Passage, cites: list[Cite]) -> list[tuple[str, tuple[str, ...], list[str]]]:
    """A cited paragraph in runs: text, the quotes covering it, the quotes starting there."""
    spans = sorted({(c.start, c.end, c.target) for c in cites})
    started: set[str] = set()
    runs = []
    for text, keys in segments(source.text, passage, spans):
        starts = [qid for qid in keys if qid not in started]
        started.update(starts)
        runs.append((text, keys, starts))
    return runs


def cited_by(source: Source, cites: list[Cite], titles: dict[str, nodes.title]) -> list[tuple[str, str, str]]:
    """Where a paragraph is cited, once per section and voice: (page, marker id, label).

    The label is "Page › Section", and names the voice cited when it is a speaker within the
    paragraph: "US pressure › Aid cut (citing Mike Pompeo (US Secretary of State))".
    """
    places: dict[tuple[str, str, str, bool], Cite] = {}
    for cite in sorted(cites, key=lambda c: (c.docname, c.number)):
        places.setdefault((cite.docname, cite.section_id, cite.voice, cite.mixed, cite.reported), cite)
    links = []
    for (docname, *_), cite in places.items():
        page = titles[docname].astext() if docname in titles else docname
        label = page if not cite.section_title or cite.section_title == page else f"{page} › {cite.section_title}"
        # a post's own label heads its passages already: name only a voice within the paragraph
        whose = "" if _whole_passage_voice(source, cite) else voice_note(source, cite)
        verb = "" if cite.mixed else "citing "  # a mixed quote's note reads "quoting …" already
        links.append((docname, cite.citeid, f"{label} ({verb}{whose})" if whose else label))
    return links


def _whole_passage_voice(source: Source, cite: Cite) -> bool:
    passage = source.index.passages[cite.passage - 1]  # type: ignore[union-attr]
    return any(s.voice == cite.voice and s.start <= passage.start and s.end >= passage.end for s in source.spans)


def _runs(document: nodes.document) -> list[list[src_citation]]:
    """Citations in a row (only whitespace between them) form one bracketed group."""
    runs: list[list[src_citation]] = []
    for node in document.findall(src_citation):
        if runs and _adjacent(runs[-1][-1], node):
            runs[-1].append(node)
        else:
            runs.append([node])
    return runs


def _adjacent(a: nodes.Node, b: nodes.Node) -> bool:
    if a.parent is not b.parent:
        return False
    parent = a.parent
    between = parent.children[parent.index(a) + 1 : parent.index(b)]
    return all(isinstance(n, nodes.Text) and not n.strip() for n in between)
