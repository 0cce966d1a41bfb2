"""Postmortems (docs/postmortems/*.md front matter) and incident logs (`runbook run`'s commands.jsonl), typed.

Both are read with every problem reported as `file:line: path: message`, like the runbooks.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from .model import Severity, Slug, Text
from .problems import Problem
from .yamlpos import YamlSyntaxError, parse

POSTMORTEM_DIR = "docs/postmortems"
LOG_FILE = "commands.jsonl"


class PostmortemMeta(BaseModel):
    """The front matter `runbook postmortem new` writes; the postmortems index is built from it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text
    date: dt.date
    severity: Severity | None = None
    status: Text = "draft"
    detected: AwareDatetime | None = Field(default=None, description="When the problem was detected (UTC).")
    resolved: AwareDatetime | None = Field(default=None, description="When the user impact ended (UTC).")
    runbooks: list[Slug] = Field(default_factory=list)
    authors: list[Text] = Field(default_factory=list)
    description: Text | None = None  # mkdocs page keys an author may add
    tags: list[Text] = Field(default_factory=list)

    @property
    def time_to_resolve(self) -> dt.timedelta | None:
        return self.resolved - self.detected if self.detected and self.resolved else None


class Postmortem(BaseModel):
    doc: str  # docs-relative path, e.g. postmortems/2026-11-20-canary-stuck.md
    meta: PostmortemMeta


def load_postmortems(root: Path) -> tuple[list[Postmortem], list[Problem]]:
    """Every docs/postmortems/*.md but the index, newest first."""
    found: list[Postmortem] = []
    problems: list[Problem] = []
    for path in sorted((root / POSTMORTEM_DIR).glob("*.md")):
        if path.name == "index.md":
            continue
        rel = str(path.relative_to(root))
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            problems.append(Problem(rel, 1, "RB001", "", f"not UTF-8 text (byte {e.start + 1} of the file)"))
            continue
        except OSError as e:
            problems.append(Problem(rel, 1, "RB003", "", f"cannot read it: {e.strerror}"))
            continue
        meta = _front_matter(rel, text, problems)
        if meta is not None:
            found.append(Postmortem(doc=str(path.relative_to(root / "docs")), meta=meta))
    found.sort(key=lambda p: (p.meta.date, p.doc), reverse=True)
    return found, problems


def _front_matter(rel: str, text: str, problems: list[Problem]) -> PostmortemMeta | None:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        problems.append(Problem(rel, 1, "RB003", "", "a postmortem starts with front matter between `---` lines"))
        return None
    end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    try:
        located = parse("\n".join(lines[1:end]))
    except YamlSyntaxError as e:
        problems.append(Problem(rel, e.line + 1, "RB001", "", e.message))
        return None
    try:
        meta = PostmortemMeta.model_validate(located.data or {})
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(err["loc"])
            problems.append(Problem(rel, located.line_of(loc) + 1, "RB003", ".".join(map(str, loc)), err["msg"]))
        return None
    if meta.detected and meta.resolved and meta.resolved < meta.detected:
        problems.append(Problem(rel, located.line_of(("resolved",)) + 1, "RB003", "resolved", "is before detected"))
    return meta


# ----------------------------------------------------------------------------------------------------------------------
# Incident log of `runbook run`
# ----------------------------------------------------------------------------------------------------------------------


class LogEntry(BaseModel):
    """One command `runbook run` executed (or skipped), as one line of DIR/commands.jsonl."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    runbook: str
    step: str | int  # `runbook run` writes the field path, e.g. diagnostics.0 or causes.1.confirm
    title: str
    command: str
    exit_code: int | None = None
    timed_out: bool = False
    skipped: bool | str | None = None  # why it did not run (or true); null or false when it ran
    started: AwareDatetime
    ended: AwareDatetime | None = None
    stdout: str = ""
    stderr: str = ""
    interrupted: bool = False  # Ctrl-C arrived while it ran


def read_incident_log(log_dir: Path) -> tuple[list[LogEntry], list[Problem]]:
    """Every entry of DIR/commands.jsonl, read line by line (a log may be large), each problem with its line."""
    path = log_dir / LOG_FILE
    if not path.is_file():
        return [], [Problem(str(path), 1, "RB003", "", f"no {LOG_FILE} here: pass the directory `runbook run` wrote")]
    entries: list[LogEntry] = []
    problems: list[Problem] = []
    try:
        with path.open("rb") as f:
            for n, raw in enumerate(f, 1):
                _read_entry(str(path), n, raw, entries, problems)
    except OSError as e:
        problems.append(Problem(str(path), 1, "RB003", "", f"cannot read it: {e.strerror}"))
    entries.sort(key=lambda entry: entry.started)
    return entries, problems


def _read_entry(path: str, n: int, raw: bytes, entries: list[LogEntry], problems: list[Problem]) -> None:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append(Problem(path, n, "RB001", "", f"not UTF-8 text (byte {e.start + 1} of the line)"))
        return
    if line.strip():
        try:
            entries.append(LogEntry.model_validate(json.loads(line)))
        except json.JSONDecodeError as e:
            problems.append(Problem(path, n, "RB001", "", f"not JSON: {e.msg}"))
        except ValidationError as e:
            for err in e.errors():
                problems.append(Problem(path, n, "RB003", ".".join(map(str, err["loc"])), err["msg"]))
