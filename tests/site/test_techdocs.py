"""The site also builds for Backstage TechDocs, with mkdocs-techdocs-core in its own environment (.venv-techdocs).

`make techdocs-install` creates that environment (a no-op when it is up to date); the build uses
mkdocs-techdocs.yml, exactly as `make techdocs` and the publishing steps in docs/reference/techdocs.md do.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import sitebrowser as sb
import yaml
from conftest import ROOT

from rbkb import urls
from rbkb.load import load_repository

TECHDOCS_PYTHON = ROOT / ".venv-techdocs" / "bin" / "python"


@pytest.fixture(scope="module")
def techdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    made = subprocess.run(["make", "-s", "techdocs-install"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert made.returncode == 0, made.stdout + made.stderr
    dest = tmp_path_factory.mktemp("techdocs-site")
    result = sb.build_site(ROOT, dest, config="mkdocs-techdocs.yml", python=str(TECHDOCS_PYTHON))
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("WARNING")] == []
    return dest


def test_techdocs_build_uses_techdocs_core_and_its_pinned_theme(techdocs_site: Path) -> None:
    assert json.loads((techdocs_site / "techdocs_metadata.json").read_text(encoding="utf-8"))["site_name"]
    # techdocs-core pins Material 9.7.7: this build really ran in the separate environment.
    assert "mkdocs-material-9.7.7" in (techdocs_site / "index.html").read_text(encoding="utf-8")


def test_techdocs_build_has_every_runbook_page(techdocs_site: Path) -> None:
    repo, _ = load_repository(ROOT)
    assert repo is not None
    for rb in repo.runbooks:
        page = techdocs_site / urls.page_url("", urls.runbook_doc(rb.id)).lstrip("/") / "index.html"
        html = page.read_text(encoding="utf-8")
        assert f'id="{urls.cause_anchor(rb.causes[0].id)}"' in html, rb.id


def test_catalog_entry_points_techdocs_at_this_repository() -> None:
    entry = yaml.safe_load((ROOT / "catalog-info.yaml").read_text(encoding="utf-8"))
    assert entry["kind"] == "Component"
    assert entry["metadata"]["annotations"]["backstage.io/techdocs-ref"] == "dir:."
    assert entry["spec"]["owner"] and entry["metadata"]["name"]
