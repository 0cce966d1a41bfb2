"""`runbook run` against a stand-in kubectl/argocd (a test fixture first on PATH, never the product)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import FIXTURES, edit
from execute.standin import StandIn, kubectl  # noqa: F401 (fixture)

from rbkb.cli import main
from rbkb.commands import run as run_cmd
from rbkb.execute import runner

FIELDS = ["runbook", "step", "title", "command", "exit_code", "timed_out", "skipped", "started", "ended", "stdout",
          "stderr"]
BASE = ["-n", "payments", "--set", "rollout=checkout", "--set", "app=checkout-prod"]
PAUSED = "Paused | manually paused | | paused=true\n"


@pytest.fixture
def repo(mini_repo: Path) -> Path:
    (mini_repo / "mkdocs.yml").write_text("site_name: t\nsite_url: https://runbooks.example.internal/\n")
    return mini_repo


@pytest.fixture
def found(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Replace the analyzer: report rollout_paused while PAUSED is in the output; record what it was given."""
    seen: list[list[str]] = []

    def analyze(texts: list[str], repo: object, site: str) -> list[SimpleNamespace]:
        seen.append(list(texts))
        if any(PAUSED.strip() in t for t in texts):
            return [SimpleNamespace(id="rollout_paused", runbook="rollout-not-starting", confidence=0.9,
                                    evidence=(PAUSED.strip(),), url=site + "runbooks/rollout-not-starting/#cause-x")]
        return []

    monkeypatch.setattr(runner, "analyze", analyze)
    return seen


def run(repo: Path, tmp_path: Path, *args: str) -> tuple[int, list[dict]]:  # type: ignore[type-arg]
    log_dir = tmp_path / "log"
    code = main(["--root", str(repo), "run", "rollout-not-starting", *BASE, "--log-dir", str(log_dir), *args])
    lines = (log_dir / "commands.jsonl").read_text().splitlines() if (log_dir / "commands.jsonl").exists() else []
    return code, [json.loads(line) for line in lines]


def test_every_step_is_recorded_and_a_failure_does_not_stop_the_run(
        repo: Path, tmp_path: Path, kubectl: StandIn, found: list, capsys: pytest.CaptureFixture[str]) -> None:
    kubectl.reply("get", "rollout", "checkout", "-o", stdout=PAUSED)
    kubectl.reply("app", "get", program="argocd", stderr="FATA[0000] rpc error: code = Unauthenticated\n", exit=20)
    kubectl.reply("get", "events", sleep=5)
    code, records = run(repo, tmp_path, "--timeout", "1")
    assert code == 0
    assert [r["step"] for r in records] == [f"diagnostics.{i}" for i in range(6)]
    assert all(list(r) == FIELDS for r in records)
    argocd, events, logs = records[3], records[4], records[5]
    assert (argocd["exit_code"], argocd["stderr"]) == (20, "FATA[0000] rpc error: code = Unauthenticated\n")
    assert events["timed_out"] and events["exit_code"] is None
    assert logs["command"].endswith("| grep -F 'checkout'") and logs["exit_code"] == 1  # grep found nothing
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", r["started"]) for r in records)
    assert kubectl.calls()[0] == ["kubectl", "argo", "rollouts", "get", "rollout", "checkout", "-n", "payments"]
    err = capsys.readouterr().err
    assert "[5/6] Events on the Rollout: timed out" in err
    assert "[4/6] Check whether Argo CD applied the change: exit 20" in err


