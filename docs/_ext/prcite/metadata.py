"""Bibliographic metadata and link-preview descriptions in every HTML page's ``<head>``.

So that a reference manager captures a page in one click (Zotero's Embedded Metadata
translator, Google Scholar, search engines), each page gets:

- Highwire Press ``citation_*`` tags, with the names of Google Scholar's inclusion guidelines;
- Dublin Core (``DC.*``, ``DCTERMS.*``, with their ``schema.DC`` links);
- a schema.org JSON-LD record.

A source page describes the *source*: its author(s), title, outlet (when the catalogue names
one: an outlet that is a description, "not named in the text ...", is left out), date and the
evidence for that date. Every other page describes itself as a page of the reader: the site's
editors, the date of its last change in Git (``sphinx-last-updated-by-git``), its address, the
PDF edition, and the works it cites (``citation_reference``, JSON-LD ``citation``).

The description (``<meta name="description">`` and ``og:description``) is written for people:
a source page's from its catalogue entry ("Column by Masud Ahmed Khan, 2018 (dated from internal
evidence). A favourable survey ..."), or from an optional ``summary`` field of that entry; any
other page's from a ``description`` in its front matter, else from its first sentences with the
citation markers taken out. sphinxext-opengraph writes the ``og:`` tags: it is handed the
description through the page's metadata (its documented per-page override) and, finding a
``description`` meta tag already present, adds no second one.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .nodes import cite_marker, reference_list, src_citation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .catalogue import Source
    from .domain import CitationDomain

#: the longest description; link previews cut around 150-300 characters
LIMIT = 240
#: pages without a doctree of their own
GENERATED = {
    "genindex": "Index of the people, organisations, agreements and weapons named in the reader's pages.",
    "search": "Search the reader's theme pages and the full texts of its five sources.",
    "404": "This page does not exist (any more): the reader's overview, themes and sources are one click away.",
}
#: catalogue kind -> schema.org type
SCHEMA_TYPES = {
    "news report": "NewsArticle",
    "op-ed": "OpinionNewsArticle",
    "column": "OpinionNewsArticle",
    "analysis": "AnalysisNewsArticle",
    "forum thread": "DiscussionForumPosting",
}
MONTHS = ("January February March April May June July August September October November December").split()
_SKIP_CLASSES = {"citegroup", "no-search", "cite-as"}
_INFERRED = re.compile(r"^\s*the text (carries|gives|has) no date", re.IGNORECASE)


# -- plain values --------------------------------------------------------------------------------


def squash(text: str) -> str:
    return " ".join(str(text).split())


def authors(source: Source) -> list[str]:
    """Named authors of a source: "Arif Rafiq (reposted article) and forum members" -> ["Arif Rafiq"]."""
    plain = re.sub(r"\([^)]*\)", "", source.author)
    parts = [squash(p) for p in re.split(r",|\band\b|;", plain)]
    return [p for p in parts if p and p[0].isupper()]


def outlet(source: Source) -> str | None:
    """The outlet's name, when the catalogue gives one (a description starts in lower case)."""
    value = squash(source.meta.get("outlet", ""))
    return value if value and value[0].isupper() else None


def human_date(date: str) -> str:
    """ "2017-10-13" -> "13 October 2017"; "2018-08" -> "August 2018"; "2018" -> "2018"."""
    parts = date.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return date


def highwire_date(date: str) -> str:
    """Google Scholar's form: 2017/10/13, 2018/08 or 2018."""
    return date.replace("-", "/")


