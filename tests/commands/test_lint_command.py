"""`runbook lint-command`: the JSON contract other tools rely on."""

from __future__ import annotations

import io
import json

import pytest

from rbkb.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str], stdin: str = "") -> tuple[int, str]:
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        rc = main(["lint-command", *args])
    finally:
        sys.stdin = old
    return rc, capsys.readouterr().out


def test_json_one_object_per_command_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = run(["--format", "json", "kubectl get pods -n <namespace>", "echo 'broken",
                   "kubectl get pods -l rollout=x"], capsys)
    data = json.loads(out)
    assert [d["command"] for d in data] == ["kubectl get pods -n <namespace>", "echo 'broken",
                                             "kubectl get pods -l rollout=x"]
    assert [d["valid"] for d in data] == [True, False, True]  # style warnings do not invalidate
    assert data[0]["problems"] == []
    assert data[1]["problems"][0]["rule"] == "RB101" and data[1]["problems"][0]["severity"] == "error"
    assert data[2]["problems"][0]["rule"] == "RB405"
    assert rc == 1


def test_reads_stdin_one_command_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = run(["--format", "json"], capsys, stdin="kubectl get pods\n\nargocd app get my-app\n")
    assert [d["command"] for d in json.loads(out)] == ["kubectl get pods", "argocd app get my-app"]
    assert rc == 0


def test_json_reports_the_safety_class_and_why(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = run(["--format", "json", "kubectl get pods -n x", "timeout 10 kubectl delete pod p -n x",
                   "kubectl get pods | tee pods.txt"], capsys)
    data = json.loads(out)
    assert [d["safety"]["class"] for d in data] == ["read-only", "destructive", "mutating"]
    assert data[0]["safety"]["reasons"] == []
    assert data[1]["safety"]["reasons"] == ["kubectl delete deletes the objects"]
    assert data[2]["safety"]["reasons"] == ["tee writes the local file pods.txt"]
    assert rc == 0  # a snippet may change things: valid, and the class says what it does


def test_diagnostic_context_gates_a_pipeline(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = run(["--format", "json", "--context", "diagnostic", "env kubectl delete pod p", "kubectl get pods",
                   "kubectl logs -f p"], capsys)
    data = json.loads(out)
    assert [d["valid"] for d in data] == [False, True, False]
    assert data[0]["problems"][0]["rule"] == "RB301" and "destructive" in data[0]["problems"][0]["message"]
    assert [p["rule"] for p in data[2]["problems"]] == ["RB303"]
    assert rc == 1


def test_documentation_placeholders_are_values(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = run(["--format", "json", "argocd app set <APPNAME> --auto-prune",
                   "argocd proj add-source <PROJECT> <REPO>"], capsys)
    assert [d["problems"] for d in json.loads(out)] == [[], []]
    assert rc == 0


def test_an_unknown_custom_resource_is_a_warning_only(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = run(["--format", "json", "kubectl get kafkatopics -n streaming"], capsys)
    data = json.loads(out)[0]
    assert data["valid"] is True and [(p["rule"], p["severity"]) for p in data["problems"]] == [("RB208", "warning")]
    assert rc == 0


def test_text_output_names_the_safety_class(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out = run(["helm template x ./chart --output-dir out"], capsys)
    assert out.splitlines()[:2] == ["ok      helm template x ./chart --output-dir out",
                                    "  safety: mutating (helm template --output-dir writes local files)"]
    assert rc == 0
