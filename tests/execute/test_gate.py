"""The read-only gate: reads run, changes need --allow-changes and a yes, streaming commands never run."""

from __future__ import annotations

import pytest

from rbkb.execute.gate import Policy, decide
from rbkb.safety import streams


@pytest.mark.parametrize("command", [
    "kubectl get pods -w", "kubectl get pods --watch", "kubectl logs -f web", "kubectl logs web --follow",
    "kubectl argo rollouts get rollout web --watch", "kubectl argo rollouts status web", "argocd app logs web -f",
    "kubectl rollout status deploy/web", "argocd app wait web", "tail -f /var/log/x", "watch kubectl get pods",
    "stern web", "kubectl get events -n x | grep -v Normal; kubectl get pods -w",
])
def test_streaming_commands_are_refused(command: str) -> None:
    assert streams(command)
    decision = decide(command, Policy(allow_changes=True, yes=True), lambda _q: True, title="t")
    assert not decision.run and decision.skipped and decision.skipped.startswith("refused:")


@pytest.mark.parametrize("command", [
    "kubectl get pods --watch=false", "kubectl logs web --tail=100", "kubectl argo rollouts status web --watch=false",
    "kubectl argo rollouts status web --timeout 10s", "kubectl argo rollouts lint -f rollout.yaml",
    "kubectl rollout status deploy/web --timeout=30s", "stern web --no-follow", "argocd app wait web --timeout 60",
])
def test_bounded_forms_are_not_streaming(command: str) -> None:
    assert streams(command) is None


def test_read_only_runs_without_asking() -> None:
    asked: list[str] = []
    d = decide("kubectl get pods -n x", Policy(), lambda q: bool(asked.append(q)), title="t")
    assert d.run and not asked


def test_destructive_shows_its_warning_before_asking() -> None:
    shown: list[str] = []
    order: list[str] = []
    d = decide("kubectl delete pod web -n x", Policy(allow_changes=True), lambda q: not order.append("ask"),
               title="t", warning="Deletes the pod.", show=lambda s: (shown.append(s), order.append("warn")))
    assert d.run and shown == ["WARNING (destructive): Deletes the pod."] and order == ["warn", "ask"]
