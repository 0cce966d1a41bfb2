"""The incident log of one run: commands.jsonl (one object per step), transcript.md and analysis.json.

`runbook postmortem new --from-log DIR` reads commands.jsonl, so its field names are a contract:
runbook, step, title, command, exit_code, timed_out, skipped, started, ended, stdout, stderr.
Everything is redacted before it is stored.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .redact import redact

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

    @property
    def ran(self) -> bool:
        return self.skipped is None

    @property
    def output(self) -> str:
        return self.stdout + (("\n" if self.stdout and not self.stdout.endswith("\n") else "") + self.stderr
                              if self.stderr else "")

    def redacted(self) -> StepRecord:
        return StepRecord(**{**asdict(self), "command": redact(self.command), "title": redact(self.title),
                             "stdout": redact(self.stdout), "stderr": redact(self.stderr)})


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_dir(runbook_id: str, now: dt.datetime) -> Path:
    return Path("incidents") / f"{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{runbook_id}"


class IncidentLog:
    """Appends each step as it finishes, so an interrupted run still leaves its record."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.records: list[StepRecord] = []

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
