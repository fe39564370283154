"""YAML lists whose entries remember their line, so every problem can name it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: much faster
    """A safe YAML loader that records the line of every mapping as ``__line__``, and of each of
    its fields as ``__fields__`` (field name -> line), so a problem can name the field at fault."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__fields__"] = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_list(path: Path, what: str) -> tuple[list[Any] | None, tuple[int | None, str] | None]:
    """The list in ``path``, or None and (line, message) saying what is wrong with the file.

    ``what`` names the file in messages ("the catalogue", "the events file").
    """
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, (mark.line + 1 if mark else None, f"{what} is not valid YAML: {exc}")
    if not isinstance(data, list):
        return None, (1, f"{what} must be a YAML list of entries")
    return data, None


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def new_id(value: Any, seen: dict[str, int], line: int, what: str) -> tuple[str | None, str | None]:
    """Check an entry's id and record it in ``seen`` (id -> line); or None and what is wrong."""
    ident = str(value or "")
    if not _ID.match(ident):
        return None, f"{what} id {ident!r} must be lower-case letters, digits and hyphens"
    if ident in seen:
        return None, f"duplicate {what} id {ident!r} (first at line {seen[ident]}); ids must be unique"
    seen[ident] = line
    return ident, None
