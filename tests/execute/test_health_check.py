"""scripts/health-check.sh against the stand-in kubectl: the Rollout's own pods, real newlines, a usage message."""

from __future__ import annotations

import os
from pathlib import Path

from standin import StandIn, kubectl  # noqa: F401 (fixture)

from rbkb.execute.process import run_process
from rbkb.lint.shellcheck import shellcheck_binary

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "health-check.sh"


def run(*args: str) -> tuple[int | None, str, str]:
    r = run_process([str(SCRIPT), *args], env=dict(os.environ), timeout=20)
    return r.exit_code, r.stdout, r.stderr


# `kubectl get replicasets -o jsonpath=...` as the script asks for it: owner Rollout, a tab, the pod-template hash.
_REPLICASETS = ("checkout\t6d8f7c9b7d\n"  # stable revision of this Rollout
                "checkout\t7f9c2b4d6e\n"  # canary revision
                "checkout-admin\t5b6c7d8e9f\n"  # another Rollout whose name starts the same
                "\t8a7b6c5d4e\n")  # a ReplicaSet of a Deployment (no Rollout owner)


def test_pods_come_from_the_replicasets_the_rollout_owns(kubectl: StandIn) -> None:
    kubectl.reply("get", "replicasets", stdout=_REPLICASETS)
    kubectl.reply("get", "pods", stdout="NAME  READY  STATUS\ncheckout-6d8f7c9b7d-x2kqj  1/1  Running\n")
    code, out, _err = run("payments", "checkout")
    assert code == 0
    calls = kubectl.calls()
    selector = "rollouts-pod-template-hash in (6d8f7c9b7d,7f9c2b4d6e)"
    assert ["kubectl", "get", "pods", "-n", "payments", "-l", selector, "-L", "rollouts-pod-template-hash",
            "-o", "wide"] in calls
    logs = next(c for c in calls if c[1] == "logs")
    assert "--tail=20" in logs and selector in logs
    assert f"\n== Pods of checkout ({selector})\n" in out
    assert "\\n" not in out


def test_logs_of_failing_pods_do_not_stop_the_listing(kubectl: StandIn) -> None:
    """kubectl logs stops at the first pod without a log unless --ignore-errors; --max-log-requests needs -f."""
    kubectl.reply("get", "replicasets", stdout=_REPLICASETS)
    code, _out, _err = run("payments", "checkout")
    assert code == 0
    logs = next(c for c in kubectl.calls() if c[1] == "logs")
    assert "--ignore-errors" in logs
    assert not [a for a in logs if a.startswith("--max-log-requests")]


def test_a_rollout_without_replicasets_lists_no_pods(kubectl: StandIn) -> None:
    kubectl.reply("get", "replicasets", stdout="\t8a7b6c5d4e\n")
    code, out, _err = run("payments", "checkout")
    assert code == 0
    assert "No ReplicaSet in payments is owned by Rollout checkout.\n" in out
    assert not [c for c in kubectl.calls() if c[1] in ("logs",) or c[1:3] == ["get", "pods"]]


def test_stops_at_the_first_failure(kubectl: StandIn) -> None:
    kubectl.reply("argo", "rollouts", "get", stderr='Error: rollout.argoproj.io "nope" not found\n', exit=1)
    code, _out, err = run("payments", "nope")
    assert code == 1 and "not found" in err
    assert len(kubectl.calls()) == 1


def test_usage_without_arguments(kubectl: StandIn) -> None:
    code, _out, err = run("payments")
    assert code == 2 and err.startswith("Usage: health-check.sh NAMESPACE ROLLOUT\n")
    assert kubectl.calls() == []


def test_shellcheck_clean() -> None:
    r = run_process([shellcheck_binary(), str(SCRIPT)], timeout=60)
    assert (r.exit_code, r.stdout) == (0, "")
