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
