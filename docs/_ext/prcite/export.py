"""Write ``citations.json`` beside the HTML: every citation, for readers, tools and tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .resolve import citation_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .domain import CitationDomain


def write_citations_json(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml"):  # not in the EPUB
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
                "label": citation_label(source, cite.voice, cite.mixed) if source else None,
                "start": cite.start,
                "end": cite.end,
                "paragraph": cite.passage,
                "target": (app.builder.get_target_uri(source.docname) + "#" + cite.target) if source else None,
            }
        )
    out = Path(app.outdir) / "citations.json"
    out.write_text(json.dumps({"citations": records}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
