"""deploy/rbac/readonly.yaml grants every permission the diagnostics need, and nothing that writes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rbkb.execute.permissions import Permission, command_permissions, required
from rbkb.model import Repository

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "deploy" / "rbac" / "readonly.yaml"
READ_VERBS = {"get", "list", "watch"}
# Needed by a diagnostic but withheld on purpose; the manifest's header says why.
WITHHELD = {Permission("get", "", "nodes/proxy"), Permission("impersonate", "", "serviceaccounts")}


@pytest.fixture(scope="module")
def documents() -> list[dict]:  # type: ignore[type-arg]
    return [d for d in yaml.safe_load_all(MANIFEST.read_text(encoding="utf-8")) if d]


def granted(documents: list[dict], role: str | None = None) -> set[Permission]:  # type: ignore[type-arg]
    perms = set()
    for doc in documents:
        if doc["kind"] in ("ClusterRole", "Role") and role in (None, doc["metadata"]["name"]):
            for rule in doc["rules"]:
                perms |= {Permission(v, g, r)
                          for g in rule["apiGroups"] for r in rule["resources"] for v in rule["verbs"]}
    return perms


def test_every_needed_permission_is_granted(repo: Repository, documents: list[dict]) -> None:  # type: ignore[type-arg]
    needs = required(repo)
    assert len({n.permission for n in needs}) > 30  # the derivation found the diagnostics' commands
    have = granted(documents)
    missing = sorted({f"{n.permission} ({n.runbook} {n.step})" for n in needs
                      if n.permission not in have and n.permission not in WITHHELD})
    assert not missing, "deploy/rbac/readonly.yaml does not grant:\n" + "\n".join(missing)


def test_withheld_permissions_are_really_needed_and_not_granted(repo: Repository,
                                                               documents: list[dict]) -> None:  # type: ignore[type-arg]
    needed = {n.permission for n in required(repo)}
    assert WITHHELD <= needed, f"no diagnostic needs {WITHHELD - needed} any more: drop it from the header and here"
    assert not WITHHELD & granted(documents)


def test_only_read_verbs_and_no_wildcards(documents: list[dict]) -> None:  # type: ignore[type-arg]
    perms = granted(documents)
    assert {p.verb for p in perms} <= READ_VERBS
    assert not any("*" in (p.group + p.resource + p.verb) for p in perms)
    assert all(doc["kind"] in ("ClusterRole", "Role", "ClusterRoleBinding", "RoleBinding") for doc in documents)


def test_secrets_only_in_their_own_role_bound_per_namespace(repo: Repository,
                                                            documents: list[dict]) -> None:  # type: ignore[type-arg]
    secret_needs = [n for n in required(repo) if n.permission.resource == "secrets"]
    assert secret_needs, "no diagnostic reads secrets any more: remove runbook-secret-reader"
    assert not any(p.resource == "secrets" for p in granted(documents, "runbook-reader"))
    bindings = [d for d in documents if d.get("roleRef", {}).get("name") == "runbook-secret-reader"]
    assert bindings and all(b["kind"] == "RoleBinding" for b in bindings)


@pytest.mark.parametrize(("command", "expected"), [
    ("kubectl get pods -n x", {"list  pods"}),
    ("kubectl get rollout web -n x -o yaml", {"get argoproj.io rollouts"}),
    ("kubectl logs -n x -l app=web --tail=10 | grep -F err", {"list  pods", "get  pods/log"}),
    ("kubectl logs deploy/web -n x", {"get apps deployments", "list  pods", "get  pods/log"}),
    ("kubectl describe pod web -n x", {"get  pods", "list  events"}),
    ("kubectl top pod -n x --containers", {"list metrics.k8s.io pods"}),
    ("kubectl argo rollouts get rollout web -n x", {"get argoproj.io rollouts", "list apps replicasets",
                                                     "list  pods", "list argoproj.io analysisruns",
                                                     "list argoproj.io experiments"}),
    ("argocd app get web", set()),
    ("kubectl get --raw /api/v1/nodes/n1/proxy/stats/summary", {"get  nodes/proxy"}),
])
def test_permissions_from_commands(command: str, expected: set[str]) -> None:
    assert {f"{p.verb} {p.group} {p.resource}" for p in command_permissions(command)} == expected
