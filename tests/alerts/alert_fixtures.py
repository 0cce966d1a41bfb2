"""Fixtures the alert test modules import: the real repository and its alert set, loaded once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rbkb import urls
from rbkb.alerts.load import AlertSet, load_alerts
from rbkb.model import Repository

ROOT = Path(__file__).resolve().parents[2]
PROMTOOL = shutil.which("promtool") or "promtool"  # installed by `make test` (requirements/system-packages.txt)


@pytest.fixture(scope="session")
def alert_set(repo: Repository) -> AlertSet:
    return load_alerts(ROOT, repo)


@pytest.fixture(scope="session")
def site_url() -> str:
    return urls.site_url(ROOT)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of what the alert checks read (runbooks/, data/, mkdocs.yml), to break on purpose."""
    dest = tmp_path / "repo"
    dest.mkdir()
    for name in ("runbooks", "data"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture
def data_copy_with_deploy(data_copy: Path) -> Path:
    shutil.copytree(ROOT / "deploy", data_copy / "deploy")
    return data_copy
