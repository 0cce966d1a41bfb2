"""`runbook run RUNBOOK_ID`: run the checks against the current cluster, log them, name the cause, offer the fix."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .. import urls
from ..execute import runner
from ..execute.gate import Policy
from ..execute.incident import IncidentLog, LogDirTaken, StepRecord, default_dir
from ..execute.params import ParameterError, needed, resolve
from ..execute.process import DEFAULT_TIMEOUT, now
from ..execute.progress import Progress
from ..execute.redact import redact
from ..execute.report import FixResult, analysis_json, findings_text, transcript
from ..execute.substitute import Target, option_sensitive
from ..load import load_repository
from ..model import Parameter, Repository, Runbook, commands_of, placeholders

_LINE_LIMIT = 1 << 16


def _terminal() -> bool:
    """Whether there is someone to ask: stdin is a terminal (and not closed, as with `<&-`)."""
    return sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty()


def _read_line(prompt: str) -> str | None:
    """One line typed at the terminal, or None at end of input.

    Not input(): it cuts a line at a NUL byte and glues the next line on, so `ab<NUL>cd` then `--x` became `ab--x`.
    """
    sys.stdout.write(prompt)
    sys.stdout.flush()
    assert sys.stdin is not None
    raw = sys.stdin.buffer.readline(_LINE_LIMIT) if hasattr(sys.stdin, "buffer") else \
        sys.stdin.readline(_LINE_LIMIT).encode()
    return raw.decode("utf-8", errors="replace").rstrip("\r\n") if raw else None


def _ask_value(p: Parameter) -> str:
    default = f" [{p.default}]" if p.default else ""
    line = _read_line(f"{p.name} ({p.description} e.g. {p.example}){default}: ")
    if line is None:
        raise ParameterError(f"no value for {p.name!r}: the input ended (give it with --set {p.name}=VALUE)")
    return line.strip() or (p.default or "")


def _confirm(question: str) -> bool | None:
    if not _terminal():
        return None
    print(redact(question))
    answer = _read_line("Type 'yes' to run it: ")
    return None if answer is None else answer.strip().lower() in ("y", "yes")


def _out(text: str) -> None:
    print(redact(text), flush=True)  # in order with the progress lines on stderr


def run(args: argparse.Namespace) -> int:
    repo, problems = load_repository(args.root)
    if repo is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    rb = _find(repo, args.runbook)
    if rb is None:
        return 2
    ask = _ask_value if _terminal() else None
    session = runner.Session(
        runbook=rb, values={}, policy=Policy(args.allow_changes, args.yes), confirm=_confirm,
        progress=Progress(sys.stderr, live=sys.stderr.isatty()), log=None,
        target=Target(args.context, args.kubeconfig), timeout=args.timeout, show=_out, ask=ask)
    try:
        _values(session, args)
    except ParameterError as e:
        print(f"runbook run: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nrunbook run: interrupted (Ctrl-C) before any step ran", file=sys.stderr)
        return 130
    if args.dry_run:
        return _dry_run(session, args.fix)
    try:
        session.log = IncidentLog(args.log_dir) if args.log_dir else IncidentLog.fresh(default_dir(rb.id, now()))
    except (LogDirTaken, OSError) as e:
        print(f"runbook run: {e}", file=sys.stderr)
        return 2
    with _stop_signals_interrupt():
        try:
            return _investigate(session, repo, args)
        except (runner.StepInterrupted, KeyboardInterrupt) as e:
            return _interrupted(session, e)


def _investigate(session: runner.Session, repo: Repository, args: argparse.Namespace) -> int:
    rb, log = session.runbook, session.log
    assert log is not None
    _out(f"Running {len(rb.diagnostics)} checks of {rb.id}; log: {log.directory}")
    records = runner.run_steps(session, runner.diagnostic_steps(rb))
    site = urls.site_url(args.root)
    findings = runner.analyze(runner.outputs(records), repo, site)
    summary = findings_text(findings, repo, rb)
    _out(summary)
    fix = _fix(session, repo, findings, site) if args.fix else None
    log.write_analysis(analysis_json(findings, fix))
    log.write_transcript(transcript(rb, session.values, log.records, summary, fix, session.sources))
    _out(f"Incident log: {log.directory}")
    return 0


def _interrupted(session: runner.Session, e: BaseException) -> int:
    """Ctrl-C: the step's processes are dead already; keep what the run has, say where it stopped, exit 130."""
    log = session.log
    assert log is not None
    where = f"{e.record.step} ({e.record.title})" if isinstance(e, runner.StepInterrupted) else "the analysis"
    summary = "Not analysed: the run was interrupted.\n"
    log.write_analysis({**analysis_json([], None), "interrupted": where})
    log.write_transcript(transcript(session.runbook, session.values, log.records, summary, None, session.sources,
                                    interrupted=where))
    print(f"runbook run: interrupted (Ctrl-C) during {where}; incident log: {log.directory}", file=sys.stderr)
    return 130


