"""`runbook lint`: every problem in the repository as `file:line: RULE message`; exit 1 on any error."""

from __future__ import annotations

import sys
from pathlib import Path

from ..load import load_repository
from ..problems import errors


def lint(root: Path) -> int:
    _repo, problems = load_repository(root)
    for problem in problems:
        print(problem)
    failed = errors(problems)
    print(f"{len(failed)} error(s), {len(problems) - len(failed)} warning(s)", file=sys.stderr)
    return 1 if failed else 0
