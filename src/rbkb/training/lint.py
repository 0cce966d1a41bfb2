"""What `runbook lint` adds for training: the drill and lab data checks, and the shell the Practice lab shows."""

from __future__ import annotations

from pathlib import Path

from ..model import Repository
from ..problems import Problem
from .load import load_training
from .model import LABS_DIR, lab_commands


def training_problems(root: Path, repo: Repository | None) -> list[Problem]:
    training, problems = load_training(root, repo)
    if training is None:
        return problems
    # Imported here, not at the top: rbkb.lint imports this module, and its package must finish loading first.
    from ..lint.command import check_command, rule_severity
    from ..lint.shellcheck import shellcheck_many

    stages = [(f"{LABS_DIR}/{lab.name}/scenario.yaml", stage, "\n".join(commands))
              for lab in training.labs for stage, commands in lab_commands(lab).items()]
    for (rel, stage, text), shellchecked in zip(stages, shellcheck_many([t for _r, _s, t in stages]), strict=True):
        for f in check_command(text, context="snippet"):
            severity = f.severity if f.rule.startswith("SC") else rule_severity(f.rule)
            problems.append(Problem(rel, 1, f.rule, f"practice-lab.{stage}", f.message, severity))
        for sc in shellchecked:
            problems.append(Problem(rel, 1, sc.code, f"practice-lab.{stage}", sc.message, sc.severity))
    return problems
