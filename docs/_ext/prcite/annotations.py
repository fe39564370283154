"""Write ``annotations.jsonld`` beside the HTML: every citation as a W3C Web Annotation.

One annotation per citation (https://www.w3.org/TR/annotation-model/), gathered in an
``AnnotationCollection`` with a single ``AnnotationPage``. Each annotation carries its own
``@context`` too, so that it can be posted on its own to an annotation server (the Web
Annotation Protocol wants exactly that).

- **body**: a short text saying where the site cites the words (page, section, marker number,
  and whose words they are when the citation records a voice), and links to the citing marker
  and to its section.
- **target**: the quoted words, twice over. In the source *text file* (the file as received,
  served under ``_downloads/``), by a ``TextQuoteSelector`` (``exact`` as the file has it, with
  as much ``prefix`` and ``suffix`` as makes it unique) and a ``TextPositionSelector`` in
  Unicode code points of the file, as the model requires (Python string offsets, which the
  build's quote matching already records). On the *source page*, by the fragment id of the
  highlighted words and a ``TextQuoteSelector`` with the whitespace a browser shows (the page
  joins hard-wrapped lines), its context kept inside the paragraph.

The file is written in one order (citing page, then marker) with no dates in it, so two clean
builds write the same bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .export import export_key, remember
from .resolve import voice_lead

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .catalogue import Source
    from .domain import CitationDomain, Cite

NAME = "annotations.jsonld"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: context on each side to start with; grown until the selector is unique in the text
CONTEXT_CHARS = 32


_SPACE_RUN = re.compile(r"\s+")


def _spaces(text: str) -> str:
    return _SPACE_RUN.sub(" ", text)


def quote_selector(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> dict[str, str]:
    """``exact`` with the shortest ``prefix``/``suffix`` (from CONTEXT_CHARS up) unique in ``text``."""
    hi = len(text) if hi is None else hi
    exact = text[start:end]
    n = CONTEXT_CHARS
    while True:
        prefix, suffix = text[max(lo, start - n) : start], text[end : min(hi, end + n)]
        whole = prefix + exact + suffix
        if text.count(whole) == 1 or (start - n <= lo and end + n >= hi):
            return {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}
        n *= 2


def _page_quote(source: Source, cite: Cite) -> dict[str, str]:
    """The quote as the source page shows it: whitespace runs as one space, context within the paragraph."""
    assert source.index is not None
    passage = source.index.passage_at(cite.start)
    selector = quote_selector(source.text, cite.start, cite.end, passage.start, passage.end)
    return {key: (_spaces(value) if key != "type" else value) for key, value in selector.items()}


def annotation(
    cite: Cite, source: Source, *, base: str, page_uri: str, source_uri: str, file_uri: str, page_title: str
) -> dict[str, Any]:
    citing = f"{base}{page_uri}"
    where = f"Cited in “{page_title}”"
    if cite.section_title and cite.section_title != page_title:
        where += f", section “{cite.section_title}”"
    where += f", as citation [{cite.number}]"
    if cite.voice:
        where += f"; the words of {voice_lead(source, cite.voice, cite.mixed, cite.reported)}"
    body: list[dict[str, Any]] = [
        {
            "type": "TextualBody",
            "value": where + ".",
            "format": "text/plain",
            "language": "en",
            "purpose": "describing",
        },
        {"id": f"{citing}#{cite.citeid}", "type": "Text", "format": "text/html"},
    ]
    if cite.section_id:
        body.append({"id": f"{citing}#{cite.section_id}", "type": "Text", "format": "text/html"})
    return {
        "@context": CONTEXT,
        "id": f"{base}{NAME}#{cite.docname.replace('/', '-')}-{cite.citeid}",
        "type": "Annotation",
        "motivation": "linking",
        "body": body,
        "target": [
            {
                "source": file_uri,
                "type": "Text",
                "format": "text/plain",
                "language": "en",
                "selector": [
                    quote_selector(source.text, cite.start, cite.end),
                    {"type": "TextPositionSelector", "start": cite.start, "end": cite.end},
                ],
            },
            {
                "source": f"{base}{source_uri}",
                "type": "Text",
                "format": "text/html",
                "language": "en",
                "selector": [
                    {
                        "type": "FragmentSelector",
                        "conformsTo": "http://tools.ietf.org/rfc/rfc3236",
                        "value": cite.target,
                    },
                    _page_quote(source, cite),
                ],
            },
        ],
    }


def collection(app: Sphinx) -> dict[str, Any]:
    domain: CitationDomain = app.env.domains["prcite"]
    base = (app.config.html_baseurl or "").rstrip("/") + "/"
    builder, env = app.builder, app.env
    downloads = {Path(name).name: str(dest) for name, (_, dest) in env.dlfiles.items()}
    # each page's address and title, and each source's, once (not once per citation)
    pages: dict[str, tuple[str, str]] = {}
    files: dict[str, tuple[str, str]] = {}
    items = []
    for cite in domain.all():
        source = domain.sources.get(cite.source)
        if source is None:
            continue
        if cite.source not in files:
            dest = downloads.get(source.path.name)
            file_uri = f"{base}_downloads/{dest}" if dest else f"{base}sources/{source.path.name}"
            files[cite.source] = file_uri, builder.get_target_uri(source.docname)
        if cite.docname not in pages:
            title = env.titles[cite.docname].astext() if cite.docname in env.titles else cite.docname
            pages[cite.docname] = builder.get_target_uri(cite.docname), title
        file_uri, source_uri = files[cite.source]
        page_uri, title = pages[cite.docname]
        items.append(
            annotation(
                cite,
                source,
                base=base,
                page_uri=page_uri,
                source_uri=source_uri,
                file_uri=file_uri,
                page_title=title,
            )
        )
    return {
        "@context": CONTEXT,
        "id": f"{base}{NAME}",
        "type": "AnnotationCollection",
        "label": f"{app.config.project}: every citation, anchored on the words it quotes",
        "total": len(items),
        "first": {"id": f"{base}{NAME}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def write_annotations(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the collection beside ``citations.json``."""
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    key = export_key(app, NAME)
    if key is None:
        return
    data = collection(app)
    items = data["first"].pop("items")
    # one annotation a line: smaller than an indented file, and a change shows as one line
    head = json.dumps(data, ensure_ascii=False, indent=1)[: -len("\n }\n}")]
    lines = ",\n".join(json.dumps(item, ensure_ascii=False) for item in items)
    payload = f'{head},\n  "items": [\n{lines}\n  ]\n }}\n}}\n'
    (Path(app.outdir) / NAME).write_text(payload, encoding="utf-8")
    remember(app, NAME, key)
