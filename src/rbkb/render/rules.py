"""The "Lint rules" reference, rendered from the rule registry."""

from __future__ import annotations

from ..lint.rules import Rule
from .blocks import cell, join_blocks

_GROUPS = {"RB0": "Runbook data", "RB1": "Shell", "RB2": "Command grammar", "RB3": "Safety", "RB4": "Style",
           "RB5": "Keeping it true", "RB6": "Alerts", "RB7": "Training"}


def rules_reference(rules: dict[str, Rule]) -> str:
    blocks = []
    for prefix, title in _GROUPS.items():
        group = [r for r in rules.values() if r.id.startswith(prefix)]
        if not group:
            continue
        rows = "\n".join(f"| [{r.id}](#{r.id.lower()}) | {cell(r.title)} | {r.severity} |" for r in group)
        details = [f"### {r.id}: {r.title} {{#{r.id.lower()}}}\n\n{r.description}" for r in group]
        blocks.append(join_blocks(f"## {title}", f"| Rule | What | Severity |\n|---|---|---|\n{rows}", *details))
    return join_blocks(*blocks)
