"""The W3C Web Annotation export, re-anchored against the source texts by an outside library.

anchorpoint (PyPI) implements the Web Annotation model's TextQuoteSelector and
TextPositionSelector; each annotation must select, in the file as received, exactly the words the
citation quotes, and its quote selector must be unique in that file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from anchorpoint.textselectors import TextPositionSelector, TextQuoteSelector
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://pakistan-russia-reader.readthedocs.io/en/latest/"


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def export(site: Path) -> dict:
    return json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def citations(site: Path) -> list[dict]:
    return json.loads((site / "citations.json").read_text(encoding="utf-8"))["citations"]


def local(site: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    return site / unquote(urlsplit(url).path.removeprefix(urlsplit(BASE).path))


def test_one_annotation_per_citation(export: dict, citations: list[dict]):
    assert export["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert export["type"] == "AnnotationCollection"
    items = export["first"]["items"]
    assert export["total"] == len(items) == len(citations) > 1000
    assert len({item["id"] for item in items}) == len(items)
    for item, cite in zip(items, citations, strict=True):
        assert item["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert item["type"] == "Annotation"
        # the body links the citing marker and its section, and says where it is
        links = [b["id"] for b in item["body"] if "id" in b]
        assert links[0] == BASE + cite["url"]
        assert links[1] == BASE + cite["url"].split("#")[0] + "#" + cite["section_id"]
        (text,) = [b["value"] for b in item["body"] if b["type"] == "TextualBody"]
        assert f"[{cite['number']}]" in text


def test_every_annotation_reanchors_on_the_quoted_words(site: Path, export: dict, citations: list[dict]):
    texts: dict[str, str] = {}
    for item, cite in zip(export["first"]["items"], citations, strict=True):
        file_target = item["target"][0]
        path = local(site, file_target["source"])
        # the served file is the source as received
        assert path.read_bytes() == (ROOT / cite["source_file"]).read_bytes()
        text = texts.setdefault(str(path), path.read_text(encoding="utf-8"))
        quote_sel, position_sel = file_target["selector"]
        quote = TextQuoteSelector(exact=quote_sel["exact"], prefix=quote_sel["prefix"], suffix=quote_sel["suffix"])
        position = TextPositionSelector(start=position_sel["start"], end=position_sel["end"])
        assert quote.is_unique_in(text), item["id"]
        found = quote.as_unique_position(text)
        assert (found.start, found.end) == (position.start, position.end) == (cite["start"], cite["end"])
        # exactly the quoted words (the build matched them whitespace-insensitively)
        assert squash(position.select_text(text)) == squash(cite["quote"])
        assert quote.select_text(text) == quote_sel["exact"]


def test_the_page_target_finds_the_highlighted_words(site: Path, export: dict):
    ids: dict[Path, dict] = {}
    for item in export["first"]["items"]:
        page_target = item["target"][1]
        path = local(site, page_target["source"])
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
            ids[path] = {el["id"]: el for el in soup.find_all(id=True)}
        fragment, quote = page_target["selector"]
        assert fragment["type"] == "FragmentSelector"
        mark = ids[path].get(fragment["value"])
        assert mark is not None, fragment
        shown = re.sub(r"\s+", " ", mark.find_parent("p").get_text())
        assert quote["prefix"] + quote["exact"] + quote["suffix"] in shown, item["id"]


def test_the_body_names_the_voice_when_the_citation_has_one():
    import sys

    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    from prcite.annotations import annotation
    from prcite.catalogue import load
    from prcite.domain import Cite

    sources, _ = load(ROOT / "sources")
    source = sources["klasra-2017"]
    start = source.text.index("Pakistan")
    plain = Cite("docs/x", 1, 3, "cite-3", "klasra-2017", "q", start, start + 8, 1, "sec", "Section")
    args = {"base": BASE, "page_uri": "docs/x.html", "source_uri": "s.html", "file_uri": "f.txt", "page_title": "X"}
    voiced = plain._replace(voice="mushahid-ullah-khan")
    assert "words of" not in annotation(plain, source, **args)["body"][0]["value"]
    text = annotation(voiced, source, **args)["body"][0]["value"]
    assert text.endswith(
        "; the words of Mushahid Ullah Khan (Pakistani Minister for Climate Change), quoted in Kaswar Klasra."
    )
