"""The Kubernetes permissions each diagnostic needs, derived from its parsed command.

Used by `runbook doctor` (ask `kubectl auth can-i` for each) and by the test that proves deploy/rbac/readonly.yaml
grants every one of them and nothing that writes. Each tool module says what its commands read
(`rbkb.tools.<tool>.permissions`); argocd commands are authorised by Argo CD's own RBAC (argocd-rbac-cm), not by
Kubernetes, so they add nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Repository
from ..safety import classify
from ..shell import parse_shell
from ..tools import parse
from ..tools.base import Permission

__all__ = ["Need", "Permission", "command_permissions", "required"]


@dataclass(frozen=True)
class Need:
    permission: Permission
    runbook: str
    step: str  # field path of the diagnostic, e.g. diagnostics.3


def required(repo: Repository) -> list[Need]:
    """Every permission the runbooks' read-only diagnostics need, with where each comes from."""
    needs: set[Need] = set()
    for rb in repo.runbooks:
        for i, d in enumerate(rb.diagnostics):
            if not classify(d.command).read_only:
                continue
            for perm in command_permissions(d.command):
                needs.add(Need(perm, rb.id, f"diagnostics.{i}"))
    return sorted(needs, key=lambda n: (n.permission, n.runbook, n.step))


def command_permissions(command: str) -> set[Permission]:
    found: set[Permission] = set()
    for simple in parse_shell(command).commands:
        tool, parsed, _ = parse(simple.argv)
        if tool is not None and parsed is not None and parsed.command is not None:
            found |= tool.permissions(parsed)
    return found
