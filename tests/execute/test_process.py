"""Processes get a timeout that kills the whole group, and every outcome is recorded."""

from __future__ import annotations

from rbkb.execute.process import run_process


def test_success_records_output_and_times() -> None:
    r = run_process(["bash", "-c", "echo out; echo err >&2"])
    assert (r.exit_code, r.stdout, r.stderr, r.timed_out) == (0, "out\n", "err\n", False)
    assert r.started <= r.ended


def test_timeout_kills_children_too() -> None:
    r = run_process(["bash", "-c", "sleep 30 | cat; echo never"], timeout=0.5)
    assert r.timed_out and r.exit_code is None
    assert "never" not in r.stdout
    assert (r.ended - r.started).total_seconds() < 10


def test_missing_program_is_a_result_not_an_exception() -> None:
    r = run_process(["no-such-program-rbkb"])
    assert r.exit_code is None and "cannot run no-such-program-rbkb" in r.stderr
