"""Work kept between builds, beside the doctrees, and reused only while its inputs are unchanged.

The catalogue, the events and their checks are read and verified at the start of every build;
an incremental build whose sources, catalogue and events are unchanged takes them from here.
A result is kept only when computing it reported no problem, so a build that warned warns
again next time (the problem is found afresh), and the key holds every input: the files'
contents (not their dates, so a touched file still hits), the configuration values used, and
the extension's own code.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import report

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx

T = TypeVar("T")
CODE = Path(__file__).parent
_digests: dict[tuple[str, int, int], str] = {}


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes ("" for a missing file), computed once per file state."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ""
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _digests:
        _digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _digests[key]


def key(paths: Iterable[Path], *values: Any) -> str:
    """A key for a result computed from ``paths`` and ``values`` by this extension's code."""
    parts = [repr(values)]
    parts += [f"{path}={digest(path)}" for path in sorted({*paths, *CODE.glob("*.py")})]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def remembered(app: Sphinx, name: str, inputs: str, compute: Callable[[], T]) -> T:
    """``compute()``'s result, from the last build when ``inputs`` (a ``key``) is the same."""
    path = Path(app.doctreedir) / "prcite-cache" / f"{name}.pickle"
    try:
        data = path.read_bytes()
        # the load makes only objects that live until the build ends: the collector, which would
        # walk them again and again as they are made, is paused meanwhile (at 500 sources, up to
        # half the time of the catalogue's load)
        collecting = gc.isenabled()
        gc.disable()
        try:
            stored, value = pickle.loads(data)
        finally:
            if collecting:
                gc.enable()
        if stored == inputs:
            return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass  # no result yet, or one written by other code: compute it
    before = report.count
    value = compute()
    if report.count == before:  # nothing reported: safe to reuse
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps((inputs, value), protocol=pickle.HIGHEST_PROTOCOL))
    else:
        path.unlink(missing_ok=True)
    return value
