"""Run one program with a time bound and record what happened. No shell is involved unless argv asks for one.

The bound covers the whole step: at the deadline the process group is killed, and the output is then read for at
most GRACE seconds more, because a process that left the group (`setsid`, a daemonising tool) can keep the pipes
open forever. Each stream keeps at most `cap` bytes; the rest is read and dropped, and the kept text says so.
Ctrl-C kills the group too and raises `Interrupted` with what was printed until then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO

DEFAULT_TIMEOUT = 30.0
GRACE = 2.0  # seconds to collect output after a kill
_CHUNK = 1 << 16


@dataclass(frozen=True)
class ProcessResult:
    argv: tuple[str, ...]
    exit_code: int | None  # None when it timed out, was interrupted or could not start
    stdout: str
    stderr: str
    started: dt.datetime  # UTC
    ended: dt.datetime  # UTC
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


class Interrupted(KeyboardInterrupt):
    """Ctrl-C arrived while the process ran; its process group was killed. `result` holds what it printed.

    A KeyboardInterrupt, so callers that do not look at the result (doctor, triage) stop as on any Ctrl-C.
    """

    def __init__(self, result: ProcessResult) -> None:
        super().__init__("interrupted")
        self.result = result


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MiB" if n >= 1 << 20 else f"{n} bytes"


class _Kept:
    """The first `cap` bytes of a stream, and how many there were in all."""

    def __init__(self, cap: int | None) -> None:
        self.cap = cap
        self.parts: list[bytes] = []
        self.kept = 0
        self.total = 0

    def add(self, chunk: bytes) -> None:
        self.total += len(chunk)
        room = len(chunk) if self.cap is None else max(0, min(len(chunk), self.cap - self.kept))
        if room:
            self.parts.append(chunk[:room])
            self.kept += room

    def text(self) -> str:
        text = b"".join(self.parts).decode("utf-8", errors="replace")
        if self.total > self.kept:
            text += (("" if text.endswith("\n") else "\n") + f"[runbook: output cut at {size(self.kept)}; "
                     f"{size(self.total - self.kept)} more were read and dropped]\n")
        return text


def run_process(argv: Sequence[str], *, timeout: float = DEFAULT_TIMEOUT, env: Mapping[str, str] | None = None,
                cap: int | None = None) -> ProcessResult:
    """Run argv in its own process group; kill the group at the deadline (or on Ctrl-C, raising Interrupted)."""
    started = now()
    try:
        proc = subprocess.Popen(list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=dict(env) if env is not None else None,
                                start_new_session=True)
    except OSError as e:
        return ProcessResult(tuple(argv), None, "", f"cannot run {argv[0]}: {e.strerror}", started, now())
    assert proc.stdout is not None and proc.stderr is not None
    out, err = _Kept(cap), _Kept(cap)
    streams: dict[IO[bytes], _Kept] = {proc.stdout: out, proc.stderr: err}
    try:
        overran = _collect(proc, streams, time.monotonic() + timeout)
    except KeyboardInterrupt:
        _kill(proc)
        with contextlib.suppress(KeyboardInterrupt):  # a second Ctrl-C only cuts the collection short
            _collect(proc, streams, time.monotonic() + GRACE, killed=True)
        raise Interrupted(ProcessResult(tuple(argv), None, out.text(), err.text() + "\ninterrupted (Ctrl-C)",
                                        started, now())) from None
    finally:
        for stream in streams:
            stream.close()
    if overran:
        return ProcessResult(tuple(argv), None, out.text(), err.text() + f"\ntimed out after {timeout:g}s",
                             started, now(), True)
    return ProcessResult(tuple(argv), proc.returncode, out.text(), err.text(), started, now())


def _collect(proc: subprocess.Popen[bytes], streams: dict[IO[bytes], _Kept], deadline: float, *,
             killed: bool = False) -> bool:
    """Read both streams until they close and the process exits; True when the deadline passed first."""
    with selectors.DefaultSelector() as selector:
        for stream, kept in streams.items():
            if not stream.closed:
                selector.register(stream, selectors.EVENT_READ, kept)
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if killed:
                    break  # a process outside the group holds the pipe: stop waiting for it
                _kill(proc)
                killed, deadline = True, time.monotonic() + GRACE
                continue
            for key, _events in selector.select(remaining):
                chunk = os.read(key.fd, _CHUNK)
                if chunk:
                    key.data.add(chunk)
                else:
                    selector.unregister(key.fileobj)
    try:
        proc.wait(timeout=max(deadline - time.monotonic(), 0) if not killed else GRACE)
    except subprocess.TimeoutExpired:
        _kill(proc)
        killed = True
        try:
            proc.wait(timeout=GRACE)
        except subprocess.TimeoutExpired:
            pass  # unkillable (uninterruptible sleep): give up on its exit status
    return killed


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass  # the group is gone already
