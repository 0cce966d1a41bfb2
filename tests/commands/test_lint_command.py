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
