"""`runbook doctor` with a stand-in kubectl/argocd first on PATH (test fixtures, never the product)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, edit
from execute.standin import StandIn, install

from rbkb.cli import main
from rbkb.execute.permissions import required
from rbkb.load import load_repository

SERVER = json.dumps({"clientVersion": {"gitVersion": "v1.31.0"}, "serverVersion": {"gitVersion": "v1.30.2"}})


@pytest.fixture
def tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StandIn:
    """Only the stand-ins on PATH: kubectl, argocd, the rollouts plugin, and jq/curl copies of them."""
    stand_in = install(tmp_path / "standin")
    for name in ("jq", "curl"):
        shutil.copy(stand_in.bin_dir / "kubectl", stand_in.bin_dir / name)
    monkeypatch.setenv("PATH", str(stand_in.bin_dir))
    stand_in.reply("version", "--client", program="kubectl", stdout="Client Version: v1.31.0\n")
    stand_in.reply("version", program="kubectl-argo-rollouts", stdout="kubectl-argo-rollouts: v1.7.2+59e5bd3\n")
    stand_in.reply("version", program="argocd", stdout="argocd: v2.13.1+af54ef8\n")
    stand_in.reply("--version", program="jq", stdout="jq-1.7.1\n")
    stand_in.reply("--version", program="curl", stdout="curl 8.5.0 (x86_64-pc-linux-gnu)\n")
    stand_in.reply("config", "current-context", stdout="prod-eu1\n")
    return stand_in


@pytest.fixture
def root(mini_repo: Path) -> Path:
    """The frozen mini repository with the real tool list."""
    shutil.copy(ROOT / "data" / "tools.yaml", mini_repo / "data" / "tools.yaml")
    (mini_repo / "mkdocs.yml").write_text("site_name: t\nsite_url: https://runbooks.example.internal/\n")
    return mini_repo


def distinct_permissions(root: Path) -> int:
    repo, _ = load_repository(root)
    assert repo is not None
    return len({n.permission for n in required(repo)})


def test_all_present_and_granted(root: Path, tools: StandIn, capsys: pytest.CaptureFixture[str]) -> None:
    tools.reply("version", "--output=json", stdout=SERVER)
    tools.reply("auth", "can-i", stdout="yes\n")
    assert main(["--root", str(root), "doctor", "--context", "prod-eu1", "-n", "payments"]) == 0
    out = capsys.readouterr().out
    assert "ok       kubectl argo rollouts  kubectl-argo-rollouts: v1.7.2+59e5bd3" in out
    assert "absent   stern" in out and "install: Download the `stern_" in out
    assert "context: prod-eu1" in out and "API server: answers (v1.30.2)" in out
    n = distinct_permissions(root)
    assert f"{n} of {n} granted" in out
    can_i = [c for c in tools.calls() if c[3:5] == ["auth", "can-i"]]
    assert len(can_i) == n
    assert ["kubectl", "--context", "prod-eu1", "auth", "can-i", "get", "pods/log", "-n", "payments",
            "--request-timeout=5s"] in can_i


def test_denied_permissions_name_the_checks_that_need_them(root: Path, tools: StandIn,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    tools.reply("version", "--output=json", stdout=SERVER)
    tools.reply("auth", "can-i", "list", "analysisruns.argoproj.io", stdout="no\n", exit=1)
    tools.reply("auth", "can-i", stdout="yes\n")
    assert main(["--root", str(root), "doctor"]) == 1
    out = capsys.readouterr().out
    assert "  no: list analysisruns.argoproj.io  (needed by rollout-not-starting diagnostics.0)" in out
    assert out.count("  no: ") == 1 and "6 of 7 granted" in out


def test_unreachable_api_server_skips_permissions(root: Path, tools: StandIn,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    tools.reply("version", "--output=json", exit=1,
                stderr="The connection to the server 127.0.0.1:6443 was refused - "
                       "did you specify the right host or port?\n")
    assert main(["--root", str(root), "doctor"]) == 1
    out = capsys.readouterr().out
    assert "API server: does not answer within 5s: The connection to the server 127.0.0.1:6443 was refused" in out
    assert "permissions: not checked" in out
    assert not any("can-i" in c for c in tools.calls())


def test_missing_required_tool_fails_with_install_instructions(root: Path, tools: StandIn,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tools.bin_dir / "argocd").unlink()
    tools.reply("version", "--output=json", stdout=SERVER)
    tools.reply("auth", "can-i", stdout="yes\n")
    assert main(["--root", str(root), "doctor"]) == 1
    out = capsys.readouterr().out
    assert "MISSING  argocd" in out and "install: Download `argocd-linux-amd64`" in out
    assert "Install guide: https://runbooks.example.internal/reference/tools/" in out


def _installed(name: str, namespace: str) -> str:
    """`kubectl get ... -o json` of one upstream release object (tests/fixtures/controllers, from the release's
    manifests/install.yaml), as it reads once `kubectl apply -n NAMESPACE` installed it."""
    obj = yaml.safe_load((ROOT / "tests" / "fixtures" / "controllers" / name).read_text(encoding="utf-8"))
    obj["metadata"]["namespace"] = namespace
    return json.dumps({"apiVersion": "v1", "kind": "List", "items": [obj]})


def test_controller_versions_are_found_by_label(root: Path, tools: StandIn,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from rbkb.tools import get

    tools.reply("version", "--output=json", stdout=SERVER)
    tools.reply("auth", "can-i", stdout="yes\n")
    argocd = get("argocd").controllers[0].selector
    rollouts = get("argo-rollouts").controllers[0].selector
    tools.reply("get", "deployments,statefulsets", "-l", argocd,
                stdout=_installed("argocd-application-controller.yaml", "gitops"))
    tools.reply("get", "deployments,statefulsets", "-l", rollouts,
                stdout=_installed("argo-rollouts.yaml", "argo-rollouts"))
    assert main(["--root", str(root), "doctor"]) == 0
    out = capsys.readouterr().out
    assert ("Argo CD application controller: v3.1.16  (StatefulSet gitops/argocd-application-controller, image "
            "quay.io/argoproj/argocd:v3.1.16)") in out
    # the upstream manifest of Argo Rollouts v1.8.4 pins no version: doctor says so instead of guessing
    assert "Argo Rollouts controller: latest (the tag does not say which version" in out
    calls = [c for c in tools.calls() if "deployments,statefulsets" in c]
    assert all("--all-namespaces" in c for c in calls) and len(calls) == 2


def test_statements_that_do_not_hold_for_the_running_version_are_listed(root: Path, tools: StandIn,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from rbkb.tools import get

    edit(root / "runbooks/rollout-not-starting.yaml", "    - kind: error_message\n      text: \"manually paused\"\n",
         '    - kind: error_message\n      text: "manually paused"\n      versions: {argo-cd: ">=3.2"}\n')
    tools.reply("version", "--output=json", stdout=SERVER)
    tools.reply("auth", "can-i", stdout="yes\n")
    tools.reply("get", "deployments,statefulsets", "-l", get("argocd").controllers[0].selector,
                stdout=_installed("argocd-application-controller.yaml", "gitops"))
    assert main(["--root", str(root), "doctor"]) == 0
    out = capsys.readouterr().out
    assert "1 statement(s) in the runbooks do not hold for 3.1.16:" in out
    assert "rollout-not-starting: `manually paused` (holds for Argo CD ≥ 3.2)" in out
    assert "See https://runbooks.example.internal/reference/versions/" in out


def test_controllers_not_visible_are_reported(root: Path, tools: StandIn, capsys: pytest.CaptureFixture[str]) -> None:
    tools.reply("version", "--output=json", stdout=SERVER)
    tools.reply("auth", "can-i", stdout="yes\n")
    tools.reply("get", "deployments,statefulsets", exit=1,
                stderr='Error from server (Forbidden): deployments.apps is forbidden: User "dev" cannot list '
                       'resource "deployments" in API group "apps" at the cluster scope\n')
    assert main(["--root", str(root), "doctor"]) == 0  # informational: the checks may still run
    out = capsys.readouterr().out
    assert "Argo CD application controller: not visible (Error from server (Forbidden)" in out


def test_tools_file_lists_every_registered_tool_with_its_version_arguments() -> None:
    from rbkb.execute.tools import load_tools
    from rbkb.tools import all_tools

    listed = {t.command: t for t in load_tools(ROOT)}
    for tool in all_tools():
        program = tool.programs[0]
        assert program in listed, f"data/tools.yaml does not list {program}"
        assert tuple(listed[program].version) == tool.version_args, program
