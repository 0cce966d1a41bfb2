"""Check one command: shell syntax, grammar of kubectl / argo rollouts / argocd, safety and style."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..grammar import check_argv
from ..problems import ProblemSeverity
from ..safety import classify, simple_streams
from ..shell import SimpleCommand, parse_shell
from .rules import RULES

Context = Literal["diagnostic", "confirm", "fix", "snippet"]


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    severity: ProblemSeverity = "error"
    line: int = 0  # 0-based line within the checked text


def check_command(text: str, *, context: Context = "snippet", has_warning: bool = False) -> list[Finding]:
    """All findings for one command (placeholders are checked elsewhere, against the runbook's parameters)."""
    parsed = parse_shell(text)
    if parsed.syntax_error:
        return [Finding("RB101", parsed.syntax_error)]
    findings: list[Finding] = []
    for cmd in parsed.commands:
        found = [Finding(g.rule, f"{_short(cmd)}: {g.message}") for g in check_argv(cmd.argv)] + _style(cmd)
        findings += [Finding(f.rule, f.message, f.severity, cmd.line) for f in found]
    findings += _pause_check(text)
    findings += _safety(text, parsed.commands, context, has_warning)
    return findings


def _short(cmd: SimpleCommand) -> str:
    words = [w for w in cmd.argv[:4] if not w.startswith("-")]
    return " ".join(words[:3]) if cmd.program != "kubectl" or words[1:3] != ["argo", "rollouts"] else " ".join(words)


# ----------------------------------------------------------------------------------------------------------------------
# Safety
# ----------------------------------------------------------------------------------------------------------------------

def _safety(text: str, commands: tuple[SimpleCommand, ...], context: Context, has_warning: bool) -> list[Finding]:
    cls = classify(text)
    if context in ("diagnostic", "confirm"):
        found = []
        if not cls.read_only:
            found.append(Finding("RB301",
                                 f"a {context} must only read, but this is {cls.level}: {'; '.join(cls.reasons)}"))
        found += [Finding("RB303", f"{_short(c)}: {why}", line=c.line) for c in commands if (why := simple_streams(c))]
        return found
    if context == "fix" and cls.level == "destructive" and not has_warning:
        return [Finding("RB302", f"destructive step needs a warning: {'; '.join(cls.reasons)}")]
    return []


# ----------------------------------------------------------------------------------------------------------------------
# Style
# ----------------------------------------------------------------------------------------------------------------------

_SECRET_FLAGS = ("--password", "--auth-token", "--token", "--client-secret", "--ssh-private-key")
_BEARER_RE = re.compile(r"authorization:\s*bearer\s+(?!<)\S", re.IGNORECASE)


def _style(cmd: SimpleCommand) -> list[Finding]:
    argv, found = cmd.argv, []
    prog = cmd.program
    if any(re.search(r"(^|[=/\w.-]):latest$", a) for a in argv[1:]):
        found.append(Finding("RB401", "image tag `:latest`: pin a version or digest"))
    if prog == "killall" or (prog == "pkill" and any(a == "-f" or (a.startswith("-") and "f" in a[1:] and
                                                                    not a.startswith("--")) for a in argv[1:])):
        found.append(Finding("RB402", f"`{' '.join(argv[:2])}` matches processes by pattern; stop one PID instead"))
    escapes = any(a.startswith("-") and "e" in a for a in argv[1:2])
    if prog == "echo" and any("\\n" in a for a in argv[1:]) and not escapes:
        found.append(Finding("RB403", "`echo` prints `\\n` literally; use printf"))
    for i, a in enumerate(argv):
        name, _, value = a.partition("=")
        if name in _SECRET_FLAGS and (value or (i + 1 < len(argv) and not argv[i + 1].startswith("-"))):
            found.append(Finding("RB404", f"`{name}` puts a secret on the command line"))
        if _BEARER_RE.search(a):
            found.append(Finding("RB404", "an Authorization header with a literal token"))
    if prog == "kubectl":
        selectors = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("-l", "--selector")]
        selectors += [a.split("=", 1)[1] for a in argv if a.startswith(("-l=", "--selector="))]
        if any(re.match(r"^rollout\s*(=|==|!=|\s+in\b)", s) or re.search(r",\s*rollout\s*=", s) for s in selectors):
            found.append(Finding("RB405",
                "no `rollout=` label exists; use the Rollout's selector or rollouts-pod-template-hash"))
        if len(argv) > 1 and argv[1] == "logs" and selectors and not any(a.startswith("--tail") for a in argv):
            found.append(Finding("RB407", "`kubectl logs -l` shows only 10 lines per pod; add --tail"))
    return found


def _pause_check(text: str) -> list[Finding]:
    if ".spec.paused" in text and not re.search(r"\.status\.(phase|pauseConditions|message|controllerPause)", text):
        return [Finding("RB406",
                        "`.spec.paused` only shows manual pauses; read .status.phase and .status.pauseConditions")]
    return []


def rule_severity(rule: str) -> ProblemSeverity:
    return RULES[rule].severity if rule in RULES else "error"
