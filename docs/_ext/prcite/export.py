"""Write ``citations.json`` beside the HTML: every citation, for readers, tools and tests.

``export_key`` lets this file and the annotations skip a rebuild whose citations did not change.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache
from .resolve import citation_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .domain import CitationDomain


#: bump when the exported files change form, so that the next build writes them again
EXPORT_VERSION = "2"


def export_key(app: Sphinx, name: str) -> str | None:
    """None when ``name`` in the output already holds what this build would write (the same
    citations, catalogue, extension code and settings as the build that wrote it); else the key
    to ``remember`` once the file is written."""
    domain: CitationDomain = app.env.domains["prcite"]
    catalogue = Path(app.srcdir) / app.config.prcite_sources / "catalog.yaml"
    titles = {doc: app.env.titles[doc].astext() for doc in sorted(domain.citations) if doc in app.env.titles}
    settings = (app.config.html_baseurl, app.config.project, app.builder.name)
    # JSON, not pickle: pickle's bytes depend on which equal strings are one object, which a
    # parallel build changes
    state = json.dumps([EXPORT_VERSION, sorted(domain.citations.items()), titles, settings], ensure_ascii=False)
    key = cache.key([catalogue], hashlib.sha256(state.encode()).hexdigest())
    record = Path(app.doctreedir) / f"prcite-{name}.sha256"
    if (Path(app.outdir) / name).is_file() and record.is_file() and record.read_text() == key:
        return None
    return key


def remember(app: Sphinx, name: str, key: str) -> None:
    (Path(app.doctreedir) / f"prcite-{name}.sha256").write_text(key)


def write_citations_json(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml"):  # not in the EPUB
        return
    key = export_key(app, "citations.json")
    if key is None:
        return
    domain: CitationDomain = app.env.domains["prcite"]
    records = []
    for cite in domain.all():
        source = domain.sources.get(cite.source)
        records.append(
            {
                "page": cite.docname,
                "url": app.builder.get_target_uri(cite.docname) + "#" + cite.citeid,
                "line": cite.lineno,
                "number": cite.number,
                "section": cite.section_title,
                "section_id": cite.section_id,
                "source": cite.source,
                "source_file": f"sources/{source.path.name}" if source else None,
                "quote": cite.quote,
                # whose words: "" for the author's narration, else the voice's id in the catalogue
                "voice": cite.voice,
                "voice_name": source.voices[cite.voice].name
                if source and cite.voice
                else source.author
                if source
                else None,
                "voice_mixed": cite.mixed,
                # the author's narration, attributed to the voice (reported speech, not a quotation)
                "voice_reported": cite.reported,
                "label": citation_label(source, cite.voice, cite.mixed, cite.reported) if source else None,
                "start": cite.start,
                "end": cite.end,
                "paragraph": cite.passage,
                "target": (app.builder.get_target_uri(source.docname) + "#" + cite.target) if source else None,
            }
        )
    out = Path(app.outdir) / "citations.json"
    # one citation a line, as in the annotations: a change shows as one line, and each line is
    # encoded by json's C encoder (an indented file goes through its pure-Python one, 4x slower)
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    out.write_text(f'{{"citations": [\n{lines}\n]}}\n', encoding="utf-8")
    remember(app, "citations.json", key)
