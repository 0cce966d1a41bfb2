"""Shared helpers for the grammar tests (not a conftest: tests/conftest.py owns that module name)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import yaml

from rbkb.yamlpos import FAST_LOADER

HERE = Path(__file__).resolve().parent
REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()  # a sibling of the repository checkout
CORPUS = HERE / "corpus"

sys.path.insert(0, str(HERE))  # kubectl_oracle


def load_corpus(name: str) -> list[dict]:
    return yaml.load((CORPUS / name).read_text(encoding="utf-8"), Loader=FAST_LOADER)  # a safe loader


def argv_of(entry: dict) -> list[str]:
    return shlex.split(entry["command"])


def requires(available: bool, what: str):  # type: ignore[no-untyped-def]
    """Skip when `what` is missing on a developer machine; in CI (CI=true) a missing tool is a failure."""
    import os

    import pytest

    if available or not os.environ.get("CI"):
        return pytest.mark.skipif(not available, reason=f"{what} is not available")
    return pytest.mark.usefixtures()  # no skip: the test runs and fails loudly without it

