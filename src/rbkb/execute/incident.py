"""The incident log of one run: commands.jsonl (one object per step), transcript.md and analysis.json.

`runbook postmortem new --from-log DIR` reads commands.jsonl, so its field names are a contract:
runbook, step, title, command, exit_code, timed_out, skipped, started, ended, stdout, stderr, interrupted.
Everything is redacted before it is stored; each run gets a directory of its own, never shared with another run.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .redact import SECRET_OUTPUT, reads_secret_values, redact

COMMANDS_FILE = "commands.jsonl"
TRANSCRIPT_FILE = "transcript.md"
ANALYSIS_FILE = "analysis.json"


@dataclass(frozen=True)
class StepRecord:
    runbook: str
    step: str  # field path in the runbook: diagnostics.0, causes.1.confirm, causes.1.fix.0
    title: str
    command: str  # the exact text, parameters filled in
    exit_code: int | None
    timed_out: bool
    skipped: str | None  # why it did not run, or None
    started: str  # ISO 8601 UTC
    ended: str
    stdout: str
    stderr: str
    interrupted: bool = False  # Ctrl-C arrived while it ran (or while its prompt waited)

    @property
    def ran(self) -> bool:
        return self.skipped is None

    @property
    def output(self) -> str:
        return self.stdout + (("\n" if self.stdout and not self.stdout.endswith("\n") else "") + self.stderr
                              if self.stderr else "")

    def redacted(self) -> StepRecord:
        stdout = SECRET_OUTPUT if self.stdout.strip() and reads_secret_values(self.command) else redact(self.stdout)
        return StepRecord(**{**asdict(self), "command": redact(self.command), "title": redact(self.title),
                             "stdout": stdout, "stderr": redact(self.stderr)})


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_dir(runbook_id: str, now: dt.datetime) -> Path:
    return Path("incidents") / f"{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{runbook_id}"


class LogDirTaken(Exception):
    """The directory already holds another run's commands.jsonl."""


class IncidentLog:
    """Appends each step as it finishes, so an interrupted run still leaves its record.

    Creating commands.jsonl with O_EXCL claims the directory: two runs never write into one log.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        try:
            (directory / COMMANDS_FILE).open("x", encoding="utf-8").close()
        except FileExistsError:
            raise LogDirTaken(f"{directory / COMMANDS_FILE}: another run's log is there; choose another --log-dir") \
                from None
        self.records: list[StepRecord] = []

    @classmethod
    def fresh(cls, base: Path, attempts: int = 100) -> IncidentLog:
        """A log in `base`, or `base-2`, `base-3`, ... when a run started in the same second took it."""
        for n in range(1, attempts + 1):
            try:
                return cls(base if n == 1 else base.with_name(f"{base.name}-{n}"))
            except LogDirTaken:
                continue
        raise LogDirTaken(f"{base}: {attempts} runs in one second; pass --log-dir")

    def add(self, record: StepRecord) -> StepRecord:
        record = record.redacted()
        self.records.append(record)
        with open(self.directory / COMMANDS_FILE, "a", encoding="utf-8") as f:
            f.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
        return record

    def write_analysis(self, analysis: dict[str, Any]) -> None:
        text = redact(json.dumps(analysis, indent=2, ensure_ascii=False))
        (self.directory / ANALYSIS_FILE).write_text(text + "\n", encoding="utf-8")

    def write_transcript(self, text: str) -> None:
        (self.directory / TRANSCRIPT_FILE).write_text(redact(text), encoding="utf-8")
