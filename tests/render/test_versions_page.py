"""The Versions page: what was checked, and every version-dependent statement linked to its section."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, edit

from rbkb.model import Repository
from rbkb.render.versions import versions_page
from rbkb.versions import VERSIONS_FILE, load_verified, statements


def test_every_product_checked_and_every_statement_is_listed(repo: Repository) -> None:
    verified, problems = load_verified(ROOT)
    assert problems == [] and verified is not None
    page = versions_page(verified, repo)
    assert "| Argo CD | Argo CD ≥ 2.14, < 3.7 |" in page and "| ingress-nginx | one commit |" in page
    found = list(statements(repo))
    assert found and all(f"runbooks/{s.runbook}.md#{s.anchor})" in page for s in found)
    assert page.count("\n| Argo CD ≥ ") + page.count("\n| Argo CD < ") + page.count("\n| Argo Rollouts") \
        + page.count("\n| Kubernetes ") >= len(found)


def test_an_empty_verified_range_is_rb015(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / VERSIONS_FILE).write_text((ROOT / VERSIONS_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    edit(tmp_path / VERSIONS_FILE, '">=2.14,<3.7"', '">=3.7,<2.14"')
    verified, problems = load_verified(tmp_path)
    assert verified is None
    assert [(p.rule, p.path) for p in problems] == [("RB015", "verified.0.versions")]