@contextlib.contextmanager
def _stop_signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP (the terminal closed) stop a run the way Ctrl-C does: children killed, log written."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = {s: signal.signal(s, interrupt) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _find(repo: Repository, runbook_id: str) -> Runbook | None:
    ids = [rb.id for rb in repo.runbooks]
    if runbook_id in ids:
        return repo.runbook(runbook_id)
    close = difflib.get_close_matches(runbook_id, ids, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else " (runbook ids are the file names in runbooks/)"
    print(f"runbook run: no runbook {runbook_id!r}{hint}", file=sys.stderr)
    return None


def _values(session: runner.Session, args: argparse.Namespace) -> None:
    """Fill the session's values from --set, -n, defaults and the terminal; a value a diagnostic captures before
    any step uses it is left for that step (pending), unless it was given."""
    rb = session.runbook
    given: dict[str, str] = {}
    for item in args.set:
        name, eq, value = item.partition("=")
        if not eq:
            raise ParameterError(f"--set {item!r}: write NAME=VALUE")
        given[name] = value
    if args.namespace is not None:
        given["namespace"] = args.namespace
    commands = [c for path, c, _ in commands_of(rb) if args.fix or path.startswith("diagnostics")]
    session.options = option_sensitive(commands)
    later = runner.captured_later(rb)
    values = resolve(rb, given, needed(rb, commands), session.ask, whole_arguments=session.options,
                     later=later)
    session.values.update(values)
    for p in rb.parameters:
        if p.name in values:
            session.sources[p.name] = ("given" if p.name in given else
                                       "default" if values[p.name] == p.default else "asked at the start")
        elif p.name in later:
            step = later[p.name]
            session.pending[p.name] = f"{step.path} ({step.title}) reads it when it runs"


def _dry_run(session: runner.Session, with_fix: bool) -> int:
    rb = session.runbook
    steps, captured = runner.diagnostic_steps(rb), runner.captured_later(rb)
    if with_fix:
        steps += [s for c in rb.causes
                  for s in (runner.confirm_step(rb, c, "before and after fix"), *runner.fix_steps(rb, c)) if s.command]
    for n, step in enumerate(steps, 1):
        filled, decision = runner.plan(session, step)
        verdict = decision if isinstance(decision, str) else (
            decision.skipped or ("would run" if decision.classification.read_only and ".fix." not in step.path
                                 else f"would ask ({decision.classification.level})"))
        later = [f"<{name}> from {captured[name].path}" for name in dict.fromkeys(placeholders(step.command))
                 if name in session.pending and name in captured]
        if later and not isinstance(decision, str):
            verdict += f", once it has {', '.join(later)}"
        captures = [f"<{c.parameter}>" for c in step.captures if c.parameter in session.pending]
        if captures:
            verdict += f"; reads {', '.join(captures)} from its output"
        _out(f"[{n}/{len(steps)}] {step.path}: {step.title}\n  $ {filled.display if filled else step.command}\n"
             f"  {verdict}")
    return 0


def _fix(session: runner.Session, repo: Repository, findings: Sequence[Any], site: str) -> FixResult | None:
    rb = session.runbook
    covered = {c.id: c for c in rb.causes}
    finding = next((f for f in findings if f.id in covered), None)
    if finding is None:
        other = findings[0] if findings else None
        _out(f"--fix: {rb.id} has no fix for the causes found" +
             (f"; the top cause {other.id} is covered by `runbook run {other.runbook} --fix`" if other else ""))
        return None
    cause = covered[finding.id]
    _out(f"Fix for {finding.id} ({len(cause.fix)} steps). Each step is shown and asked for.")
    before = runner.run_steps(session, [runner.confirm_step(rb, cause, "before fix")])[0]
    records: list[StepRecord] = [before]
    for step in runner.fix_steps(rb, cause):
        if not step.command:
            detail = next(s.details for s in cause.fix if s.title == step.title) or ""
            _out(f"Do by hand: {step.title}\n  {detail.strip()}")
            continue
        records += runner.run_steps(session, [step], always_ask=True)
    after = runner.run_steps(session, [runner.confirm_step(rb, cause, "after fix")])[0]
    verdict = _verdict(finding, before, after, repo, site)
    _out(f"After the fix, the evidence for {finding.id} is {verdict}.")
    return FixResult(finding.id, (*records, after), verdict)


def _verdict(finding: Any, before: StepRecord, after: StepRecord, repo: Repository, site: str) -> str:
    """Gone only when the analyzer saw the cause in the confirm output before the fix and not after it."""
    if not after.ran or after.timed_out or after.exit_code != 0:
        return f"not checked: the confirm command {'did not run' if not after.ran else 'failed'}"

    def shows_cause(record: StepRecord) -> bool:
        return any(f.id == finding.id for f in runner.analyze([record.output], repo, site))

    if shows_cause(after) or any(line.strip() and line.strip() in after.output for line in finding.evidence):
        return "still present"
    if before.ran and shows_cause(before):
        return "gone"
    if before.ran and before.output.strip() == after.output.strip():
        return "still present (the confirm check prints the same as before the fix)"
    return "changed, but not recognised: compare the confirm output with the evidence on the runbook page"


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="run a runbook's checks against the current cluster and name the cause",
                       description=__doc__)
    p.add_argument("runbook", metavar="RUNBOOK_ID")
    p.add_argument("-n", "--namespace", help="sets the runbook's `namespace` parameter")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a parameter value (repeat)")
    p.add_argument("--context", help="kubeconfig context for kubectl (and --kube-context for argocd)")
    p.add_argument("--kubeconfig", help="kubeconfig file for kubectl and argocd --core")
    p.add_argument("--allow-changes", action="store_true",
                   help="also run steps that change the cluster, each after confirmation")
    p.add_argument("--yes", action="store_true", help="confirm changes without asking (non-interactive use)")
    p.add_argument("--dry-run", action="store_true", help="print the exact commands and what would run; run nothing")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help="seconds per command, its output included (default: 30)")
    p.add_argument("--log-dir", type=Path, help="incident log directory (default: incidents/<UTC time>-<id>/)")
    p.add_argument("--fix", action="store_true",
                   help="offer the top cause's fix steps, then re-run its confirming check")
    p.set_defaults(func=run)
