"""What may run: read-only commands always; changes only when allowed and confirmed; never a command that streams.

Each decision is a reason recorded with the step, so the incident log says why a step did not run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..grammar import ParsedCommand, parse_argv
from ..safety import Classification, classify
from ..shell import parse_shell

Confirm = Callable[[str], bool | None]  # asks a yes/no question; None when there is no terminal to ask on

_STREAMING_PROGRAMS = {"watch": "watch repeats the command until stopped", "top": "top runs until stopped",
                       "htop": "htop runs until stopped"}


@dataclass(frozen=True)
class Policy:
    allow_changes: bool = False
    yes: bool = False  # confirm every change without asking


@dataclass(frozen=True)
class Decision:
    run: bool
    skipped: str | None  # why not, when run is False
    classification: Classification


def streams(command: str) -> str | None:
    """Why the command would stream until stopped (and so never finish), or None."""
    for simple in parse_shell(command).commands:
        argv = list(simple.argv)
        program = simple.program.rsplit("/", 1)[-1]
        if program in _STREAMING_PROGRAMS:
            return _STREAMING_PROGRAMS[program]
        if program == "tail" and any(a in ("-f", "-F", "--follow") or a.startswith("--follow=") for a in argv[1:]):
            return "tail -f follows the file until stopped"
        if program == "stern" and not any(a.startswith("--no-follow") for a in argv[1:]):
            return "stern follows logs until stopped (add --no-follow)"
        parsed, _ = parse_argv(argv)
        if parsed is not None and parsed.command is not None:
            reason = _tool_streams(parsed)
            if reason:
                return reason
    return None


def _on(p: ParsedCommand, flag: str) -> bool:
    """A boolean flag given and not set to false."""
    return p.has(flag) and (p.value(flag) or "true").lower() not in ("false", "0", "f")


def _tool_streams(p: ParsedCommand) -> str | None:
    for flag in ("watch", "watch-only", "follow"):
        if _on(p, flag):
            return f"--{flag} streams until stopped"
    bounded = p.has("timeout") or (p.has("watch") and not _on(p, "watch"))
    if p.tool == "argo-rollouts" and p.path == ("status",) and not bounded:
        return "kubectl argo rollouts status watches until the rollout finishes (add --watch=false or --timeout)"
    if p.tool == "kubectl" and p.path == ("rollout", "status") and not bounded:
        return "kubectl rollout status watches until the rollout finishes (add --watch=false or --timeout)"
    if p.tool == "argocd" and p.path == ("app", "wait") and not p.has("timeout"):
        return "argocd app wait waits without limit (add --timeout)"
    if p.tool == "kubectl" and p.path[:1] in (("port-forward",), ("proxy",), ("attach",)):
        return f"kubectl {p.path[0]} runs until stopped"
    return None


def decide(command: str, policy: Policy, confirm: Confirm, *, title: str, warning: str | None = None,
           always_ask: bool = False, show: Callable[[str], None] = print) -> Decision:
    """Whether to run `command` (already filled in), asking on the terminal when a change needs confirmation."""
    classification = classify(command)
    reason = streams(command)
    if reason:
        return Decision(False, f"refused: {reason}; run it by hand in another terminal", classification)
    if not classification.read_only and not policy.allow_changes:
        why = "; ".join(classification.reasons) or classification.level
        return Decision(False, f"not read-only ({why}); rerun with --allow-changes to be asked", classification)
    if classification.read_only and not always_ask:
        return Decision(True, None, classification)
    if classification.level == "destructive":
        show(f"WARNING (destructive): {warning or '; '.join(classification.reasons)}")
    if policy.yes:
        return Decision(True, None, classification)
    answer = confirm(f"Run this {classification.level} step? {title}\n  $ {command}")
    if answer is None:
        return Decision(False, "not confirmed: no terminal to ask on (use --yes to confirm non-interactively)",
                        classification)
    return Decision(answer, None if answer else "declined at the prompt", classification)
