"""Which step is running: one live line with elapsed seconds on a terminal, plain lines otherwise."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import TextIO

from .incident import StepRecord


def outcome(record: StepRecord) -> str:
    if record.interrupted:
        return "interrupted (Ctrl-C)" if record.ran else "interrupted (Ctrl-C) before it ran"
    if record.skipped:
        return f"skipped: {record.skipped}"
    if record.timed_out:
        return "timed out"
    return "ok" if record.exit_code == 0 else f"exit {record.exit_code}"


class Progress:
    def __init__(self, stream: TextIO, live: bool) -> None:
        self.stream = stream
        self.live = live
        self._line = ""
        self._started = 0.0
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def start(self, n: int, total: int, title: str) -> None:
        self._line = f"[{n}/{total}] {title}"
        self._started = time.monotonic()
        if not self.live:
            self._write(f"{self._line} ...\n")
            return
        self._stop.clear()
        self._ticker = threading.Thread(target=self._tick, daemon=True)
        self._ticker.start()

    def finish(self, n: int, total: int, record: StepRecord) -> None:
        self._halt()
        seconds = time.monotonic() - self._started
        line = f"[{n}/{total}] {record.title}: {outcome(record)} ({seconds:.1f}s)"
        self._write(f"\r\x1b[K{line}\n" if self.live else f"{line}\n")

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Stop redrawing while a prompt or warning is on screen."""
        self._halt()
        if self.live:
            self._write("\r\x1b[K")
        try:
            yield
        finally:
            if self.live and self._line:
                self._stop.clear()
                self._ticker = threading.Thread(target=self._tick, daemon=True)
                self._ticker.start()

    def _tick(self) -> None:
        while not self._stop.is_set():
            self._write(f"\r\x1b[K{self._line} ({time.monotonic() - self._started:.0f}s)")
            self._stop.wait(0.5)

    def _halt(self) -> None:
        if self._ticker is not None:
            self._stop.set()
            self._ticker.join()
            self._ticker = None

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
