"""`runbook run RUNBOOK_ID`: run the checks against the current cluster, log them, name the cause, offer the fix."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import urls
from ..execute import runner
from ..execute.gate import Policy
from ..execute.incident import IncidentLog, StepRecord, default_dir
from ..execute.params import ParameterError, needed, resolve
from ..execute.process import DEFAULT_TIMEOUT, now
from ..execute.progress import Progress
from ..execute.redact import redact
from ..execute.report import FixResult, analysis_json, findings_text, transcript
from ..execute.substitute import Target
from ..load import load_repository
from ..model import Parameter, Repository, Runbook, commands_of


def _ask_value(p: Parameter) -> str:
    default = f" [{p.default}]" if p.default else ""
    return input(f"{p.name} ({p.description} e.g. {p.example}){default}: ").strip() or (p.default or "")


def _confirm(question: str) -> bool | None:
    if not sys.stdin.isatty():
        return None
    print(redact(question))
    return input("Type 'yes' to run it: ").strip().lower() in ("y", "yes")


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
    try:
        values = _values(rb, args)
    except ParameterError as e:
        print(f"runbook run: {e}", file=sys.stderr)
        return 2
    session = runner.Session(
        runbook=rb, values=values, policy=Policy(args.allow_changes, args.yes), confirm=_confirm,
        progress=Progress(sys.stderr, live=sys.stderr.isatty()), log=None,
        target=Target(args.context, args.kubeconfig), timeout=args.timeout, show=_out)
    if args.dry_run:
        return _dry_run(session, args.fix)
    session.log = IncidentLog(args.log_dir or default_dir(rb.id, now()))
    _out(f"Running {len(rb.diagnostics)} checks of {rb.id}; log: {session.log.directory}")
    records = runner.run_steps(session, runner.diagnostic_steps(rb))
    site = urls.site_url(args.root)
    findings = runner.analyze(runner.outputs(records), repo, site)
    summary = findings_text(findings, repo, rb)
    _out(summary)
    fix = _fix(session, repo, findings, site) if args.fix else None
    session.log.write_analysis(analysis_json(findings, fix))
    session.log.write_transcript(transcript(rb, values, session.log.records, summary, fix))
    _out(f"Incident log: {session.log.directory}")
    return 0


def _find(repo: Repository, runbook_id: str) -> Runbook | None:
    ids = [rb.id for rb in repo.runbooks]
    if runbook_id in ids:
        return repo.runbook(runbook_id)
    close = difflib.get_close_matches(runbook_id, ids, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else " (runbook ids are the file names in runbooks/)"
    print(f"runbook run: no runbook {runbook_id!r}{hint}", file=sys.stderr)
    return None


def _values(rb: Runbook, args: argparse.Namespace) -> dict[str, str]:
    given: dict[str, str] = {}
    for item in args.set:
        name, eq, value = item.partition("=")
        if not eq:
            raise ParameterError(f"--set {item!r}: write NAME=VALUE")
        given[name] = value
    if args.namespace is not None:
        given["namespace"] = args.namespace
    commands = [c for path, c, _ in commands_of(rb) if args.fix or path.startswith("diagnostics")]
    return resolve(rb, given, needed(rb, commands), _ask_value if sys.stdin.isatty() else None)


def _dry_run(session: runner.Session, with_fix: bool) -> int:
    rb = session.runbook
    steps = runner.diagnostic_steps(rb)
    if with_fix:
        steps += [s for c in rb.causes
                  for s in (runner.confirm_step(rb, c, "before and after fix"), *runner.fix_steps(rb, c)) if s.command]
    for n, step in enumerate(steps, 1):
        filled, decision = runner.plan(session, step)
        verdict = decision if isinstance(decision, str) else (
            decision.skipped or ("would run" if decision.classification.read_only and ".fix." not in step.path
                                 else f"would ask ({decision.classification.level})"))
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
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per command (default: 30)")
    p.add_argument("--log-dir", type=Path, help="incident log directory (default: incidents/<UTC time>-<id>/)")
    p.add_argument("--fix", action="store_true",
                   help="offer the top cause's fix steps, then re-run its confirming check")
    p.set_defaults(func=run)
