"""Training data loads cleanly, and every broken drill or lab is reported as file:line: RULE path: message."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, edit
from training_support import DRILL, MANIFEST, SCENARIO, line_of, loaded, training_repo  # noqa: F401

from rbkb.training.load import load_training, pinned


def test_real_training_data_loads_without_problems() -> None:
    repo = loaded(ROOT)
    training, problems = load_training(ROOT, repo)
    assert [str(p) for p in problems] == []
    assert training is not None
    owners = [rb for d in training.drills for rb in d.runbooks]
    assert sorted(owners) == sorted(rb.id for rb in repo.runbooks), "every runbook belongs to exactly one drill"
    kinds = {m.kind for lab in training.labs for m in lab.manifests}
    assert {"Rollout", "AnalysisTemplate", "Service", "Deployment", "Ingress"} <= kinds


def test_fixture_loads(training_repo: Path) -> None:
    training, problems = load_training(training_repo, loaded(training_repo))
    assert problems == []
    assert training is not None
    assert [d.id for d in training.drills] == ["rollouts"]
    assert [(lab.name, lab.namespace) for lab in training.labs] == [("paused-rollout", "lab-paused-rollout")]


# (file, old text, new text, rule, field path, message fragment, text on the line the problem must point at)
BROKEN = [
    (DRILL, "cause: rollout_paused}", "cause: crashloop}", "RB701", "questions.0.cause",
     "runbook 'rollout-not-starting' has no section on cause 'crashloop'", "cause: crashloop}"),
    (DRILL, "check: rollout-tree}", "check: no-such-check}", "RB701", "exhibits.0.check.check",
     "runbook 'rollout-not-starting' has no check 'no-such-check'", "check: no-such-check}"),
    (DRILL, "  - rollout-not-starting\n", "  - rollout-not-starting\n  - no-such-runbook\n", "RB701", "runbooks.1",
     "no runbook 'no-such-runbook'", "- no-such-runbook"),
    (DRILL, "    where: The Argo Rollouts dashboard",
     "    where: The Argo Rollouts dashboard\n    check: {runbook: rollout-not-starting, check: rollout-tree}",
     "RB003", "exhibits.1", "give exactly one of `check` (a runbook diagnostic) or `where`", "- title: A line seen"),
    (DRILL, "id: rollouts", "id: canary", "RB004", "id", "id 'canary' must equal the file name 'rollouts'",
     "id: canary"),
    (SCENARIO, "cause: rollout_paused", "cause: crashloop", "RB701", "cause",
     "runbook 'rollout-not-starting' has no section on cause 'crashloop'", "cause: crashloop"),
    (SCENARIO, "  container: checkout", "  container: web", "RB703", "update.container",
     "Rollout 'checkout' has no container 'web'", "container: web"),
    (SCENARIO, "requires: [argo-rollouts]", "requires: []", "RB703", "requires",
     "is an Argo Rollouts object: list `argo-rollouts` in `requires`", "requires: []"),
    (MANIFEST, "image: argoproj/rollouts-demo:blue", "image: argoproj/rollouts-demo", "RB704",
     "spec.template.spec.containers.0.image", "image 'argoproj/rollouts-demo' is not pinned", "image: argoproj"),
    (MANIFEST, "image: argoproj/rollouts-demo:blue", "image: argoproj/rollouts-demo:latest", "RB704",
     "spec.template.spec.containers.0.image", "image 'argoproj/rollouts-demo:latest' is not pinned", "image: argoproj"),
    (MANIFEST, "  name: checkout\nspec:", "  name: checkout\n  namespace: prod\nspec:", "RB703", "metadata.namespace",
     "leave the namespace out", "namespace: prod"),
    (MANIFEST, "        - setWeight: 50\n", "        - setWeight: 50\n---\nkind: Service\n", "RB703", "",
     "one Kubernetes object per file", "apiVersion: argoproj.io"),
]


@pytest.mark.parametrize(("file", "old", "new", "rule", "path", "message", "marker"), BROKEN)
def test_broken_training_data_is_reported_with_file_and_line(training_repo: Path, file: str, old: str, new: str,
                                                              rule: str, path: str, message: str, marker: str) -> None:
    edit(training_repo / file, old, new)
    training, problems = load_training(training_repo, loaded(training_repo))
    assert training is None
    line = line_of(training_repo / file, marker)
    found = [str(p) for p in problems]
    assert any(f.startswith(f"{file}:{line}: {rule} {path + ': ' if path else ''}") and message in f
               for f in found), found


def test_runbook_in_two_drills_is_an_error(training_repo: Path) -> None:
    (training_repo / "data/training/drills/second.yaml").write_text(
        (training_repo / DRILL).read_text().replace("id: rollouts", "id: second"))
    training, problems = load_training(training_repo, loaded(training_repo))
    assert training is None
    assert [str(p) for p in problems] == [
        "data/training/drills/second.yaml:1: RB702 runbooks: runbook 'rollout-not-starting' is in two drill families "
        "(data/training/drills/rollouts.yaml, data/training/drills/second.yaml)"]


def test_runbook_in_no_drill_is_a_warning(training_repo: Path) -> None:
    second = training_repo / "runbooks/second-runbook.yaml"
    second.write_text((training_repo / "runbooks/rollout-not-starting.yaml").read_text()
                      .replace("id: rollout-not-starting", "id: second-runbook"))
    training, problems = load_training(training_repo, loaded(training_repo))
    assert training is not None
    assert [str(p) for p in problems] == [
        "data/training/drills:1: RB702 runbook 'second-runbook' is in no drill family: add it to the `runbooks` list "
        "of the drill that trains its family (warning)"]


@pytest.mark.parametrize(("image", "ok"), [
    ("nginx:1.27.3", True), ("argoproj/rollouts-demo:blue", True), ("nginx@sha256:" + "a" * 64, True),
    ("registry.example:5000/team/app:2.1", True), ("nginx", False), ("nginx:latest", False),
    ("registry.example:5000/team/app", False),
])
def test_pinned(image: str, ok: bool) -> None:
    assert pinned(image) is ok


def test_repository_without_training_data_has_nothing_to_report(mini_repo: Path) -> None:
    training, problems = load_training(mini_repo, loaded(mini_repo))
    assert problems == []
    assert training is not None and training.drills == () and training.labs == ()
