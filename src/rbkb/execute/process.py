"""Run one program with a timeout and record what happened. No shell is involved unless argv asks for one."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class ProcessResult:
    argv: tuple[str, ...]
    exit_code: int | None  # None when it timed out or could not start
    stdout: str
    stderr: str
    started: dt.datetime  # UTC
    ended: dt.datetime  # UTC
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def run_process(argv: Sequence[str], *, timeout: float = DEFAULT_TIMEOUT, env: Mapping[str, str] | None = None,
                stdin: str | None = None) -> ProcessResult:
    """Run argv; on timeout kill its whole process group, so a pipeline's children die with it."""
    started = now()
    try:
        proc = subprocess.Popen(list(argv), stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=dict(env) if env is not None else None, start_new_session=True)
    except OSError as e:
        return ProcessResult(tuple(argv), None, "", f"cannot run {argv[0]}: {e.strerror}", started, now())
    try:
        out, err = proc.communicate(stdin, timeout=timeout)
        return ProcessResult(tuple(argv), proc.returncode, out, err, started, now())
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return ProcessResult(tuple(argv), None, out, err + f"\ntimed out after {timeout:g}s", started, now(), True)
