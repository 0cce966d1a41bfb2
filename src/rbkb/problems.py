"""A problem found in the repository, printed as a path to it.

For example `runbooks/x.yaml:12: RB003 causes.1.fix: Field required`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ProblemSeverity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    rule: str
    path: str
    message: str
    severity: ProblemSeverity = "error"

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tag = "" if self.severity == "error" else " (warning)"
        return f"{self.file}:{self.line}: {self.rule} {where}{self.message}{tag}"


class RepositoryError(Exception):
    """Raised by adapters (site build) when the repository has errors; the message lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the runbooks:\n{lines}")


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
