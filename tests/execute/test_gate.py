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


@pytest.mark.parametrize("command", [
    # security review rows 3.3 and 3.4: wrappers and interpreters that the gate used to trust by name
    "timeout 10 kubectl delete pod web-1 -n payments", "env kubectl delete pod web-1 -n payments",
    "command kubectl delete pod web-1 -n payments", "find /tmp/findtarget -delete",
    "awk 'BEGIN{system(\"touch /tmp/pwned-awk\")}'", "tee /tmp/pwned-tee", "kubens kube-system",
])
def test_wrapped_changes_need_allow_changes(command: str) -> None:
    asked: list[str] = []
    decision = decide(command, Policy(), lambda q: bool(asked.append(q)), title="t")
    assert not decision.run and decision.skipped and decision.skipped.startswith("not read-only")
    assert not asked


@pytest.mark.parametrize(("command", "streaming"), [
    ("nice -n 10 kubectl logs -f web", True),
    ("env A=1 kubectl get pods -w", True),
    ("sh -c 'kubectl get pods -w'", True),
    ("timeout 30 kubectl logs -f web", False),  # timeout ends it
])
def test_wrappers_stream_when_what_they_run_does(command: str, streaming: bool) -> None:
    assert bool(streams(command)) is streaming
