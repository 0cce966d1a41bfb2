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


def test_pods_come_from_the_rollouts_own_selector(kubectl: StandIn) -> None:
    kubectl.reply("get", "rollout", "checkout", "-o", stdout="app.kubernetes.io/name=checkout,tier=web,")
    kubectl.reply("get", "pods", stdout="NAME  READY  STATUS\ncheckout-6d8f7c9b7d-x2kqj  1/1  Running\n")
    code, out, _err = run("payments", "checkout")
    assert code == 0
    calls = kubectl.calls()
    selector = "app.kubernetes.io/name=checkout,tier=web"
    assert ["kubectl", "get", "pods", "-n", "payments", "-l", selector, "-L", "rollouts-pod-template-hash",
            "-o", "wide"] in calls
    logs = next(c for c in calls if c[1] == "logs")
    assert "--tail=20" in logs and selector in logs
    assert "\n== Pods of checkout (app.kubernetes.io/name=checkout,tier=web)\n" in out
    assert "\\n" not in out


def test_match_expressions_fall_back_to_the_replicaset_hashes(kubectl: StandIn) -> None:
    kubectl.reply("get", "rollout", "checkout", "-o", "go-template={{.status.stableRS}},{{.status.currentPodHash}}",
                  stdout="6d8f7c9b7d,7f9c2b4d6e")
    code, _out, _err = run("payments", "checkout")
    assert code == 0
    assert any("rollouts-pod-template-hash in (6d8f7c9b7d,7f9c2b4d6e)" in c for c in kubectl.calls())


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
