"""`runbook lint` and `runbook lint-command`.

Light at import: `runbook lint-command` checks one command in a fraction of the time `runbook lint` needs to load
every runbook, so each function imports what it uses.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

CONTEXTS = ("snippet", "diagnostic", "confirm", "fix")


def lint(root: Path, *, strict: bool = False) -> int:
    """Every problem in the repository as `file:line: RULE path: message`; exit 1 on any error (or any, --strict)."""
    from ..lint import lint_repository
    from ..lint.contacts import example_contacts_note
    from ..load import load
    from ..problems import errors

    result = load(root)
    problems = lint_repository(root, result=result)
    for problem in problems:
        print(problem)
    failed = errors(problems)
    # The repository ships the example organisation on purpose: say so on every run, without failing --strict.
    if note := example_contacts_note(result):
        print(note, file=sys.stderr)
    print(f"{len(failed)} error(s), {len(problems) - len(failed)} warning(s)", file=sys.stderr)
    return 1 if failed or (strict and problems) else 0


def lint_command(commands: Sequence[str], *, fmt: str, stdin: TextIO, context: str = "snippet") -> int:
    """Check commands given as arguments, or one per line on standard input. Placeholders count as declared.

    Each result carries the safety class (read-only, mutating or destructive) and why, the one classification
    `runbook run` and `runbook lint` use. With `--context diagnostic` (or `confirm`) a command that is not read-only
    or never ends is invalid (RB301, RB303), so a pipeline can gate on the exit code.
    """
    from ..lint.command import check_command, rule_severity
    from ..safety import classify

    texts = list(commands) or [line.rstrip("\n") for line in stdin if line.strip()]
    results: list[dict[str, Any]] = []
    for text in texts:
        findings = check_command(text, context=context)  # type: ignore[arg-type]  # choices= bounds it
        problems = [{"rule": f.rule, "severity": f.severity if f.rule.startswith("SC") else rule_severity(f.rule),
                     "message": f.message} for f in findings]
        valid = not any(p["severity"] == "error" and p["rule"][:3] in ("RB1", "RB2", "RB3") for p in problems)
        safety = classify(text)
        results.append({"command": text, "valid": valid,
                        "safety": {"class": safety.level, "reasons": list(safety.reasons)}, "problems": problems})
    if fmt == "json":
        import json

        print(json.dumps(results, indent=2))
    else:
        for r in results:
            why = "; ".join(r["safety"]["reasons"])
            print(("ok      " if r["valid"] else "invalid ") + r["command"])
            print(f"  safety: {r['safety']['class']}" + (f" ({why})" if why else ""))
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
    p.add_argument("--context", choices=CONTEXTS, default="snippet",
                   help="where the command would run: a diagnostic or confirm check must only read and must end "
                        "(RB301, RB303); default: snippet (no safety requirement)")
    p.set_defaults(func=lambda a: lint_command(a.commands, fmt=a.format, stdin=sys.stdin, context=a.context))
