"""`runbook triage -n NAMESPACE`: read a live namespace in a few API calls and report every finding."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..analyze.signatures import find_root, table_for
from ..analyze.triage import SEVERITIES, Collection, TriageFinding, collect, fails, triage

_NAMESPACE_RE = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")


def run_triage(root: Path, namespace: str, *, rollout: str | None, app: str | None, fmt: str, fail_on: str,
               context: str | None, kubeconfig: str | None, timeout: float, stdout: TextIO) -> int:
    """Exit 0 when no finding reaches --fail-on, 1 when one does, 2 when the state could not be collected."""
    table, note = table_for(find_root(root))
    if note:
        print(f"runbook triage: {note}", file=sys.stderr)
    collected = collect(namespace, app=app, context=context, kubeconfig=kubeconfig, timeout=timeout)
    findings = triage(collected.objects, table, rollout=rollout)
    if fmt == "json":
        stdout.write(json.dumps(report(namespace, collected, findings), indent=2, ensure_ascii=False) + "\n")
    else:
        stdout.write(render_text(namespace, collected, findings))
    if collected.errors and not collected.objects:
        return 2
    return 1 if fails(findings, fail_on) else 0


def report(namespace: str, collected: Collection, findings: Sequence[TriageFinding]) -> dict[str, object]:
    return {
        "namespace": namespace,
        "api_calls": len(collected.calls),
        "commands": [" ".join(c.argv) for c in collected.calls],
        "errors": collected.errors,
        "findings": [{"code": f.code, "severity": f.severity, "cause": f.cause, "title": f.title,
                      "object": f.object, "confidence": f.confidence, "evidence": list(f.evidence),
                      "runbook": f.runbook, "url": f.url} for f in findings],
    }


def render_text(namespace: str, collected: Collection, findings: Sequence[TriageFinding]) -> str:
    out = [f"{f.code} {f.severity:<8} {f.object}  {f.title}\n" +
           "".join(f"    {line}\n" for line in f.evidence) + f"    runbook: {f.url}\n" for f in findings]
    out += [f"error: {e}\n" for e in collected.errors]
    counts = {s: sum(f.severity == s for f in findings) for s in reversed(SEVERITIES)}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items())
    out.append(f"namespace {namespace}: {len(findings)} finding(s) ({summary}); {len(collected.calls)} API call(s)\n")
    return "".join(out)


def _namespace(value: str) -> str:
    if not _NAMESPACE_RE.fullmatch(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a valid namespace name (DNS-1123 label)")
    return value


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("triage", help="collect a namespace in a few API calls and report every finding")
    p.add_argument("-n", "--namespace", required=True, type=_namespace)
    p.add_argument("--rollout", help="limit Rollout, AnalysisRun, ReplicaSet and pod findings to this rollout")
    p.add_argument("--app", help="also read this Argo CD application (argocd app get NAME -o json)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--fail-on", choices=(*reversed(SEVERITIES), "none"), default="critical",
                   help="exit 1 when a finding of this severity or worse exists (default: critical)")
    p.add_argument("--context")
    p.add_argument("--kubeconfig")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per command (default 30)")
    p.set_defaults(func=lambda a: run_triage(a.root, a.namespace, rollout=a.rollout, app=a.app, fmt=a.format,
                                             fail_on=a.fail_on, context=a.context, kubeconfig=a.kubeconfig,
                                             timeout=a.timeout, stdout=sys.stdout))
