"""Shared by the training tests: the frozen mini repository plus frozen training data (tests/fixtures/training)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from rbkb.load import load_repository
from rbkb.model import Repository

DRILL = "data/training/drills/rollouts.yaml"
SCENARIO = "training/labs/paused-rollout/scenario.yaml"
MANIFEST = "training/labs/paused-rollout/manifests/10-rollout.yaml"


@pytest.fixture
def training_repo(mini_repo: Path) -> Path:
    shutil.copytree(FIXTURES / "training", mini_repo, dirs_exist_ok=True)
    return mini_repo


def loaded(root: Path) -> Repository:
    repo, problems = load_repository(root)
    assert repo is not None, problems
    return repo


def line_of(path: Path, text: str) -> int:
    """1-based line of the first line containing `text`."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)
