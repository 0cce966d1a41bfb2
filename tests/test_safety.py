"""Every command is read-only, mutating or destructive, with the reason."""

from __future__ import annotations

import pytest

from rbkb.safety import classify


@pytest.mark.parametrize("command", [
    "kubectl get pods -n x",
    "kubectl describe rollout r -n x",
    "kubectl logs -n argocd -l app.kubernetes.io/name=argocd-server --tail=100 --prefix",
    "kubectl get events -n x --sort-by=.lastTimestamp | tail -20",
    "kubectl argo rollouts get rollout r -n x",
    "kubectl argo rollouts status r -n x --watch=false",
    "argocd app get app --show-operation",
    "argocd app diff app",
    "kubectl auth can-i list pods -n x",
    "kubectl get secret s -n x -o jsonpath='{.data.auth}' | base64 -d | xxd | head",
    "curl -sS http://example.test/healthz",
])
def test_read_only(command: str) -> None:
    assert classify(command).level == "read-only"


@pytest.mark.parametrize("command", [
    "kubectl argo rollouts promote r -n x",
    "kubectl argo rollouts abort r -n x",
    "kubectl rollout restart deployment d -n x",
    "argocd app sync app",
    "kubectl scale rollout r -n x --replicas=3",
    "kubectl port-forward svc/argocd-server -n argocd 8080:443",
    "kubectl get pods > pods.txt",
    "curl -X POST http://example.test/",
    "frobnicate --all",
])
def test_mutating(command: str) -> None:
    assert classify(command).level == "mutating"


@pytest.mark.parametrize(("command", "reason"), [
    ("kubectl delete pod p -n x", "kubectl delete deletes the objects"),
    ("kubectl scale rollout r -n x --replicas=0", "scaling to zero replicas stops every pod"),
    ("argocd app sync app --force", "--force deletes and re-creates resources whose patch fails"),
    ("argocd app sync app --prune", "--prune deletes live resources that are no longer in Git"),
    ("kubectl argo rollouts undo r -n x", "undo rewrites spec.template live"),
    ("kubectl get pods -o name | xargs kubectl delete", "'xargs' is not a known read-only program"),
])
def test_destructive(command: str, reason: str) -> None:
    result = classify(command)
    if "xargs" in command:
        assert result.level == "mutating" and reason in result.reasons[0]
    else:
        assert result.level == "destructive"
        assert any(r.startswith(reason) for r in result.reasons)


@pytest.mark.parametrize(("command", "level"), [
    # Flags before the sub-command, and flag values that look like words, are resolved by the grammar.
    ("argocd --server argocd.example.com app delete checkout", "destructive"),
    ("kubectl -n payments scale rollout checkout --replicas 0", "destructive"),
    ("kubectl logs --since 1h checkout-6d4f8b7c9-abcde -n payments", "read-only"),
    ("kubectl-argo-rollouts undo checkout -n payments", "destructive"),
    ("argocd app sync checkout --prune=false", "mutating"),
    ("kubectl gett pods", "mutating"),  # unknown sub-command: never trusted as read-only
])
def test_classification_uses_the_parsed_command(command: str, level: str) -> None:
    assert classify(command).level == level
