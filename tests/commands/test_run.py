"""`runbook run` against a stand-in kubectl/argocd (a test fixture first on PATH, never the product)."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import FIXTURES, edit
from execute.standin import StandIn, alive, kubectl  # noqa: F401 (fixture)

from rbkb.cli import main
from rbkb.commands import run as run_cmd
from rbkb.execute import runner

FIELDS = ["runbook", "step", "title", "command", "exit_code", "timed_out", "skipped", "started", "ended", "stdout",
          "stderr", "interrupted"]
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


# ----------------------------------------------------------------------------------------------------------------------
# Hostile values, limits and interruption (issue 14; the audit's rows in the test docstrings)
# ----------------------------------------------------------------------------------------------------------------------

RB_FILE = Path("runbooks/rollout-not-starting.yaml")
APP_AS_TEXT = ("    kind: name\n    description: Name of the Argo CD Application",
               "    kind: text\n    description: Name of the Argo CD Application")


def spawn(repo: Path, tmp_path: Path, *args: str, shell_prefix: str = "") -> subprocess.Popen[str]:
    """`runbook run` as its own process (SIGINT restored, as on a terminal), optionally through `bash -c`."""
    argv = [sys.executable, "-m", "rbkb.cli", "--root", str(repo), "run", "rollout-not-starting", *args]
    if shell_prefix:
        argv = ["bash", "-c", f'exec "$@" {shell_prefix}', "bash", *argv]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for(condition: Callable[[], bool], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.05)


@pytest.mark.parametrize("value", ["--server=https://evil.example", "-oyaml", "--kubeconfig=/tmp/evil"])
def test_option_like_text_value_is_refused_before_anything_runs(repo: Path, tmp_path: Path, kubectl: StandIn,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 value: str) -> None:
    """D2, rows 2.5, 2.6, 2.10: a text value filling a whole argument (`argocd app get <app>`) became an option."""
    edit(repo / RB_FILE, *APP_AS_TEXT)
    for extra in ([], ["--dry-run"]):
        code = main(["--root", str(repo), "run", "rollout-not-starting", "-n", "payments", "--set", "rollout=checkout",
                     "--set", f"app={value}", "--log-dir", str(tmp_path / "log"), *extra])
        assert code == 2
        assert ("parameter 'app' (text) must not start with '-': it fills a whole argument of a command"
                in capsys.readouterr().err)
    assert kubectl.calls() == [] and not (tmp_path / "log").exists()


def test_option_like_value_at_the_prompt_is_asked_again(repo: Path, kubectl: StandIn, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / RB_FILE, *APP_AS_TEXT)
    answers = iter(["-oyaml", "checkout-prod"])
    monkeypatch.setattr(run_cmd, "_terminal", lambda: True)
    monkeypatch.setattr(run_cmd, "_read_line", lambda _prompt: next(answers))
    assert main(["--root", str(repo), "run", "rollout-not-starting", "-n", "payments", "--set", "rollout=checkout",
                 "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "app must not start with '-'" in out and "$ argocd app get checkout-prod --show-operation" in out


def test_nul_typed_at_the_prompt_is_refused(repo: Path, tmp_path: Path, kubectl: StandIn) -> None:
    """Row 2.15: through a terminal, `ab<NUL>cd` then `--kubeconfig=...` became the value `ab--kubeconfig=...`."""
    edit(repo / RB_FILE, *APP_AS_TEXT)
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "rbkb.cli", "--root", str(repo), "run", "rollout-not-starting",
                             "-n", "payments", "--set", "rollout=checkout", "--dry-run"],
                            stdin=terminal, stdout=terminal, stderr=terminal, cwd=tmp_path, close_fds=True)
    os.close(terminal)
    seen = b""

    def read_until(marker: bytes) -> None:
        nonlocal seen
        deadline = time.monotonic() + 120
        while marker not in seen:
            assert time.monotonic() < deadline, seen.decode(errors="replace")
            if select.select([controller], [], [], 1)[0]:
                try:
                    seen += os.read(controller, 4096)
                except OSError:  # the program ended and closed the terminal
                    break
    try:
        read_until(b"app (Name of the Argo CD Application")
        os.write(controller, b"ab\x00cd\n")
        read_until(b"must not contain a NUL character")
        os.write(controller, b"--kubeconfig=/tmp/evil\n")
        read_until(b"must not start with '-'")
        os.write(controller, b"checkout-prod\n")
        read_until(b"$ argocd app get checkout-prod --show-operation")
        assert proc.wait(timeout=120) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(controller)
    assert b"ab--kubeconfig" not in seen


def test_closed_stdin_ends_in_a_one_line_error(repo: Path, tmp_path: Path, kubectl: StandIn) -> None:
    """Row 3.8, D13: `runbook run ... <&-` died with AttributeError: 'NoneType' object has no attribute 'isatty'."""
    proc = spawn(repo, tmp_path, "-n", "payments", "--set", "rollout=checkout", "--dry-run", shell_prefix="<&-")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and "Traceback" not in err
    assert err.splitlines() == ["runbook run: missing parameter 'app': Name of the Argo CD Application that deploys "
                                "the Rollout. (give it with --set app=VALUE, e.g. --set app=checkout-prod)"]
    proc = spawn(repo, tmp_path, *BASE, "--fix", "--allow-changes", "--log-dir", str(tmp_path / "log"),
                 shell_prefix="<&-")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_output_is_capped_and_the_log_says_so(repo: Path, tmp_path: Path, kubectl: StandIn, found: list,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """D7, row 4.3: 200 MiB per step went whole into commands.jsonl (420 MB) and past the timeout."""
    kubectl.reply("get", "rollout", "checkout", "-o", stdout="x" * 1023 + "\n", repeat=3 * 1024)
    _code, records = run(repo, tmp_path)
    kept = records[1]["stdout"]
    assert len(kept) < (1 << 20) + 200 and kept.startswith("x" * 1023 + "\n")
    assert kept.endswith("[runbook: output cut at 1.0 MiB; 2.0 MiB more were read and dropped]\n")
    assert records[1]["exit_code"] == 0
    assert "[runbook: output cut at 1.0 MiB" in (tmp_path / "log" / "transcript.md").read_text()


def test_a_process_leaving_its_group_does_not_hold_the_run(repo: Path, tmp_path: Path, kubectl: StandIn,
                                                           found: list) -> None:
    """D8, row 4.2: a child in a new session kept the pipe open and `runbook run --timeout 2` hung."""
    kubectl.reply("get", "events", escape=300)
    started = time.monotonic()
    try:
        code, records = run(repo, tmp_path, "--timeout", "2")
    finally:
        for pid in kubectl.escaped():
            os.kill(pid, signal.SIGKILL)
    assert code == 0 and kubectl.escaped()
    assert records[4]["timed_out"] and "timed out after 2s" in records[4]["stderr"]
    assert len(records) == 6 and time.monotonic() - started < 120  # the old code waited the sleep's 300 s


def test_ctrl_c_kills_the_step_records_it_and_writes_the_transcript(repo: Path, tmp_path: Path,
                                                                     kubectl: StandIn) -> None:
    """D9, row 4.4: SIGINT left the child running (own session) and the incident directory empty."""
    kubectl.reply("get", "events", sleep=600)
    log = tmp_path / "log"
    proc = spawn(repo, tmp_path, *BASE, "--log-dir", str(log))
    try:
        wait_for(lambda: any(c[1:3] == ["get", "events"] for c in kubectl.calls()))
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert "interrupted (Ctrl-C) during diagnostics.4 (Events on the Rollout); incident log:" in err
    records = [json.loads(line) for line in (log / "commands.jsonl").read_text().splitlines()]
    assert [r["step"] for r in records] == [f"diagnostics.{i}" for i in range(5)]
    assert records[-1]["interrupted"] and records[-1]["exit_code"] is None
    transcript_md = (log / "transcript.md").read_text()
    assert "## Interrupted\n\nCtrl-C during diagnostics.4 (Events on the Rollout)" in transcript_md
    assert json.loads((log / "analysis.json").read_text())["interrupted"] == "diagnostics.4 (Events on the Rollout)"
    child = kubectl.pids()[-1]
    wait_for(lambda: not alive(child), 60)


def test_two_runs_in_one_second_get_their_own_directories(repo: Path, tmp_path: Path, kubectl: StandIn,
                                                          found: list, monkeypatch: pytest.MonkeyPatch) -> None:
    """D10, row 9.1: both runs wrote into incidents/<same second>-<id>/ and the transcript of one was lost."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(run_cmd, "now", lambda: dt.datetime(2026, 12, 6, 22, 19, 54, tzinfo=dt.UTC))
    for namespace in ("payments", "ns-two"):
        assert main(["--root", str(repo), "run", "rollout-not-starting", *BASE[2:], "-n", namespace]) == 0
    dirs = sorted(p.name for p in (tmp_path / "incidents").iterdir())
    assert dirs == ["20261206T221954Z-rollout-not-starting", "20261206T221954Z-rollout-not-starting-2"]
    for name, namespace in zip(dirs, ("payments", "ns-two"), strict=True):
        lines = (tmp_path / "incidents" / name / "commands.jsonl").read_text().splitlines()
        assert len(lines) == 6 and all(f"-n {namespace}" in json.loads(line)["command"] for line in lines[:3])


