"""Per-command checks: shell syntax, safety gates and style rules, each with its stable id."""

from __future__ import annotations

import pytest

from rbkb.lint.command import check_command


def rules(text: str, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted({f.rule for f in check_command(text, **kw)})


@pytest.mark.parametrize(("text", "rule"), [
    ("kubectl argo rollouts set image r app=registry.example/app:latest -n x", "RB401"),
    ('pkill -f "port-forward.*argocd"', "RB402"),
    ("killall kubectl", "RB402"),
    ('echo "\\nChecking pods..."', "RB403"),
    ("argocd login argocd.example.com --username admin --password hunter2", "RB404"),
    ("argocd repo add https://github.com/org/repo.git --username u --password <token>", "RB404"),
    ("curl -H 'Authorization: Bearer eyJhbGciOi' https://example.test", "RB404"),
    ("kubectl get pods -n <namespace> -l rollout=<rollout>", "RB405"),
    ("kubectl get rollout <rollout> -n <namespace> -o jsonpath='{.spec.paused}'", "RB406"),
    ("kubectl logs -n argo-rollouts -l app.kubernetes.io/name=argo-rollouts", "RB407"),
    ("echo 'unterminated", "RB101"),
])
def test_style_and_shell_rules_fire(text: str, rule: str) -> None:
    assert rule in rules(text)


@pytest.mark.parametrize("text", [
    "kubectl argo rollouts set image r app=registry.example/app:1.4.2 -n x",
    "printf 'Checking pods...\\n'",
    "echo -e 'a\\nb'",
    "argocd login argocd.example.com --username admin --sso",
    "kubectl get pods -n <namespace> -l app.kubernetes.io/name=checkout",
    "kubectl get rollout <rollout> -n <namespace> -o jsonpath='{.status.phase}{.spec.paused}'",
    "kubectl logs -n argo-rollouts -l app.kubernetes.io/name=argo-rollouts --tail=-1 --prefix",
])
def test_correct_forms_pass(text: str) -> None:
    assert rules(text) == []


def test_diagnostics_must_only_read() -> None:
    assert rules("kubectl delete pod p -n x", context="diagnostic") == ["RB301"]
    assert rules("kubectl argo rollouts promote r -n x", context="confirm") == ["RB301"]
    assert rules("kubectl get pods -n x", context="diagnostic") == []


@pytest.mark.parametrize("text", [
    "kubectl get pods -n x -w",
    "kubectl logs p -n x -f",
    "kubectl argo rollouts get rollout r -n x --watch",
    "kubectl argo rollouts status r -n x",
    "stern checkout -n x",
    "kubectl rollout status deployment/argocd-server -n argocd",
    "argocd app wait checkout",
    "watch kubectl get pods -n x",
    "kubectl logs p -n x | tail -f",
])
def test_diagnostics_must_end_on_their_own(text: str) -> None:
    assert "RB303" in rules(text, context="diagnostic")


@pytest.mark.parametrize("text", [
    "kubectl argo rollouts status r -n x --watch=false",
    "kubectl argo rollouts status r -n x --timeout=30s",
    "stern checkout -n x --no-follow --tail=50",
    "kubectl get pods -n x -f manifest.yaml",
    "kubectl rollout status deployment/argocd-server -n argocd --timeout=60s",
    "argocd app wait checkout --timeout 120",
])
def test_bounded_forms_are_fine(text: str) -> None:
    assert "RB303" not in rules(text, context="diagnostic")


def test_destructive_fix_needs_a_warning() -> None:
    assert rules("argocd app sync app --force", context="fix") == ["RB302"]
    assert rules("argocd app sync app --force", context="fix", has_warning=True) == []
    assert rules("kubectl argo rollouts promote r -n x", context="fix") == []
