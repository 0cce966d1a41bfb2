"""Run a runbook's steps against the current cluster: fill, gate, run with a timeout, record, go on.

A failing, timed-out or refused step is recorded and the run continues: the next check may still name the cause.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Cause, Repository, Runbook
from .gate import Confirm, Decision, Policy, decide
from .incident import IncidentLog, StepRecord, iso
from .process import DEFAULT_TIMEOUT, now, run_process
from .progress import Progress
from .substitute import Filled, Target, UnsafeSubstitution, fill


@dataclass(frozen=True)
class Step:
    path: str  # field path in the runbook, e.g. diagnostics.0
    title: str
    command: str  # as written, with <placeholders>
    warning: str | None = None


@dataclass
class Session:
    """Everything one run shares: the runbook, the filled-in values, the gates and where records go."""

    runbook: Runbook
    values: dict[str, str]
    policy: Policy
    confirm: Confirm
    progress: Progress
    log: IncidentLog | None  # None for a dry run
    target: Target = field(default_factory=Target)
    timeout: float = DEFAULT_TIMEOUT
    show: Callable[[str], None] = print


def diagnostic_steps(rb: Runbook) -> list[Step]:
    return [Step(f"diagnostics.{i}", d.title, d.command) for i, d in enumerate(rb.diagnostics)]


def confirm_step(rb: Runbook, cause: Cause, when: str) -> Step:
    i = rb.causes.index(cause)
    return Step(f"causes.{i}.confirm", f"Confirm {cause.id} ({when})", cause.confirm.command)


def fix_steps(rb: Runbook, cause: Cause) -> list[Step]:
    i = rb.causes.index(cause)
    return [Step(f"causes.{i}.fix.{j}", s.title, s.command or "", s.warning) for j, s in enumerate(cause.fix)]


def run_steps(session: Session, steps: Sequence[Step], *, always_ask: bool = False) -> list[StepRecord]:
    records = []
    for n, step in enumerate(steps, 1):
        session.progress.start(n, len(steps), step.title)
        record = run_step(session, step, always_ask=always_ask)
        if session.log is not None:
            record = session.log.add(record)
        session.progress.finish(n, len(steps), record)
        records.append(record)
    return records


def run_step(session: Session, step: Step, *, always_ask: bool = False) -> StepRecord:
    started = now()
    try:
        filled = fill(step.command, session.values, session.target)
    except UnsafeSubstitution as e:
        return _record(session, step, step.command, started, skipped=f"refused: {e}")
    with session.progress.paused():
        decision = decide(filled.display, session.policy, session.confirm, title=step.title, warning=step.warning,
                          always_ask=always_ask, show=session.show)
    if not decision.run:
        return _record(session, step, filled.display, started, skipped=decision.skipped)
    result = run_process(["bash", "-c", filled.run], timeout=session.timeout, env={**os.environ, **filled.env})
    return StepRecord(session.runbook.id, step.path, step.title, filled.display, result.exit_code, result.timed_out,
                      None, iso(result.started), iso(result.ended), result.stdout, result.stderr)


def plan(session: Session, step: Step) -> tuple[Filled | None, Decision | str]:
    """What a dry run shows for a step: its filled text and what the gate would do (without asking)."""
    try:
        filled = fill(step.command, session.values, session.target)
    except UnsafeSubstitution as e:
        return None, f"refused: {e}"
    never = Policy(session.policy.allow_changes, yes=True)
    return filled, decide(filled.display, never, lambda _q: None, title=step.title, show=lambda _s: None)


def _record(session: Session, step: Step, command: str, started: Any, *, skipped: str | None) -> StepRecord:
    return StepRecord(session.runbook.id, step.path, step.title, command, None, False, skipped, iso(started),
                      iso(now()), "", "")


def outputs(records: Sequence[StepRecord]) -> list[str]:
    """What the analyzer reads: each step's output, stdout then stderr (errors name causes too)."""
    return [r.output for r in records if r.ran and r.output.strip()]


def analyze(texts: Sequence[str], repo: Repository, site_url: str) -> list[Any]:
    """The analyzer's findings, best first (a seam: tests replace it to isolate the executor)."""
    from ..analyze import analyze_outputs
    from ..analyze.table import table_of

    return list(analyze_outputs(texts, table_of(repo, site_url)))
