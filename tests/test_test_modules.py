"""The test modules themselves: ruff's F811 is off in tests/ (fixtures imported from a shared module are
"redefined" as arguments), so a second test with the same name, which silently replaces the first, is caught here."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_module_defines_a_name_twice() -> None:
    twice = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = Counter(n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef))
        twice += [f"{path.relative_to(TESTS)}: {name}" for name, count in names.items() if count > 1]
    assert twice == []
