"""Processes get a timeout that kills the whole group, and every outcome is recorded."""

from __future__ import annotations

import os
import signal
import time

from rbkb.execute.process import GRACE, run_process


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


def test_output_is_capped_and_the_cut_is_said() -> None:
    """D7: 5 MB on stdout keeps 1 MiB and a line saying how much was dropped; the exit code is the program's."""
    r = run_process(["bash", "-c", "head -c 5000000 /dev/zero | tr '\\0' a; echo done >&2"], cap=1 << 20)
    assert r.exit_code == 0 and r.stderr == "done\n"
    kept, note = r.stdout.rsplit("\n", 2)[0], r.stdout.rsplit("\n", 2)[1]
    assert kept == "a" * (1 << 20)
    assert note == f"[runbook: output cut at 1.0 MiB; {(5000000 - (1 << 20)) / (1 << 20):.1f} MiB more were read " \
                   "and dropped]"


def test_non_utf8_output_is_kept_readable() -> None:
    r = run_process(["bash", "-c", "printf 'ok \\377\\376 end\\n'"])
    assert r.exit_code == 0 and r.stdout == "ok \ufffd\ufffd end\n"


def test_a_process_that_leaves_the_group_cannot_hold_the_step_open() -> None:
    """D8: `setsid sleep` keeps the pipe open after the group is killed; the step still ends near its bound."""
    started = time.monotonic()
    r = run_process(["bash", "-c", "setsid sleep 120 & echo $!; sleep 120"], timeout=1)
    elapsed = time.monotonic() - started
    escaped = int(r.stdout.split()[0])
    try:
        assert r.timed_out and r.exit_code is None
        assert elapsed < 1 + GRACE + 20  # generous on a loaded machine; the old code waited the full 120 s
        assert "timed out after 1s" in r.stderr
    finally:
        os.kill(escaped, signal.SIGKILL)


def test_a_background_child_holding_the_output_is_killed_at_the_bound() -> None:
    """The command returns at once, but a child in its group keeps stdout open: the group dies at the deadline."""
    started = time.monotonic()
    r = run_process(["bash", "-c", "sleep 120 & echo started"], timeout=1)
    assert r.timed_out and r.stdout.startswith("started\n")
    assert time.monotonic() - started < 1 + GRACE + 20
