"""YAML lists whose entries remember their line, so every problem can name it."""

from __future__ import annotations

import calendar
import datetime
import difflib
import pickle
import re
from pathlib import Path
from typing import Any

import yaml


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: much faster
    """A safe YAML loader that records the line of every mapping as ``__line__`` and of each
    of its fields as ``__lines__``: ``{key: line}``, and ``{(key, i): line}`` for the items of a
    list value, so a problem names the line of the field (or list item) at fault."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    lines: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = getattr(key_node, "value", None)
        lines[key] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                lines[(key, i)] = item.start_mark.line + 1
    mapping["__lines__"] = lines
    return mapping


def field_lines(entry: dict[str, Any]) -> tuple[int, Any]:
    """Remove ``__line__`` and ``__lines__`` from ``entry``; return the entry's line and a
    function ``at(key, index=None)`` giving the line of a field or list item (else the entry's)."""
    line = entry.pop("__line__")
    lines = entry.pop("__lines__", {})

    def at(key: str, index: int | None = None) -> int:
        if index is not None and (key, index) in lines:
            return lines[(key, index)]
        return lines.get(key, line)

    return line, at


def suggest(word: Any, choices: Any) -> str:
    """ "; did you mean 'x'?" for the closest of ``choices`` to ``word``, or "" when none is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


DATE_FORMAT = '"YYYY", "YYYY-MM" or "YYYY-MM-DD" (a year, a month or a day), in quotes'
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value: Any) -> str | None:
    """None if ``value`` is a quoted date at year, month or day precision, else what is wrong."""
    if isinstance(value, (datetime.date, int)):  # YAML read an unquoted 2019 or 2019-05-01 as a number or date
        return f'date {value} is not quoted: write it as "{value}" (YAML reads it as a number or a date otherwise)'
    m = _DATE.match(value) if isinstance(value, str) else None
    if m is None:
        return f"date {value!r} is not in the expected format: write {DATE_FORMAT}"
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        return f"date {value!r} has no month {month:02d}: months run from 01 to 12"
    if day is not None:
        days = calendar.monthrange(year, month)[1]  # type: ignore[arg-type]
        if not 1 <= day <= days:
            return f"date {value!r} has no day {day:02d}: {calendar.month_name[month]} {year} has {days} days"  # type: ignore[index]
    return None


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


#: per file, its last text and what it parsed to: a file read twice in one build is parsed once
_parsed: dict[Path, tuple[str, bytes]] = {}


def read_list(path: Path, what: str) -> tuple[list[Any] | None, tuple[int | None, str] | None]:
    """The list in ``path``, or None and (line, message) saying what is wrong with the file.

    ``what`` names the file in messages ("the catalogue", "the events file").
    """
    text = path.read_text(encoding="utf-8")
    if _parsed.get(path, ("", b""))[0] == text:  # read again (the counts, then the catalogue): a fresh copy
        data = pickle.loads(_parsed[path][1])
    else:
        try:
            data = yaml.load(text, Loader=_LineLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            return None, (mark.line + 1 if mark else None, f"{what} is not valid YAML: {exc}")
        _parsed[path] = (text, pickle.dumps(data))
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
