"""Renderers are pure functions of the model: golden files pin their output."""

from __future__ import annotations

from pathlib import Path

from rbkb.load import load_repository
from rbkb.render.blocks import command_block
from rbkb.render.indexes import component_page, runbook_index_page, symptom_table
from rbkb.render.page import runbook_page


def _repo(root: Path):  # type: ignore[no-untyped-def]
    repo, problems = load_repository(root)
    assert repo is not None, problems
    return repo


def test_runbook_page_golden(mini_repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    repo = _repo(mini_repo)
    golden("render/rollout-not-starting.md", runbook_page(repo.runbook("rollout-not-starting"), repo))


def test_index_pages_golden(mini_repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    repo = _repo(mini_repo)
    golden("render/runbooks-index.md", runbook_index_page(repo))
    golden("render/component-rollouts.md", component_page("rollouts", repo))
    golden("render/symptom-table.md", symptom_table(repo, from_doc="index.md"))


def test_command_block_escapes_html_and_keeps_templates_literal() -> None:
    block = command_block(
        """docker ps --format '{{.Names}}' && echo "${#arr[@]}" && kubectl get x -o jsonpath='{.spec}' <b>"""
    )
    assert "{{.Names}}" in block and "${#arr[@]}" in block and "{.spec}" in block
    assert "<b>" not in block.replace('<span class="rb-ph">&lt;b&gt;</span>', "")


def test_command_block_marks_each_placeholder_but_not_heredocs() -> None:
    block = command_block("cat <<EOF\n<namespace>\nEOF")
    assert block.count('class="rb-ph"') == 1
    assert "&lt;&lt;EOF" in block


def test_destructive_fix_step_gets_a_danger_admonition(mini_repo: Path) -> None:
    rb = mini_repo / "runbooks/rollout-not-starting.yaml"
    text = rb.read_text().replace(
        "      - title: Sync the application once\n        command: argocd app sync <app>\n",
        "      - title: Sync the application once\n        command: argocd app sync <app> --force\n"
        "        warning: Deletes and re-creates any resource whose patch fails. Check the diff first.\n")
    rb.write_text(text)
    repo = _repo(mini_repo)
    page = runbook_page(repo.runbook("rollout-not-starting"), repo)
    assert '!!! danger "Destructive: read before running"' in page
    assert "--force deletes and re-creates resources whose patch fails" in page
    assert '<span class="rb-badge rb-badge--destructive">destructive</span>' in page
