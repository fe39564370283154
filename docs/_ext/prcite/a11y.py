"""Make Sphinx's toctree captions valid headings for assistive technology.

Sphinx writes a toctree caption as ``<p class="caption" role="heading">`` with no
``aria-level``, which WCAG checkers (axe's ``aria-required-attr``) reject. This
adds the level to the page body and to the sidebar navigation the theme renders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_CAPTION = '<p class="caption" role="heading">'
_FIXED = '<p class="caption" role="heading" aria-level="2">'


def _fix(html: str) -> str:
    return html.replace(_CAPTION, _FIXED)


def caption_levels(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if "body" in context:
        context["body"] = _fix(context["body"])
    toctree = context.get("toctree")
    if callable(toctree):
        context["toctree"] = lambda *args, **kwargs: _fix(toctree(*args, **kwargs))
