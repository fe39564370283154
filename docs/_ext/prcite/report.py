"""One warning type for the whole extension, with named subtypes.

Silence a subtype with ``suppress_warnings = ["prcite.<subtype>"]``:

- ``catalogue``: sources/catalog.yaml disagrees with the files in sources/
- ``quote``: a quote is missing, repeated, empty, in furniture or too short
- ``citation``: a citation names an unknown or excluded source, or is malformed
- ``event``: an entry of docs/events.yaml is malformed
- ``date``: a ``{date}`` names words the catalogue does not resolve, or shows another date
"""

from __future__ import annotations

import contextlib
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("prcite")
#: problems reported by this process (``cache`` keeps only results whose computing reported none)
count = 0


def warn(subtype: str, message: str, location: Any, env: Any = None) -> None:
    """Report a problem. ``env``, given while a page is read: read that page again next time.

    Sphinx keeps a page it has read, warnings and all, and an incremental build would not read
    it again: without this, a second ``make html`` after a failed one would pass in silence.
    """
    global count
    count += 1
    logger.warning(message, type="prcite", subtype=subtype, location=location)
    if env is not None:
        with contextlib.suppress(AttributeError, KeyError):  # not while a page is read
            env.note_reread()
