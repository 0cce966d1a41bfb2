"""`runbook diagnose FILE ... | -`: name the cause in saved or pasted command output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..analyze import CauseFinding, analyze_outputs
from ..analyze.causes import findings_json
from ..load import load_cached
from ..model import Repository, cause_title
from ..urls import site_url


def diagnose(root: Path, files: Sequence[str], *, fmt: str, stdin: TextIO, stdout: TextIO) -> int:
    """Exit 0 with the causes found (possibly none); 2 when an input cannot be read or the repository is broken."""
    outputs = []
    for name in files:
        try:
            outputs.append(stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8", errors="replace"))
        except OSError as e:
            print(f"{name}: {e.strerror}", file=sys.stderr)
            return 2
    repo, problems = load_cached(root)
    if repo is None:
        print("the runbooks do not load; run `runbook lint`", file=sys.stderr)
        return 2
    findings = analyze_outputs(outputs, repo, site_url(root))
    stdout.write(findings_json(findings) + "\n" if fmt == "json" else render_text(findings, repo))
    return 0


def render_text(findings: Sequence[CauseFinding], repo: Repository) -> str:
    if not findings:
        return "No known cause recognised in this output.\n"
    out = []
    for n, f in enumerate(findings, 1):
        section = next(c for c in repo.runbook(f.runbook).causes if c.id == f.id)
        out.append(f"{n}. {cause_title(section, repo)}  [{f.id}, confidence {f.confidence:.2f}]")
        out.append("   Evidence:")
        out += [f"     | {line.strip()}" for line in f.evidence]
        out.append("   Fix: " + "; ".join(step.title for step in section.fix[:3]))
        out.append(f"   Read: {f.url}")
        out.append("")
    return "\n".join(out)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diagnose", help="name the cause in saved kubectl, Argo Rollouts or Argo CD output")
    p.add_argument("files", nargs="+", metavar="FILE", help="files with command output; - reads standard input")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=lambda a: diagnose(a.root, a.files, fmt=a.format, stdin=sys.stdin, stdout=sys.stdout))
