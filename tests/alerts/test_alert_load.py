"""Broken alert data is reported as file:line: RULE path: message, and runbooks and alerts must agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from alert_fixtures import data_copy  # noqa: F401  (fixture)
from conftest import ROOT, edit

from rbkb.alerts.load import check_alerts
from rbkb.lint.rules import all_rules
from rbkb.load import LoadResult, load


@pytest.fixture(scope="module")
def real_runbooks() -> LoadResult:
    return load(ROOT)


def problems(root: Path, runbooks: LoadResult | None = None) -> list[str]:
    """Alert problems under `root`; pass the real runbooks' load when only data/ was changed (loading is slow)."""
    result = runbooks or load(root)
    return [str(p) for p in check_alerts(root, result.repo, result.located)[1]]


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_real_data_is_clean(real_runbooks: LoadResult) -> None:
    assert problems(ROOT, real_runbooks) == []


def test_unknown_metric_and_trap(data_copy: Path, real_runbooks: LoadResult) -> None:
    alerts = data_copy / "data/alerts.yaml"
    edit(alerts, 'expr: max by (namespace, name) (rollout_info{phase="Abort"}) == 1',
         'expr: max by (namespace, name) (argo_rollout_info{phase="Degraded"}) == 1')
    line = line_of(alerts, "argo_rollout_info{")
    assert problems(data_copy, real_runbooks) == [
        f"data/alerts.yaml:{line}: RB601 alerts.7.expr: unknown metric argo_rollout_info: it does not exist; "
        "the metric is `rollout_info`."]


def test_runbook_listing_an_undefined_alert(data_copy: Path) -> None:
    rb = data_copy / "runbooks/rollout-invalid-spec.yaml"
    edit(rb, "alerts: [RolloutInvalidSpec]", "alerts: [RolloutInvalidSpec, KubePodCrashLooping]")
    line = line_of(rb, "alerts: [")
    assert problems(data_copy) == [
        f"runbooks/rollout-invalid-spec.yaml:{line}: RB603 alerts.1: alert KubePodCrashLooping is not defined in "
        "data/alerts.yaml"]


def test_alert_whose_runbook_does_not_list_it(data_copy: Path) -> None:
    edit(data_copy / "runbooks/rollout-invalid-spec.yaml", "alerts: [RolloutInvalidSpec]", "alerts: []")
    line = line_of(data_copy / "data/alerts.yaml", "runbook: rollout-invalid-spec")
    assert problems(data_copy) == [
        f"data/alerts.yaml:{line}: RB603 alerts.9: alert RolloutInvalidSpec links runbook 'rollout-invalid-spec', "
        "which does not list it under alerts:"]


def test_cause_must_be_a_section_of_the_runbook(data_copy: Path, real_runbooks: LoadResult) -> None:
    alerts = data_copy / "data/alerts.yaml"
    edit(alerts, "cause: rollout_invalid_spec", "cause: crashloop")
    line = line_of(alerts, "cause: crashloop")
    assert problems(data_copy, real_runbooks) == [
        f"data/alerts.yaml:{line}: RB604 alerts.9.cause: runbook 'rollout-invalid-spec' has no section on cause "
        "'crashloop'"]


def test_description_must_name_the_object(data_copy: Path, real_runbooks: LoadResult) -> None:
    alerts = data_copy / "data/alerts.yaml"
    edit(alerts, "Rollout {{ $labels.namespace }}/{{ $labels.name }} is aborted", "The Rollout is aborted")
    found = problems(data_copy, real_runbooks)
    assert [p.split(": ", 1)[1] for p in found] == [
        "RB605 alerts.7.description: does not mention {{ $labels.namespace }}, which identifies the object",
        "RB605 alerts.7.description: does not mention {{ $labels.name }}, which identifies the object"]


def test_annotations_interpolate_labels_only(data_copy: Path, real_runbooks: LoadResult) -> None:
    edit(data_copy / "data/alerts.yaml", "summary: Rollout {{ $labels.name }} was aborted",
         "summary: Rollout {{ $value }} was aborted")
    (found,) = problems(data_copy, real_runbooks)
    assert "RB003 alerts.7.summary" in found and "only `{{ $labels.<name> }}` may be interpolated" in found


def test_rollouts_trigger_must_be_an_event_reason(data_copy: Path, real_runbooks: LoadResult) -> None:
    alerts = data_copy / "data/alerts.yaml"
    edit(alerts, "trigger: on-rollout-aborted", "trigger: on-rollout-degraded")
    edit(alerts, "was aborted: {{.rollout.status.message}}", "was aborted: {{.analysisRun.status.message}}")
    found = problems(data_copy, real_runbooks)
    assert [p.split(": ", 1)[1].split(" (")[0] for p in found] == [
        "RB606 notifications.rollouts.0.trigger: on-rollout-degraded matches no Rollout event reason, so the "
        "controller never fires it",
        "RB606 notifications.rollouts.0.message: templates get no .analysisRun here"]


def test_alert_rules_are_registered() -> None:
    rules = all_rules()
    assert {f"RB60{n}" for n in range(1, 7)} <= set(rules)


def test_repository_without_alert_data_must_declare_no_alerts(mini_repo: Path) -> None:
    assert problems(mini_repo) == []
    edit(mini_repo / "runbooks/rollout-not-starting.yaml", "alerts: []", "alerts: [RolloutAborted]")
    line = line_of(mini_repo / "runbooks/rollout-not-starting.yaml", "alerts: [")
    assert problems(mini_repo) == [f"runbooks/rollout-not-starting.yaml:{line}: RB603 alerts.0: alert RolloutAborted "
                                   "is not defined in data/alerts.yaml"]
