"""Paths and helpers shared by the analyzer tests and scripts/bench_analyze.py."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from rbkb.analyze.causes import CauseFinding, Evidence
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


# ----------------------------------------------------------------------------------------------------------------------
# The paste box's matcher (docs/assets/javascripts/paste.js) run in Node, and the Python answer in the same shape
# ----------------------------------------------------------------------------------------------------------------------

PASTE_AGREE = Path(__file__).with_name("paste_agree.mjs")


def paste_js(table: dict[str, Any], texts: Sequence[str], passes: int = 0,
             calls: Sequence[Sequence[Any]] = ()) -> dict[str, Any]:
    """The browser table's answers to `texts` from the page's own script (see paste_agree.mjs for the shape)."""
    request = {"table": table, "texts": list(texts), "passes": passes, "calls": [list(c) for c in calls]}
    done = subprocess.run(["node", str(PASTE_AGREE)], input=json.dumps(request), capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def answer(findings: Sequence[CauseFinding]) -> list[dict[str, Any]]:
    """Findings as paste_agree.mjs reports them: id, confidence and every evidence line with where and who."""
    return [{"id": f.id, "confidence": f.confidence,
             "evidence": [{"line": str(e), "lineNo": e.line_no, "tool": e.tool, "versions": e.versions}
                          for e in f.evidence if isinstance(e, Evidence)]} for f in findings]