def test_a_log_dir_holding_another_run_is_refused(repo: Path, tmp_path: Path, kubectl: StandIn, found: list,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    run(repo, tmp_path)
    before = (tmp_path / "log" / "commands.jsonl").read_text()
    code, _records = run(repo, tmp_path)
    assert code == 2 and "commands.jsonl: another run's log is there; choose another --log-dir" in \
        capsys.readouterr().err
    assert (tmp_path / "log" / "commands.jsonl").read_text() == before


def test_output_of_a_command_reading_secret_values_is_not_kept(repo: Path, tmp_path: Path, kubectl: StandIn,
                                                               found: list, capsys: pytest.CaptureFixture[str]) -> None:
    """Row 5.12: `-o jsonpath='{.data.password}'` prints a bare base64 value that no pattern recognises."""
    edit(repo / RB_FILE, "command: argocd app get <app> --show-operation",
         "command: kubectl get secret <app> -n <namespace> -o jsonpath='{.data.password}'")
    kubectl.reply("get", "secret", stdout="aHVudGVyMmh1bnRlcjI=")
    run(repo, tmp_path)
    written = "".join(p.read_text() for p in (tmp_path / "log").iterdir())
    assert "aHVudGVyMmh1bnRlcjI=" not in written and "this command prints Secret values" in written
    assert "aHVudGVyMmh1bnRlcjI=" not in capsys.readouterr().out


# ----------------------------------------------------------------------------------------------------------------------
# A diagnostic captures a value for the steps after it (issue 15)
# ----------------------------------------------------------------------------------------------------------------------

HASH_LINE = "Progressing | more replicas need to be updated | hash=6d4f8b7c9 stable=5b8c7d6f4\n"


@pytest.fixture
def capturing(repo: Path) -> Path:
    """The mini runbook with a `pod-hash` that the pause-state check captures and a last check that uses it."""
    path = repo / RB_FILE
    edit(path, "quick_check:", "  - name: pod-hash\n    kind: name\n    description: Pod template hash of the new "
         "revision.\n    example: 6d4f8b7c9\nquick_check:")
    edit(path, "    look_for: >-\n      `Paused` with a reason",
         "    captures:\n      - parameter: pod-hash\n        pattern: 'hash=([a-z0-9]+) stable='\n"
         "    look_for: >-\n      `Paused` with a reason")
    edit(path, "causes:\n", "  - id: new-pods\n    title: List the new revision's pods\n    command: kubectl get pods "
         "-n <namespace> -l rollouts-pod-template-hash=<pod-hash>\n    look_for: STATUS and READY of each pod.\n"
         "causes:\n")
    return repo


def test_a_captured_value_fills_the_later_steps(capturing: Path, tmp_path: Path, kubectl: StandIn, found: list,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    kubectl.reply("get", "rollout", "checkout", "-o", stdout=HASH_LINE)
    code, records = run(capturing, tmp_path)  # no --set pod-hash, no terminal: it was never asked for
    assert code == 0 and len(records) == 7
    assert ["kubectl", "get", "pods", "-n", "payments", "-l", "rollouts-pod-template-hash=6d4f8b7c9"] in \
        kubectl.calls()
    assert "  <pod-hash> = 6d4f8b7c9 (read from the output of diagnostics.1)" in capsys.readouterr().out
    transcript_md = (tmp_path / "log" / "transcript.md").read_text()
    assert "| pod-hash | `6d4f8b7c9` | read from the output of diagnostics.1 |" in transcript_md
    assert "| namespace | `payments` | given |" in transcript_md


@pytest.mark.parametrize(("printed", "reason"), [
    ("Progressing | x | hash=-oyaml stable=5b8c7d6f4\n", "has no match for hash=([a-z0-9]+) stable="),
    ("Healthy |  | hash= stable=5b8c7d6f4\n", "has no match for hash=([a-z0-9]+) stable="),
    ("Progressing | x | hash=" + "a" * 300 + " stable=x\n", "which must be a DNS-1123 subdomain"),
])
def test_a_capture_that_fails_skips_the_steps_that_need_it(capturing: Path, tmp_path: Path, kubectl: StandIn,
                                                           found: list, printed: str, reason: str) -> None:
    kubectl.reply("get", "rollout", "checkout", "-o", stdout=printed)
    code, records = run(capturing, tmp_path)
    assert code == 0
    assert records[6]["skipped"].startswith("refused: no value for <pod-hash>: ")
    assert reason in records[6]["skipped"] and records[6]["skipped"].endswith("give it with --set pod-hash=VALUE")
    assert not any(c[1:3] == ["get", "pods"] for c in kubectl.calls())


def test_a_captured_value_is_checked_like_any_other(capturing: Path, tmp_path: Path, kubectl: StandIn,
                                                    found: list) -> None:
    """A hostile capture pattern cannot smuggle an option either: the kind and the leading-dash rule apply."""
    edit(capturing / RB_FILE, "kind: name\n    description: Pod template hash", "kind: text\n    description: Pod "
         "template hash")
    edit(capturing / RB_FILE, "-l rollouts-pod-template-hash=<pod-hash>", "-l app <pod-hash>")
    edit(capturing / RB_FILE, "pattern: 'hash=([a-z0-9]+) stable='", "pattern: 'hash=(\\S+) stable='")
    kubectl.reply("get", "rollout", "checkout", "-o", stdout="Progressing | x | hash=--kubeconfig=/tmp/evil stable=y\n")
    _code, records = run(capturing, tmp_path)
    assert "printed '--kubeconfig=/tmp/evil', which must not start with '-'" in records[6]["skipped"]
    assert not any("--kubeconfig=/tmp/evil" in c for c in kubectl.calls())


def test_a_given_value_wins_over_the_capture(capturing: Path, tmp_path: Path, kubectl: StandIn, found: list) -> None:
    kubectl.reply("get", "rollout", "checkout", "-o", stdout=HASH_LINE)
    run(capturing, tmp_path, "--set", "pod-hash=7f9c2b4d6e")
    assert ["kubectl", "get", "pods", "-n", "payments", "-l", "rollouts-pod-template-hash=7f9c2b4d6e"] in \
        kubectl.calls()
    assert "| pod-hash | `7f9c2b4d6e` | given |" in (tmp_path / "log" / "transcript.md").read_text()


def test_on_a_terminal_a_failed_capture_is_asked_for_when_needed(capturing: Path, tmp_path: Path, kubectl: StandIn,
                                                                 found: list, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    kubectl.reply("get", "rollout", "checkout", "-o", stdout="Healthy |  | hash= stable=5b8c7d6f4\n")
    monkeypatch.setattr(run_cmd, "_terminal", lambda: True)
    monkeypatch.setattr(run_cmd, "_read_line", lambda _prompt: "7f9c2b4d6e")
    run(capturing, tmp_path)
    assert "<pod-hash> is needed now: the output of diagnostics.1" in capsys.readouterr().out
    assert ["kubectl", "get", "pods", "-n", "payments", "-l", "rollouts-pod-template-hash=7f9c2b4d6e"] in \
        kubectl.calls()
    assert "| pod-hash | `7f9c2b4d6e` | asked during the run |" in (tmp_path / "log" / "transcript.md").read_text()


def test_dry_run_names_where_a_captured_value_comes_from(capturing: Path, tmp_path: Path, kubectl: StandIn,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, _records = run(capturing, tmp_path, "--dry-run")
    out = capsys.readouterr().out
    assert code == 0 and kubectl.calls() == []
    assert "reads <pod-hash> from its output" in out
    assert ("$ kubectl get pods -n payments -l rollouts-pod-template-hash='<pod-hash>'\n"
            "  would run, once it has <pod-hash> from diagnostics.1") in out
