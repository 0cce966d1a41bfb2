"""What may run: read-only commands always; changes only when allowed and confirmed; never a command that streams.

Each decision is a reason recorded with the step, so the incident log says why a step did not run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..safety import Classification, classify, streams

Confirm = Callable[[str], bool | None]  # asks a yes/no question; None when there is no terminal to ask on

@dataclass(frozen=True)
class Policy:
    allow_changes: bool = False
    yes: bool = False  # confirm every change without asking


@dataclass(frozen=True)
class Decision:
    run: bool
    skipped: str | None  # why not, when run is False
    classification: Classification


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
