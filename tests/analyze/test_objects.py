"""Object analyzers read the fields the controllers really write."""

from __future__ import annotations

import pytest

from rbkb.analyze.objects import Namespace, rollout
from rbkb.analyze.signatures import Matcher


def _rollout(reason: str) -> dict:  # type: ignore[type-arg]
    return {"kind": "Rollout", "metadata": {"name": "checkout", "namespace": "payments"},
            "status": {"phase": "Paused", "controllerPause": True, "pauseConditions": [{"reason": reason}]}}


@pytest.mark.parametrize(("reason", "cause"), [
    ("InconclusiveAnalysisRun", "analysis_inconclusive"),  # RolloutPauseReason values in argo-rollouts types.go
    ("InconclusiveExperiment", "analysis_inconclusive"),
    ("CanaryPauseStep", "rollout_paused"),
    ("BlueGreenPause", "rollout_paused"),
])
def test_pause_condition_reasons(reason: str, cause: str) -> None:
    obj = _rollout(reason)
    causes = [f.cause for f in rollout(obj, Namespace([obj], Matcher(())))]
    assert causes[0] == cause


def test_a_rollout_read_from_a_cluster_without_status_means_no_controller() -> None:
    applied = {"kind": "Rollout", "metadata": {"name": "asset", "creationTimestamp": "2020-10-09T17:18:43Z"},
               "spec": {"replicas": 1}}
    assert [f.cause for f in rollout(applied, Namespace([applied], Matcher(())))] == ["rollouts_controller_down"]
    manifest = {"kind": "Rollout", "metadata": {"name": "asset"}, "spec": {"replicas": 1}}  # a file, not the cluster
    assert list(rollout(manifest, Namespace([manifest], Matcher(())))) == []


def test_an_empty_measurement_is_analysis_without_data() -> None:
    from rbkb.analyze.objects import analysisrun

    run = {"kind": "AnalysisRun", "metadata": {"name": "r"}, "status": {"phase": "Running", "metricResults": [
        {"name": "success-rate", "measurements": [{"phase": "Successful", "value": "[0.99]"},
                                                  {"phase": "Error", "value": "[]"}]}]}}
    found = list(analysisrun(run, Namespace([run], Matcher(()))))
    assert [f.cause for f in found] == ["analysis_no_data"]
