"""`runbook lint` and `runbook lint-command`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..lint import lint_repository
from ..lint.command import check_command, rule_severity
from ..lint.contacts import example_contacts_note
from ..load import load
from ..problems import errors


def lint(root: Path, *, strict: bool = False) -> int:
    """Every problem in the repository as `file:line: RULE path: message`; exit 1 on any error (or any, --strict)."""
    problems = lint_repository(root)
    for problem in problems:
        print(problem)
    failed = errors(problems)
    # The repository ships the example organisation on purpose: say so on every run, without failing --strict.
    note = example_contacts_note(load(root))
    if note:
        print(note, file=sys.stderr)
    print(f"{len(failed)} error(s), {len(problems) - len(failed)} warning(s)", file=sys.stderr)
    return 1 if failed or (strict and problems) else 0


def lint_command(commands: Sequence[str], *, fmt: str, stdin: TextIO) -> int:
    """Check commands given as arguments, or one per line on standard input. Placeholders count as declared."""
    texts = list(commands) or [line.rstrip("\n") for line in stdin if line.strip()]
    results: list[dict[str, Any]] = []
    for text in texts:
        findings = check_command(text, context="snippet")
        problems = [{"rule": f.rule, "severity": f.severity if f.rule.startswith("SC") else rule_severity(f.rule),
                     "message": f.message} for f in findings]
        valid = not any(p["rule"] == "RB101" or p["rule"].startswith("RB2") for p in problems)
        results.append({"command": text, "valid": valid, "problems": problems})
    if fmt == "json":
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            print(("ok      " if r["valid"] else "invalid ") + r["command"])
            for p in r["problems"]:
                print(f"  {p['rule']} {p['severity']}: {p['message']}")
    return 0 if all(r["valid"] for r in results) else 1


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lint", help="check every runbook, data file, command, doc snippet and script")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.set_defaults(func=lambda a: lint(a.root, strict=a.strict))

    p = sub.add_parser("lint-command", help="check commands given as arguments or one per line on stdin")
    p.add_argument("commands", nargs="*", metavar="COMMAND")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=lambda a: lint_command(a.commands, fmt=a.format, stdin=sys.stdin))
