"""The external tools the project understands: one module each, one line each in `TOOLS`.

`tool_for(argv)` finds the tool that runs a command; the linter, the safety classifier, the executor (context flags,
permissions), the analyzers (which lines are commands) and `runbook doctor` (versions) ask the tool, never the
program name. Tool modules are imported on first use, and each loads its grammar only when a command of it is
parsed, so checking one `kubectl` command never reads the argocd grammar.

Programs that are not cobra CLIs (shell utilities, wrappers such as `timeout` or `xargs`, interpreters such as
`sh -c` and `awk`) are classified by `rbkb.tools.programs`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from .base import Tool

if TYPE_CHECKING:
    from ..grammar.checker import GrammarFinding, ParsedCommand

# registry name -> module under rbkb.tools. Adding a tool: write the module (a `TOOL` instance of a Tool subclass)
# and add its line here.
TOOLS: dict[str, str] = {
    "kubectl": "kubectl",
    "argo-rollouts": "rollouts",
    "argocd": "argocd",
    "helm": "helm",
    "kustomize": "kustomize",
}


@cache
def get(name: str) -> Tool:
    """The tool registered under `name`."""
    module = importlib.import_module(f"{__name__}.{TOOLS[name]}")
    tool: Tool = module.TOOL
    assert tool.name == name, (tool.name, name)
    return tool


def all_tools() -> list[Tool]:
    return [get(name) for name in TOOLS]


@cache
def _by_program() -> dict[str, Tool]:
    return {program: tool for tool in all_tools() for program in tool.programs}


def program_names() -> tuple[str, ...]:
    """Every program name a registered tool answers to (for recognising command lines in pasted text)."""
    return tuple(_by_program())


def tool_for(argv: Sequence[str]) -> Tool | None:
    """The tool that runs this simple command, or None for any other program."""
    if not argv:
        return None
    return _by_program().get(os.path.basename(argv[0]))


def parse(argv: Sequence[str]) -> tuple[Tool | None, ParsedCommand | None, list[GrammarFinding]]:
    """(the tool that owns the command, its parse, grammar findings); `kubectl argo rollouts ...` belongs to the
    Argo Rollouts tool. (None, None, []) for programs no tool runs. Results are shared: do not modify them."""
    tool = tool_for(argv)
    if tool is None:
        return None, None, []
    parsed, findings = _parse(tuple(argv))
    owner = get(parsed.tool) if parsed is not None and parsed.tool != tool.name else tool
    return owner, parsed, findings


@lru_cache(maxsize=4096)
def _parse(argv: tuple[str, ...]) -> tuple[ParsedCommand | None, list[GrammarFinding]]:
    tool = tool_for(argv)
    assert tool is not None
    return tool.parse(argv)
