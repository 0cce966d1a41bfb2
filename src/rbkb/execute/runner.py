"""Run a runbook's steps against the current cluster: fill, gate, run with a time bound, record, go on.

A failing, timed-out or refused step is recorded and the run continues: the next check may still name the cause.
Ctrl-C is different: the step's processes are killed, the step is recorded as interrupted, and the run stops.

A diagnostic may capture a value (the new revision's pod hash) for the steps after it. The captured value is
checked against its parameter's kind like any other before it fills a command, and where each value came from is
kept for the transcript.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Capture, Cause, Repository, Runbook, placeholders
from .gate import Confirm, Decision, Policy, decide
from .incident import IncidentLog, StepRecord, iso
from .params import Ask, ParameterError, ask_until_valid, check_value
from .process import DEFAULT_TIMEOUT, Interrupted, ProcessResult, now, run_process
from .progress import Progress
from .substitute import Filled, Target, UnsafeSubstitution, fill

OUTPUT_CAP = 1 << 20  # bytes kept of each command's stdout and of its stderr


@dataclass(frozen=True)
class Step:
    path: str  # field path in the runbook, e.g. diagnostics.0
    title: str
    command: str  # as written, with <placeholders>
    warning: str | None = None
    captures: tuple[Capture, ...] = ()


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
    ask: Ask | None = None  # asks for a value a step needs that nobody gave; None without a terminal
    options: set[str] = field(default_factory=set)  # parameters whose value may not start with '-'
    sources: dict[str, str] = field(default_factory=dict)  # where each value came from, for the transcript
    pending: dict[str, str] = field(default_factory=dict)  # values a step captures later: why there is none yet
    output_cap: int = OUTPUT_CAP


class StepInterrupted(KeyboardInterrupt):
    """Ctrl-C during a step: `record` is the step as it ended (killed, with what it printed)."""

    def __init__(self, record: StepRecord) -> None:
        super().__init__(record.step)
        self.record = record


def diagnostic_steps(rb: Runbook) -> list[Step]:
    return [Step(f"diagnostics.{i}", d.title, d.command, captures=tuple(d.captures))
            for i, d in enumerate(rb.diagnostics)]


def captured_later(rb: Runbook) -> dict[str, Step]:
    """Parameters a diagnostic captures before any step uses them, with the step that captures each."""
    found: dict[str, Step] = {}
    used: set[str] = set()
    for step in diagnostic_steps(rb):
        used.update(placeholders(step.command))
        for capture in step.captures:
            if capture.parameter not in used and capture.parameter not in found:
                found[capture.parameter] = step
    return found


def confirm_step(rb: Runbook, cause: Cause, when: str) -> Step:
    i = rb.causes.index(cause)
    return Step(f"causes.{i}.confirm", f"Confirm {cause.id} ({when})", cause.confirm.command)


def fix_steps(rb: Runbook, cause: Cause) -> list[Step]:
    i = rb.causes.index(cause)
    return [Step(f"causes.{i}.fix.{j}", s.title, s.command or "", s.warning) for j, s in enumerate(cause.fix)]


def run_steps(session: Session, steps: Sequence[Step], *, always_ask: bool = False) -> list[StepRecord]:
    """Run and record each step; on Ctrl-C record the step that was running and raise StepInterrupted."""
    records = []
    for n, step in enumerate(steps, 1):
        session.progress.start(n, len(steps), step.title)
        started, interrupted, notes = now(), False, []
        try:
            record = run_step(session, step, always_ask=always_ask)
            notes = capture(session, step, record)
        except StepInterrupted as e:
            record, interrupted = e.record, True
        except KeyboardInterrupt:  # at a prompt, or while filling in: nothing was started
            record = _record(session, step, step.command, started, skipped="interrupted (Ctrl-C) before it ran",
                             interrupted=True)
            interrupted = True
        if session.log is not None:
            record = session.log.add(record)
        session.progress.finish(n, len(steps), record)
        for note in notes:
            session.show(note)
        records.append(record)
        if interrupted:
            raise StepInterrupted(record)
    return records


def run_step(session: Session, step: Step, *, always_ask: bool = False) -> StepRecord:
    started = now()
    missing = _fill_missing(session, step)
    if missing:
        return _record(session, step, step.command, started, skipped=missing)
    try:
        filled = fill(step.command, session.values, session.target)
    except UnsafeSubstitution as e:
        return _record(session, step, step.command, started, skipped=f"refused: {e}")
    with session.progress.paused():
        decision = decide(filled.display, session.policy, session.confirm, title=step.title, warning=step.warning,
                          always_ask=always_ask, show=session.show)
    if not decision.run:
        return _record(session, step, filled.display, started, skipped=decision.skipped)
    try:
        result = run_process(["bash", "-c", filled.run], timeout=session.timeout, env={**os.environ, **filled.env},
                             cap=session.output_cap)
    except Interrupted as e:
        raise StepInterrupted(_ran(session, step, filled.display, e.result, interrupted=True)) from None
    return _ran(session, step, filled.display, result)


def capture(session: Session, step: Step, record: StepRecord) -> list[str]:
    """Take the values `step` captures from its output, each checked against its parameter's kind first.

    A value already known (given with --set, a default, or captured before) is kept. Returns lines to show.
    """
    notes = []
    for cap in step.captures:
        name = cap.parameter
        if name in session.values:
            continue
        where = f"{step.path} ({step.title})"
        if not record.ran or record.timed_out or record.exit_code != 0:
            session.pending[name] = f"{where} did not succeed, so it could not read the value"
            continue
        m = re.search(cap.pattern, record.stdout)
        value = (m.group(1) or "").strip() if m else ""
        if not value:
            session.pending[name] = f"the output of {where} has no match for {cap.pattern}"
            continue
        problem = check_value(session.runbook.parameter(name).kind, value, whole_argument=name in session.options)
        if problem:
            session.pending[name] = f"{where} printed {value!r}, which {problem}"
            continue
        session.values[name] = value
        session.sources[name] = f"read from the output of {step.path}"
        session.pending.pop(name, None)
        notes.append(f"  <{name}> = {value} (read from the output of {step.path})")
    return notes


def _fill_missing(session: Session, step: Step) -> str | None:
    """Ask for the values this step needs that no one gave and no step captured; the reason to skip it if none."""
    for name in dict.fromkeys(placeholders(step.command)):
        if name in session.values:
            continue
        why = session.pending.get(name, "no value was given")
        if session.ask is None:
            return f"refused: no value for <{name}>: {why}; give it with --set {name}=VALUE"
        with session.progress.paused():
            session.show(f"<{name}> is needed now: {why}.")
            try:
                session.values[name] = ask_until_valid(session.runbook.parameter(name), session.ask,
                                                       whole_argument=name in session.options)
            except ParameterError as e:
                return f"refused: {e}"
        session.sources[name] = "asked during the run"
        session.pending.pop(name, None)
    return None


def plan(session: Session, step: Step) -> tuple[Filled | None, Decision | str]:
    """What a dry run shows for a step: its filled text and what the gate would do (without asking).

    A value a step captures later is shown as its placeholder.
    """
    values = {**{name: f"<{name}>" for name in session.pending}, **session.values}
    try:
        filled = fill(step.command, values, session.target)
    except UnsafeSubstitution as e:
        return None, f"refused: {e}"
    never = Policy(session.policy.allow_changes, yes=True)
    return filled, decide(filled.display, never, lambda _q: None, title=step.title, show=lambda _s: None)


def _ran(session: Session, step: Step, command: str, result: ProcessResult, *,
         interrupted: bool = False) -> StepRecord:
    return StepRecord(session.runbook.id, step.path, step.title, command, result.exit_code, result.timed_out,
                      None, iso(result.started), iso(result.ended), result.stdout, result.stderr, interrupted)


def _record(session: Session, step: Step, command: str, started: Any, *, skipped: str | None,
            interrupted: bool = False) -> StepRecord:
    return StepRecord(session.runbook.id, step.path, step.title, command, None, False, skipped, iso(started),
                      iso(now()), "", "", interrupted)


def outputs(records: Sequence[StepRecord]) -> list[str]:
    """What the analyzer reads: each step's output, stdout then stderr (errors name causes too)."""
    return [r.output for r in records if r.ran and r.output.strip()]


def analyze(texts: Sequence[str], repo: Repository, site_url: str) -> list[Any]:
    """The analyzer's findings, best first (a seam: tests replace it to isolate the executor)."""
    from ..analyze import analyze_outputs
    from ..analyze.table import table_of

    return list(analyze_outputs(texts, table_of(repo, site_url)))