def shorten(text: str, limit: int = LIMIT) -> str:
    """At most ``limit`` characters, cut after a sentence if one ends late enough, else at a word."""
    text = squash(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    sentence = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if sentence >= limit // 2:
        return cut[: sentence + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:—–- ") + "…"


# -- descriptions --------------------------------------------------------------------------------


def source_description(source: Source) -> str:
    if source.meta.get("summary"):
        return shorten(str(source.meta["summary"]))
    kind = str(source.meta["kind"])
    head = f"{kind[0].upper()}{kind[1:]} by {squash(source.author)}"
    if source.meta.get("date"):
        head += f", {human_date(str(source.meta['date']))}"
        if _INFERRED.match(str(source.meta.get("date_evidence", ""))):
            head += " (dated from internal evidence)"
    return shorten(f"{head}. {squash(source.meta['stance'])}")


def _plain(node: nodes.Node) -> str:
    """A node's text without citation markers, reference lists or the site's furniture."""
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, (src_citation, cite_marker, reference_list, nodes.footnote_reference, nodes.target)):
        return ""
    if isinstance(node, nodes.Element) and _SKIP_CLASSES & set(node.get("classes", [])):
        return ""
    return "".join(_plain(child) for child in node.children)


def tidy(text: str) -> str:
    """Spaces as a reader expects them once markers are gone: none before punctuation."""
    text = squash(text)
    return re.sub(r"\s+([.,;:!?)”’])", r"\1", text)


def first_sentences(doctree: nodes.document, limit: int = LIMIT) -> str:
    """The page's opening prose: its first body paragraphs, up to about ``limit`` characters."""
    found: list[str] = []
    for para in doctree.findall(nodes.paragraph):
        if any(
            isinstance(up, (nodes.field_list, nodes.Admonition, nodes.table, nodes.list_item, nodes.caption))
            or (isinstance(up, nodes.Element) and _SKIP_CLASSES & set(up.get("classes", [])))
            for up in _ancestors(para)
        ):
            continue
        text = tidy(_plain(para))
        if text:
            found.append(text)
        if sum(len(t) + 1 for t in found) >= limit * 0.6:
            break
    return shorten(" ".join(found), limit)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    out = []
    while node.parent is not None:
        node = node.parent
        out.append(node)
    return out


def page_description(app: Sphinx, pagename: str, doctree: nodes.document | None, source: Source | None) -> str:
    meta = app.env.metadata.get(pagename, {})
    if meta.get("description"):
        return shorten(str(meta["description"]))
    if source is not None:
        return source_description(source)
    if doctree is None or pagename in GENERATED:
        return GENERATED.get(pagename, app.config.project)
    return first_sentences(doctree) or app.config.project


# -- the three vocabularies ----------------------------------------------------------------------


def _meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{html.escape(squash(content), quote=True)}" />'


def _iso(timestamp: int | bytes | str) -> str:
    return datetime.fromtimestamp(int(timestamp), tz=UTC).strftime("%Y-%m-%d")


def _reference(source: Source, url: str) -> str:
    """One cited work in the Highwire ``citation_reference`` form (key=value; ...)."""
    fields = [("citation_title", source.title)]
    fields += [("citation_author", name) for name in authors(source)]
    if source.meta.get("date"):
        fields.append(("citation_publication_date", highwire_date(str(source.meta["date"]))))
    if outlet(source):
        fields.append(("citation_journal_title", str(outlet(source))))
    fields.append(("citation_fulltext_html_url", url))
    return "; ".join(f"{key}={squash(value).replace(';', ',')}" for key, value in fields)


def _work(source: Source, url: str) -> dict[str, Any]:
    """A source as a schema.org creative work."""
    work: dict[str, Any] = {
        "@type": SCHEMA_TYPES.get(str(source.meta["kind"]), "CreativeWork"),
        "headline": source.title,
        "name": source.title,
        "author": [{"@type": "Person", "name": name} for name in authors(source)],
        "genre": str(source.meta["kind"]),
        "url": url,
    }
    if source.meta.get("date"):
        work["datePublished"] = str(source.meta["date"])
    if outlet(source):
        work["publisher"] = {"@type": "Organization", "name": outlet(source)}
    return work


def _links(pagename: str, app: Sphinx) -> tuple[str, str]:
    base = (app.config.html_baseurl or "").rstrip("/")
    return base + "/", f"{base}/{app.builder.get_target_uri(pagename)}"


def source_tags(app: Sphinx, pagename: str, source: Source, description: str) -> list[str]:
    site, url = _links(pagename, app)
    date = str(source.meta.get("date") or "")
    evidence = squash(source.meta.get("date_evidence", ""))
    tags = [_meta("citation_title", source.title)]
    tags += [_meta("citation_author", name) for name in authors(source)]
    if date:
        tags.append(_meta("citation_publication_date", highwire_date(date)))
    if outlet(source):
        tags.append(_meta("citation_journal_title", str(outlet(source))))
    tags += [_meta("citation_language", "en"), _meta("citation_fulltext_html_url", url)]
    tags += _dc_links()
    tags += [_meta("DC.title", source.title)]
    tags += [_meta("DC.creator", name) for name in authors(source)]
    if date:
        tags.append(_meta("DC.date", date))
    if outlet(source):
        tags.append(_meta("DC.publisher", str(outlet(source))))
    tags += [
        _meta("DC.type", "Text"),
        _meta("DC.language", "en"),
        _meta("DC.description", description),
        _meta("DC.identifier", url),
    ]
    if evidence:
        tags.append(_meta("DCTERMS.provenance", f"How it is dated: {evidence}"))
    work = _work(source, url)
    work["description"] = description
    work["inLanguage"] = "en"
    if evidence:
        work["publication"] = {"@type": "PublicationEvent", "description": evidence}
        if date:
            work["publication"]["startDate"] = date
    work["archivedAt"] = url
    work["encoding"] = {
        "@type": "MediaObject",
        "name": source.path.name,
        "encodingFormat": "text/plain; charset=utf-8",
        "sha256": str(source.meta["sha256"]),
    }
    if outlet(source):
        work["isPartOf"] = {"@type": "Periodical", "name": outlet(source)}
    work["subjectOf"] = {"@type": "WebPage", "url": url, "isPartOf": {"@type": "WebSite", "url": site}}
    return [*tags, _jsonld(work)]


def reader_tags(app: Sphinx, pagename: str, title: str, description: str, cited: list[Source]) -> list[str]:
    site, url = _links(pagename, app)
    config = app.config
    stamp = (getattr(app.env, "git_last_updated", {}) or {}).get(pagename)
    date = _iso(stamp[0]) if stamp and stamp[0] is not None else ""
    pdf = config.prcite_pdf_url
    tags = [_meta("citation_title", title), _meta("citation_author", config.author)]
    if date:
        tags += [
            _meta("citation_publication_date", highwire_date(date)),
            _meta("citation_online_date", highwire_date(date)),
        ]
    # a page of the reader is a section of a book: Zotero files it as such, under the site's title
    tags += [_meta("citation_book_title", config.project), _meta("citation_publisher", config.author)]
    tags += [_meta("citation_language", config.language or "en"), _meta("citation_fulltext_html_url", url)]
    if pdf:
        tags.append(_meta("citation_pdf_url", pdf))
    by_id = app.env.domains["prcite"].sources
    refs = [(s, _links(s.docname, app)[1]) for s in cited if s.id in by_id]
    tags += [_meta("citation_reference", _reference(s, u)) for s, u in refs]
    tags += _dc_links()
    tags += [_meta("DC.title", title), _meta("DC.creator", config.author)]
    if date:
        tags.append(_meta("DC.date", date))
    tags += [
        _meta("DC.publisher", config.author),
        _meta("DC.type", "Text"),
        _meta("DC.language", config.language or "en"),
        _meta("DC.description", description),
        _meta("DC.identifier", url),
        _meta("DCTERMS.isPartOf", config.project),
    ]
    tags += [_meta("DCTERMS.references", u) for _, u in refs]
    editors = {"@type": "Organization", "name": config.author}
    record: dict[str, Any] = {
        "@type": "Article",
        "headline": title,
        "name": title,
        "author": editors,
        "publisher": editors,
        "url": url,
        "inLanguage": config.language or "en",
        "description": description,
        "isPartOf": {"@type": "WebSite", "name": config.project, "url": site},
    }
    if date:
        record["datePublished"] = record["dateModified"] = date
    if pdf:
        record["encoding"] = {"@type": "MediaObject", "contentUrl": pdf, "encodingFormat": "application/pdf"}
    if refs:
        record["citation"] = [_work(s, u) for s, u in refs]
    return [*tags, _jsonld(record)]


def _dc_links() -> list[str]:
    return [
        '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/" />',
        '<link rel="schema.DCTERMS" href="http://purl.org/dc/terms/" />',
    ]


def _jsonld(record: dict[str, Any]) -> str:
    payload = json.dumps({"@context": "https://schema.org", **record}, ensure_ascii=False, indent=None)
    payload = payload.replace("</", "<\\/")
    return f'<script type="application/ld+json">{payload}</script>'


# -- the handler ---------------------------------------------------------------------------------


def page_metadata(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``, before sphinxext-opengraph: description and bibliographic tags."""
    if app.builder.name != "html" and app.builder.name != "dirhtml":
        return
    domain: CitationDomain = app.env.domains["prcite"]
    source = domain.by_docname().get(pagename)
    description = page_description(app, pagename, doctree, source)
    # a copy: the dict is the environment's own, pickled with it
    context["meta"] = {**(context.get("meta") or {}), "og:description": description}
    tags = [_meta("description", description)]
    if source is not None:
        tags += source_tags(app, pagename, source, description)
    elif doctree is not None and pagename != "404":
        title = app.env.titles[pagename].astext() if pagename in app.env.titles else app.config.project
        ids = sorted({cite.source for cite in domain.citations.get(pagename, [])})
        cited = [domain.sources[sid] for sid in ids if sid in domain.sources]
        tags += reader_tags(app, pagename, title, description, cited)
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def register(app: Sphinx) -> None:
    app.add_config_value("prcite_pdf_url", "", "html", types=[str])
    app.connect("html-page-context", page_metadata, priority=400)
