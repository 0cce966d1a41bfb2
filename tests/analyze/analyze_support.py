"""Paths and helpers shared by the analyzer tests and scripts/bench_analyze.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rbkb.analyze.signatures import Table
from rbkb.analyze.table import build_table
from rbkb.load import load_repository
from rbkb.model import Repository

ROOT = Path(__file__).resolve().parents[2]
OUTPUTS = ROOT / "tests" / "fixtures" / "outputs"
SITE_URL = "https://runbooks.example.internal/"
_HEADER = re.compile(r"\A(?:#\s*[a-z-]+:.*\n)+")


def read_output(path: Path) -> str:
    """A captured output without its `# source:` / `# note:` header."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# source: https://"), f"{path} must start with `# source: https://...`"
    return _HEADER.sub("", text, count=1)


@pytest.fixture(scope="session")
def repo() -> Repository:
    """The real repository, loaded once (import this fixture into a test module to use it)."""
    loaded, problems = load_repository(ROOT)
    assert loaded is not None, problems
    return loaded


@pytest.fixture(scope="session")
def table(repo: Repository) -> Table:
    """The signature table of the real repository, built in-process (import this fixture to use it)."""
    return build_table(repo, SITE_URL)
