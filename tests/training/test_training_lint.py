"""`runbook lint` reports training problems, including the shell the Practice lab page shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit
from training_support import SCENARIO, loaded, training_repo  # noqa: F401

from rbkb.lint import lint_repository
from rbkb.training.lint import training_problems
from rbkb.training.load import load_training
from rbkb.training.model import lab_commands


def test_lint_reports_a_broken_lab_with_file_and_line(training_repo: Path) -> None:
    edit(training_repo / SCENARIO, "cause: rollout_paused", "cause: crashloop")
    found = [str(p) for p in lint_repository(training_repo)]
    assert f"{SCENARIO}:4: RB701 cause: runbook 'rollout-not-starting' has no section on cause 'crashloop'" in found


def test_practice_lab_commands_are_linted(training_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rbkb.training.lint as training_lint

    assert training_problems(training_repo, loaded(training_repo)) == []
    monkeypatch.setattr(training_lint, "lab_commands",
                        lambda lab: {"start": ["kubectl argo rollouts sett image a b=c:1", "echo $1"]})
    found = [str(p) for p in training_problems(training_repo, loaded(training_repo))]
    wanted = f"{SCENARIO}:1: RB201 practice-lab.start: kubectl argo rollouts sett"
    assert any(f.startswith(wanted) for f in found), found
    assert any(f.startswith(f"{SCENARIO}:1: SC2086 practice-lab.start:") for f in found), found


def test_every_generated_command_passes_the_command_checks(training_repo: Path) -> None:
    from rbkb.lint.command import check_command

    training, _ = load_training(training_repo, loaded(training_repo))
    assert training is not None
    stages = lab_commands(training.labs[0])
    assert stages["start"][-1] == ("kubectl argo rollouts set image checkout checkout=argoproj/rollouts-demo:green "
                                   "-n lab-paused-rollout")
    assert stages["clean"][-1] == "kubectl delete namespace lab-paused-rollout"
    for commands in stages.values():
        assert check_command("\n".join(commands)) == []
    assert [f.rule for f in check_command("kubectl argo rollouts sett image a b=c:1")] == ["RB201"]