def test_findings_name_cause_evidence_fix_and_url(repo: Path, tmp_path: Path, kubectl: StandIn, found: list,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    kubectl.reply("get", "rollout", "checkout", "-o", stdout=PAUSED)
    run(repo, tmp_path)
    out = capsys.readouterr().out
    assert "rollout_paused" in out and f"evidence: {PAUSED.strip()}" in out
    assert "fix: Resume the Rollout" in out and "read: https://runbooks.example.internal/runbooks/" in out
    analysis = json.loads((tmp_path / "log" / "analysis.json").read_text())
    assert analysis["causes"][0]["id"] == "rollout_paused"
    assert PAUSED in found[0]
    transcript = (tmp_path / "log" / "transcript.md").read_text()
    assert "### diagnostics.1: Read the pause state" in transcript and "manually paused" in transcript


def test_fix_runs_confirmed_change_and_rechecks(repo: Path, tmp_path: Path, kubectl: StandIn, found: list,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    kubectl.reply("get", "rollout", "checkout", "-o", stdout=PAUSED)
    code, records = run(repo, tmp_path, "--fix", "--allow-changes", "--yes")
    promote = ["kubectl", "argo", "rollouts", "promote", "checkout", "-n", "payments"]
    assert promote in kubectl.calls()
    assert [(r["step"], r["title"]) for r in records][-3:] == [
        ("causes.2.confirm", "Confirm rollout_paused (before fix)"), ("causes.2.fix.1", "Resume the Rollout"),
        ("causes.2.confirm", "Confirm rollout_paused (after fix)")]
    out = capsys.readouterr().out
    assert "Do by hand: Find out who paused it" in out
    assert "evidence for rollout_paused is still present" in out  # the stand-in still answers "Paused"
    assert json.loads((tmp_path / "log" / "analysis.json").read_text())["fix"]["verdict"] == "still present"


def test_fix_reports_evidence_gone(repo: Path, tmp_path: Path, kubectl: StandIn, found: list,
                                   monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    kubectl.reply("get", "rollout", "checkout", "-o", stdout=PAUSED)
    original = runner.run_steps

    def healed_after_promote(session, steps, **kw):  # type: ignore[no-untyped-def]
        if steps and steps[0].title.endswith("(after fix)"):
            kubectl.rules.clear()
            kubectl.reply("get", "rollout", "checkout", "-o", stdout="Healthy |  |  | paused=\n")
        return original(session, steps, **kw)

    monkeypatch.setattr(runner, "run_steps", healed_after_promote)
    run(repo, tmp_path, "--fix", "--allow-changes", "--yes")
    assert "evidence for rollout_paused is gone" in capsys.readouterr().out


def test_fix_never_claims_gone_when_the_analyzer_cannot_read_the_confirm_check(
        repo: Path, tmp_path: Path, kubectl: StandIn, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The cause was seen in another check's output; the confirm check's own output says nothing to the analyzer."""
    kubectl.reply("argo", "rollouts", "get", "rollout", stdout="Status: Paused\n")
    kubectl.reply("get", "rollout", "checkout", "-o", stdout=PAUSED)
    finding = SimpleNamespace(id="rollout_paused", runbook="rollout-not-starting", confidence=0.9,
                              evidence=("Status: Paused",), url="https://x/")
    monkeypatch.setattr(runner, "analyze", lambda texts, *_: [finding] if "Status: Paused\n" in texts else [])
    run(repo, tmp_path, "--fix", "--allow-changes", "--yes")
    out = capsys.readouterr().out
    assert "is still present (the confirm check prints the same as before the fix)" in out


@pytest.mark.parametrize(("flags", "answer", "reason"), [
    ([], None, "not read-only (kubectl argo rollouts promote changes the Rollout); rerun with --allow-changes"),
    (["--allow-changes"], None, "not confirmed: no terminal to ask on (use --yes"),
    (["--allow-changes"], False, "declined at the prompt"),
])
def test_changes_need_allow_and_confirmation(repo: Path, tmp_path: Path, kubectl: StandIn, found: list,
                                             monkeypatch: pytest.MonkeyPatch, flags: list[str], answer: bool | None,
                                             reason: str) -> None:
    kubectl.reply("get", "rollout", "checkout", "-o", stdout=PAUSED)
    asked: list[str] = []
    monkeypatch.setattr(run_cmd, "_confirm", lambda q: asked.append(q) or answer)  # type: ignore[func-returns-value]
    _code, records = run(repo, tmp_path, "--fix", *flags)
    promote = next(r for r in records if r["step"] == "causes.2.fix.1")
    assert promote["skipped"].startswith(reason) and promote["exit_code"] is None
    assert not any("promote" in c for c in kubectl.calls())
    assert bool(asked) == bool(flags)


def test_watch_is_refused_and_recorded(repo: Path, tmp_path: Path, kubectl: StandIn, found: list) -> None:
    edit(repo / "runbooks" / "rollout-not-starting.yaml", "kubectl get events -n <namespace>",
         "kubectl get events -w -n <namespace>")
    _code, records = run(repo, tmp_path)
    assert records[4]["skipped"].startswith("refused: --watch streams until stopped")
    assert not any(c[1:3] == ["get", "events"] for c in kubectl.calls())
    assert len(records) == 6


def test_secrets_are_redacted_in_log_and_terminal(repo: Path, tmp_path: Path, kubectl: StandIn, found: list,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlc2lnbmF0dXJl"
    kubectl.reply("app", "get", program="argocd", stderr=f"request failed: Authorization: Bearer {token}\n", exit=1)
    run(repo, tmp_path)
    written = "".join(p.read_text() for p in (tmp_path / "log").iterdir())
    assert token not in written and "[REDACTED]" in written
    assert token not in capsys.readouterr().out


def test_dry_run_prints_exact_commands_and_runs_nothing(repo: Path, tmp_path: Path, kubectl: StandIn,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, records = run(repo, tmp_path, "--dry-run", "--context", "prod eu")
    out = capsys.readouterr().out
    assert code == 0 and records == [] and kubectl.calls() == []
    assert "  $ kubectl argo rollouts --context 'prod eu' get rollout checkout -n payments\n  would run" in out
    assert "  $ argocd --kube-context 'prod eu' app get checkout-prod --show-operation" in out
    assert not (tmp_path / "log").exists()


def test_missing_parameter_without_terminal_names_it(repo: Path, kubectl: StandIn,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--root", str(repo), "run", "rollout-not-starting", "-n", "payments", "--set", "rollout=checkout"])
    assert code == 2
    err = capsys.readouterr().err
    assert "missing parameter 'app': Name of the Argo CD Application that deploys the Rollout." in err
    assert kubectl.calls() == []


@pytest.mark.parametrize(("args", "message"), [
    (["-n", "Payments;rm"], "parameter 'namespace' (namespace) must be a DNS-1123 label"),
    (["--set", "rolout=x"], "has no parameter 'rolout'"),
    (["--set", "rollout"], "write NAME=VALUE"),
])
def test_bad_parameters_exit_2(repo: Path, kubectl: StandIn, capsys: pytest.CaptureFixture[str], args: list[str],
                               message: str) -> None:
    code = main(["--root", str(repo), "run", "rollout-not-starting", *BASE, *args])
    assert code == 2 and message in capsys.readouterr().err


def test_default_log_dir_is_timestamped(repo: Path, tmp_path: Path, kubectl: StandIn, found: list,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--root", str(repo), "run", "rollout-not-starting", *BASE]) == 0
    (log_dir,) = (tmp_path / "incidents").iterdir()
    assert re.fullmatch(r"\d{8}T\d{6}Z-rollout-not-starting", log_dir.name)
    assert {p.name for p in log_dir.iterdir()} == {"commands.jsonl", "transcript.md", "analysis.json"}


def test_with_the_real_analyzer(repo: Path, tmp_path: Path, kubectl: StandIn,
                                capsys: pytest.CaptureFixture[str]) -> None:
    """A captured `kubectl argo rollouts get rollout` (source in the fixture's header) names rollout_paused."""
    captured = FIXTURES / "outputs" / "rollout_paused" / "argo-rollouts-839-get-rollout.txt"
    text = "".join(line for line in captured.read_text().splitlines(keepends=True) if not line.startswith("# "))
    kubectl.reply("argo", "rollouts", "get", "rollout", stdout=text)
    run(repo, tmp_path)
    analysis = json.loads((tmp_path / "log" / "analysis.json").read_text())
    assert "rollout_paused" in [c["id"] for c in analysis["causes"]]
    url = "https://runbooks.example.internal/runbooks/rollout-not-starting/#cause-rollout-paused"
    assert url in capsys.readouterr().out
