"""`runbook diagnose` as a process: bounded input, endless and closed inputs, any working directory, one-shot."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rbkb.commands.diagnose import MAX_INPUT, InputError, read_input

ROOT = Path(__file__).resolve().parents[2]
RUNBOOK = Path(sys.executable).with_name("runbook")
OOM = ROOT / "tests" / "fixtures" / "outputs" / "oom_killed" / "gimlet-649-describe-last-state.txt"


def _run(args: list[str], *, cwd: Path, shell_redirect: str = "") -> subprocess.CompletedProcess[str]:
    command = " ".join([str(RUNBOOK), *args]) + shell_redirect
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_closed_stdin_is_a_one_line_error(tmp_path: Path) -> None:
    done = _run(["diagnose", "-"], cwd=tmp_path, shell_redirect=" <&-")
    assert done.returncode == 2 and done.stderr.strip() == "runbook diagnose: -: standard input is closed"
    assert "Traceback" not in done.stderr


def test_dev_zero_ends_with_a_clear_error(tmp_path: Path) -> None:
    done = _run(["diagnose", "/dev/zero"], cwd=tmp_path)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "/dev/zero: more than" in done.stderr and "at most 10 MB" in done.stderr


def test_a_file_over_the_limit_is_read_up_to_it_and_says_so(tmp_path: Path) -> None:
    big = tmp_path / "big.log"
    line = "I1017 21:58:37.843115 7 main.go:1] routine start-up line of a large log\n"
    big.write_text(OOM.read_text(encoding="utf-8") + line * (MAX_INPUT // len(line) + 1000), encoding="utf-8")
    done = _run(["diagnose", "--format", "json", str(big)], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "read only the first" in done.stderr and "at most 10 MB" in done.stderr
    data = json.loads(done.stdout)
    assert [c["id"] for c in data["causes"]] == ["oom_killed"] and data["notes"]


def test_works_outside_the_repository_from_the_packaged_table(tmp_path: Path) -> None:
    done = _run(["diagnose", "--format", "json", str(OOM)], cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    cause = json.loads(done.stdout)["causes"][0]
    assert cause["id"] == "oom_killed" and cause["url"].endswith("/runbooks/pod-oomkilled/#cause-oom-killed")
    assert cause["evidence"][0]["input"] == str(OOM) and cause["evidence"][0]["line_no"] == 3


def test_the_one_shot_path_imports_no_loader_pydantic_or_yaml(tmp_path: Path) -> None:
    code = ("import sys; from rbkb.cli import main; main(['diagnose', sys.argv[1]]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml', 'mkdocs') "
            "or m in ('rbkb.load', 'rbkb.model')))")
    done = subprocess.run([sys.executable, "-c", code, str(OOM)], capture_output=True, text=True, cwd=tmp_path,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_evidence_from_several_inputs_adds_up_and_names_each(tmp_path: Path) -> None:
    first, second = tmp_path / "events.txt", tmp_path / "describe.txt"
    first.write_text("Warning  Failed  kubelet  Failed to pull image \"nginx:nope\": not found\n", encoding="utf-8")
    second.write_text("    State:          Waiting\n      Reason:       ImagePullBackOff\n", encoding="utf-8")
    done = _run(["diagnose", "--format", "json", str(first), str(second)], cwd=tmp_path)
    cause = json.loads(done.stdout)["causes"][0]
    assert cause["id"] == "image_pull_error" and {e["input"] for e in cause["evidence"]} == {str(first), str(second)}
    alone = _run(["diagnose", "--format", "json", str(first)], cwd=tmp_path)
    assert cause["confidence"] > json.loads(alone.stdout)["causes"][0]["confidence"]


def test_read_input_bounds_a_text_stream() -> None:
    text, note = read_input("-", io.StringIO("x\n" * 20), budget=10)
    assert text == "x\n" * 5 and note and "read only the first 10 characters" in note


def test_read_input_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.txt: No such file or directory"):
        read_input(str(tmp_path / "missing.txt"), None, budget=100)
    with pytest.raises(InputError, match="Is a directory"):
        read_input(str(tmp_path), None, budget=100)


def test_random_bytes_name_no_cause(tmp_path: Path) -> None:
    noise = tmp_path / "noise.bin"
    noise.write_bytes(os.urandom(1_000_000))
    done = _run(["diagnose", "--format", "json", str(noise)], cwd=tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout)["causes"] == []
