"""Check one command: shell syntax, the grammar of each registered tool (``rbkb.tools``), safety and style.

Imported by `runbook lint-command` for every invocation: it imports nothing that loads the runbooks' model, and
each tool's grammar is read only when a command of that tool is checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..problems import ProblemSeverity
from ..safety import Classification, classify, simple_streams
from ..shell import SimpleCommand, parse_shell
from ..tools import parse
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
        findings += [Finding(f.rule, f.message, f.severity, cmd.line) for f in _tool_findings(cmd) + _style(cmd)]
    findings += _pause_check(text)
    findings += _safety(classify(text), parsed.commands, context, has_warning)
    return findings


def _tool_findings(cmd: SimpleCommand) -> list[Finding]:
    """Grammar findings (RB2xx) and the tool's own style rules, from one parse of the command."""
    tool, parsed, grammar = parse(cmd.argv)
    if tool is None:
        return []
    found = [Finding(g.rule, f"{_short(cmd)}: {g.message}", g.severity) for g in grammar]
    if parsed is not None and parsed.command is not None:
        found += [Finding(s.rule, s.message, rule_severity(s.rule)) for s in tool.style(parsed)]
    return found


def _short(cmd: SimpleCommand) -> str:
    words = [w for w in cmd.argv[:4] if not w.startswith("-")]
    return " ".join(words[:3]) if cmd.program != "kubectl" or words[1:3] != ["argo", "rollouts"] else " ".join(words)


# ----------------------------------------------------------------------------------------------------------------------
# Safety
# ----------------------------------------------------------------------------------------------------------------------

def _safety(cls: Classification, commands: tuple[SimpleCommand, ...], context: Context,
            has_warning: bool) -> list[Finding]:
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
    return found


def _pause_check(text: str) -> list[Finding]:
    if ".spec.paused" in text and not re.search(r"\.status\.(phase|pauseConditions|message|controllerPause)", text):
        return [Finding("RB406",
                        "`.spec.paused` only shows manual pauses; read .status.phase and .status.pauseConditions")]
    return []


def rule_severity(rule: str) -> ProblemSeverity:
    if rule in RULES:
        return RULES[rule].severity
    from ..grammar.rules import RULES as GRAMMAR_RULES

    return "warning" if GRAMMAR_RULES.get(rule, {}).get("severity") == "warning" else "error"
