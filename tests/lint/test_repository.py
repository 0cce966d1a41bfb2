"""`runbook lint` over a whole repository: runbooks, docs snippets and scripts, with suppressions."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, edit

from rbkb.cli import main
from rbkb.lint import doc_snippets, lint_repository

RB = "runbooks/rollout-not-starting.yaml"


def test_real_repository_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "lint", "--strict"]) == 0, capsys.readouterr().out


def test_errors_print_file_line_rule_and_exit_1(mini_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini_repo / RB, "command: argocd app get <app>\n",
         "command: kubectl get pods -n <namespace> -l rollout=<rollout>\n")
    assert main(["--root", str(mini_repo), "lint"]) == 0  # a style warning alone does not fail
    assert main(["--root", str(mini_repo), "lint", "--strict"]) == 1
    out = capsys.readouterr().out
    assert f"{RB}:125: RB405 causes.1.confirm.command: no `rollout=` label exists" in out
    edit(mini_repo / RB, "command: argocd app diff <app>", "command: argocd app sync <app> --prune")
    assert main(["--root", str(mini_repo), "lint"]) == 1
    assert "RB302 causes.1.fix.0.command: destructive step needs a warning" in capsys.readouterr().out


def test_suppression_needs_a_reason_and_silences_one_rule(mini_repo: Path) -> None:
    edit(mini_repo / RB, "    confirm:\n      command: argocd app get <app>\n",
         "    confirm:\n      command: kubectl get pods -n <namespace> -l rollout=<rollout>\n"
         "      lint: {ignore: [RB405], reason: Our charts add this label to every pod template.}\n")
    assert [p.rule for p in lint_repository(mini_repo) if p.severity == "error"] == []
    edit(mini_repo / RB, "reason: Our charts add this label to every pod template.", "reason: ok")
    assert [p.rule for p in lint_repository(mini_repo)] == ["RB003"]


def test_unused_suppression_is_a_warning(mini_repo: Path) -> None:
    edit(mini_repo / RB, "    confirm:\n      command: argocd app get <app>\n",
         "    confirm:\n      command: argocd app get <app>\n"
         "      lint: {ignore: [RB405], reason: Left over from an earlier version.}\n")
    found = lint_repository(mini_repo)
    assert [(p.rule, p.severity) for p in found] == [("RB104", "warning")]


def test_doc_snippets_and_scripts_are_linted(mini_repo: Path) -> None:
    (mini_repo / "docs").mkdir()
    (mini_repo / "docs/page.md").write_text(
        "# Page\n\n!!! note\n\n    ```bash\n    kubectl get po -l rollout=x\n    ```\n"
    )
    (mini_repo / "scripts").mkdir()
    (mini_repo / "scripts/check.sh").write_text("#!/usr/bin/env bash\nset -euo pipefail\n"
                                                "# shellcheck disable=SC2086\nkubectl get pods -n $1\n")
    (mini_repo / "scripts/__pycache__").mkdir()  # what running a Python script there leaves behind
    found = {(p.file, p.line, p.rule) for p in lint_repository(mini_repo)}
    assert ("docs/page.md", 6, "RB405") in found
    assert ("scripts/check.sh", 3, "RB103") in found


def test_doc_snippets_found_inside_indented_blocks() -> None:
    text = "a\n\n```bash\nkubectl get pods\n```\n\n=== \"Tab\"\n\n    ```sh\n    kubectl get svc\n    ```\n"
    assert list(doc_snippets(text)) == [(4, "kubectl get pods"), (10, "kubectl get svc")]


def test_cards_and_triage_tree_are_checked_against_the_runbooks(mini_repo: Path) -> None:
    (mini_repo / "data/triage.yaml").write_text(
        "question: What is failing?\nbranches:\n  - id: rollouts\n    title: Argo Rollouts\n"
        "    hint: A rollout does not start\n    runbooks:\n      - rollout-not-starting\n      - rollout-gone\n")
    (mini_repo / "data/cards.yaml").write_text(
        "cards:\n  - id: rollouts\n    title: Argo Rollouts\n    intro: Read first.\n    sections:\n"
        "      - title: State\n        items:\n          - {runbook: rollout-not-starting, check: rollout-tree}\n"
        "          - {runbook: rollout-not-starting, check: no-such-check}\n")
    found = [(p.file, p.line, p.rule, p.path) for p in lint_repository(mini_repo) if p.severity == "error"]
    assert found == [("data/cards.yaml", 9, "RB003", "cards.0.sections.0.items.1"),
                     ("data/triage.yaml", 8, "RB007", "branches.0.runbooks.1")]
