"""Shared fixtures: sphinx.testing for the small test root, one build of the real site."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parents[1]
TEST_ROOTS = Path(__file__).parent / "roots"
sys.path.insert(0, str(ROOT / "docs" / "_ext"))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return TEST_ROOTS


@pytest.fixture
def basic_copy(tmp_path: Path) -> Path:
    """A private copy of the basic test root, for tests that break it."""
    dest = tmp_path / "basic"
    shutil.copytree(TEST_ROOTS / "test-basic", dest)
    return dest


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with warnings as errors, as `make html` builds it."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(ROOT), str(out / "html")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return out / "html"
