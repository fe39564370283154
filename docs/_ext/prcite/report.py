"""One warning type for the whole extension, with named subtypes.

Silence a subtype with ``suppress_warnings = ["prcite.<subtype>"]``:

- ``catalogue``: sources/catalog.yaml disagrees with the files in sources/
- ``quote``: a quote is missing, repeated, empty, in furniture or too short
- ``citation``: a citation names an unknown or excluded source, or is malformed
- ``event``: an entry of docs/events.yaml is malformed
- ``date``: a ``{date}`` names words the catalogue does not resolve, or shows another date
"""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

logger = logging.getLogger("prcite")


def warn(subtype: str, message: str, location: Any) -> None:
    logger.warning(message, type="prcite", subtype=subtype, location=location)
