"""Shared fixtures: the real repository, a frozen mini repository, and scratch copies to break on purpose."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from rbkb.load import load_repository
from rbkb.model import Repository

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def repo() -> Repository:
    """The real repository, loaded once (tests that need the frozen one use mini_repo)."""
    loaded, problems = load_repository(ROOT)
    assert loaded is not None, problems
    return loaded


@pytest.fixture
def mini_repo(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/minirepo (frozen data: golden output does not move with real content edits)."""
    dest = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minirepo", dest)
    return dest


SITE_SOURCES = ("mkdocs.yml", "docs", "runbooks", "data", "macros", "schema", "training", "overrides")


def copy_site(dest: Path) -> Path:
    """A scratch copy of everything the real site build reads."""
    dest.mkdir(parents=True)
    for name in SITE_SOURCES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    return dest


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    return copy_site(tmp_path / "site-src")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def golden(update_golden: bool) -> Callable[[str, str], None]:
    """Compare output with tests/golden/<name>; --update-golden rewrites the file."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update_golden or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            if not update_golden:
                pytest.fail(f"golden file {name} was missing and has been written; review and commit it")
        assert actual == path.read_text(encoding="utf-8"), f"output differs from tests/golden/{name}"

    return check
