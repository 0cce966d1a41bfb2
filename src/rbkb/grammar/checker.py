"""Check one simple command (argv) against the grammar of the cobra CLI that runs it (see ``rbkb.tools``).

The parse follows cobra and pflag, the libraries kubectl, its Argo Rollouts plugin, argocd, helm and kustomize are
built on:

* the sub-command path is found the way cobra's ``Find`` does it: flags may come before,
  between or after the sub-command words; a flag that takes a value skips the next word;
* all flags are then parsed against the final command's flags (its own, inherited and
  global ones): ``--flag=value``, ``--flag value``, ``--flag`` for booleans and for
  flags with an optional value, ``-n ns``, ``-nns``, ``-n=ns`` and combined boolean
  shorthands (``-it``); ``--`` ends flag parsing and everything after it is left alone;
* kubectl normalises ``_`` to ``-`` in long flag names (``--all_namespaces``).

What differs between tools (the program names, sub-commands that run on their own, positional arguments, values
the tool checks in its own code) is asked of the tool module.

A word containing a placeholder (``<name>``, ``$VAR``, ``${VAR}``, ``{{ x }}``) stands for any
value: it is never reported as a bad value, bad resource type or unknown sub-command.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .model import Command, Flag, Grammar
from .values import GO_BOOLS, check_value

if TYPE_CHECKING:
    from ..tools.base import Tool


@dataclass(frozen=True)
class GrammarFinding:
    rule: str  # stable id RB2xx (see rules.RULES)
    message: str
    severity: Literal["error", "warning"] = "error"


@dataclass
class ParsedCommand:
    """What the grammar made of one argv (also useful to later lint layers)."""

    tool: str  # the registry name of the tool: "kubectl", "argocd", "argo-rollouts", "helm", "kustomize"
    path: tuple[str, ...]  # canonical sub-command names, e.g. ("rollout", "restart")
    command: Command | None  # None when the sub-command was not found
    path_end: int  # index in argv just after the last sub-command word
    flags: dict[str, list[str | None]] = field(default_factory=dict)  # canonical long name -> values
    positionals: list[str] = field(default_factory=list)
    dash_args: list[str] | None = None  # words after "--", None when there is no "--"
    uncertain: bool = False  # an unknown flag or placeholder flag made the positional split a guess

    def has(self, *names: str) -> bool:
        return any(n in self.flags for n in names)

    def value(self, name: str) -> str | None:
        vals = self.flags.get(name)
        return vals[-1] if vals else None


_PLACEHOLDER = re.compile(r"<[^<>\s]*[A-Za-z][^<>]*>|\$[{(A-Za-z_0-9@*#?!$-]|\{\{")


def is_placeholder(word: str) -> bool:
    """True for words that stand for a value to fill in: ``<pod>``, ``$NS``, ``${NS}``, ``$1``, ``$(cmd)``,
    ``{{ x }}``."""
    return bool(_PLACEHOLDER.search(word))


def _suggest(word: str, candidates: Sequence[str], cutoff: float = 0.6) -> str | None:
    m = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return m[0] if m else None


# ---------------------------------------------------------------------------
# cobra Find


def _consumes_next(tok: str, cmd: Command, g: Grammar) -> bool:
    """cobra stripFlags: does this flag word take the next word as its value?"""
    if tok.startswith("--"):
        if "=" in tok:
            return False
        f = cmd.long.get(_norm(tok[2:], g))
        return f is None or f.needs_value
    if len(tok) == 2 and "=" not in tok:
        f = cmd.short.get(tok[1])
        return f is None or f.needs_value
    return False


def _find(g: Grammar, args: list[str], start: int) -> tuple[Command, list[int], str | None]:
    """Walk sub-command words from ``args[start:]``; return the command, the indices of the
    path words, and the first non-flag word that was not a sub-command (or None)."""
    cmd = g.root
    path_idx: list[int] = []
    i = start
    while i < len(args):
        tok = args[i]
        if tok == "--":
            break
        if tok.startswith("-") and tok != "-":
            i += 2 if _consumes_next(tok, cmd, g) else 1
            continue
        child = cmd.children.get(tok)
        if child is None:
            return cmd, path_idx, tok
        cmd = g.commands[(*cmd.path, child)]
        path_idx.append(i)
        i += 1
    return cmd, path_idx, None


# ---------------------------------------------------------------------------
# flag parsing (pflag)


def _norm(name: str, g: Grammar) -> str:
    return name.replace("_", "-") if g.normalise_underscores else name


def _owner_hint(g: Grammar, name: str, cmd: Command) -> str:
    owners = [p for p in g.flag_owners.get(name, ()) if p != cmd.path]
    if not owners:
        return ""
    # prefer a sibling (same parent), then the shortest path
    owners.sort(key=lambda p: (p[:-1] != cmd.path[:-1], len(p), p))
    where = " ".join((g.display, *owners[0]))
    return f" (--{name} is a flag of \"{where}\")"


def _unknown_long(g: Grammar, cmd: Command, name: str) -> GrammarFinding:
    sugg = _suggest(name, list(cmd.long))
    if sugg:
        hint = f" (did you mean --{sugg}?)"
    else:
        hint = _owner_hint(g, name, cmd)
    return GrammarFinding("RB202", f'unknown flag --{name} for "{cmd.display}"{hint}')


def _unknown_short(cmd: Command, ch: str, word: str) -> GrammarFinding:
    hint = ""
    other = ch.swapcase()
    if other != ch and other in cmd.short:
        f = cmd.short[other]
        hint = f" (did you mean -{other}/--{f.name}?)"
    elif ch in ("n",) and "namespace" not in cmd.long:
        hint = " (this command has no namespace flag)"
    return GrammarFinding("RB202", f"unknown shorthand flag '{ch}' in {word} for \"{cmd.display}\"{hint}")


_TEMPLATE_FORMATS = frozenset({
    "go-template", "go-template-file", "template", "templatefile", "jsonpath", "jsonpath-as-json", "jsonpath-file",
})
_COLUMN_FORMATS = frozenset({"custom-columns", "custom-columns-file"})


def _check_flag_value(
    tool: Tool, cmd: Command, f: Flag, value: str, spelled: str, out: list[GrammarFinding], parsed: ParsedCommand
) -> None:
    if is_placeholder(value):
        return
    err = check_value(f.type, value)
    if err:
        out.append(GrammarFinding(
            "RB203", f'invalid value "{value}" for {spelled} ({f.type}) in "{cmd.display}": {err}'))
        return
    if not f.enum:
        return
    choices = ", ".join(sorted(f.enum))
    if f.enum_accepts_bool and value in GO_BOOLS:
        return
    if f.name == "output" and (f.enum & (_TEMPLATE_FORMATS | _COLUMN_FORMATS)):
        # kubectl printer flags: case-insensitive; template formats take "=TEMPLATE" or --template
        low = value.lower()
        fmt, eq, _arg = low.partition("=")
        if fmt in f.enum and fmt in _TEMPLATE_FORMATS | _COLUMN_FORMATS:
            if eq or (fmt in _TEMPLATE_FORMATS and "template" in parsed.flags):
                return
            out.append(GrammarFinding(
                "RB203", f'{spelled} {value} needs a template: write {spelled}={value}=TEMPLATE'
                + (" or add --template" if fmt in _TEMPLATE_FORMATS else "")))
            return
        if not eq and low in f.enum:
            return
    elif value in f.enum or tool.accepts_value(f.name, value):
        return
    sugg = _suggest(value, sorted(f.enum), cutoff=0.5)
    hint = f' (did you mean "{sugg}"?)' if sugg else ""
    out.append(GrammarFinding(
        "RB203", f'invalid value "{value}" for {spelled} in "{cmd.display}": one of {choices}{hint}'))


def _parse_flags(
    tool: Tool, g: Grammar, cmd: Command, args: list[str], start: int, skip: set[int], parsed: ParsedCommand,
    out: list[GrammarFinding],
) -> None:
    pending: list[tuple[Flag, str, str]] = []  # (flag, value, spelled) checked after all flags are known

    def take(f: Flag, value: str | None, spelled: str) -> None:
        parsed.flags.setdefault(f.name, []).append(value)
        if value is not None:
            pending.append((f, value, spelled))

    i = start
    n = len(args)
    while i < n:
        if i in skip:
            i += 1
            continue
        tok = args[i]
        i += 1
        if tok == "--":
            parsed.dash_args = list(args[i:])
            break
        if not tok.startswith("-") or tok == "-":
            parsed.positionals.append(tok)
            continue
        if tok.startswith("--"):
            body = tok[2:]
            name, eq, value = body.partition("=")
            if is_placeholder(name):
                parsed.uncertain = True
                continue
            name = _norm(name, g)
            f = cmd.long.get(name)
            if f is None:
                out.append(_unknown_long(g, cmd, name))
                parsed.uncertain = True
                continue
            spelled = "--" + f.name
            if eq:
                take(f, value, spelled)
            elif not f.needs_value:
                take(f, None, spelled)
            elif i < n:
                take(f, args[i], spelled)
                i += 1
            else:
                out.append(GrammarFinding("RB203", f'flag {spelled} needs a value in "{cmd.display}"'))
            continue
        # shorthand(s)
        s = tok[1:]
        if is_placeholder(s):
            parsed.uncertain = True
            continue
        j = 0
        while j < len(s):
            ch = s[j]
            f = cmd.short.get(ch)
            if f is None:
                out.append(_unknown_short(cmd, ch, tok))
                parsed.uncertain = True
                break
            spelled = f"-{ch}"
            rest = s[j + 1:]
            if rest.startswith("="):
                take(f, rest[1:], spelled)
                break
            if not f.needs_value:
                take(f, None, spelled)
                j += 1
                continue
            if rest:
                take(f, rest, spelled)
            elif i < n:
                take(f, args[i], spelled)
                i += 1
            else:
                out.append(GrammarFinding("RB203", f'flag {spelled} (--{f.name}) needs a value in "{cmd.display}"'))
            break
    for f, value, spelled in pending:
        _check_flag_value(tool, cmd, f, value, spelled, out, parsed)


# ---------------------------------------------------------------------------
# entry points


def parse_argv(argv: Sequence[str]) -> tuple[ParsedCommand | None, list[GrammarFinding]]:
    """Parse one simple command; (None, []) for programs no registered tool runs."""
    from ..tools import tool_for

    tool = tool_for(argv)
    return tool.parse(argv) if tool is not None else (None, [])


def check_argv(argv: Sequence[str]) -> list[GrammarFinding]:
    """Grammar findings for one simple command already split into words (quotes removed).

    ``argv[0]`` names the program; a program no registered tool runs gives ``[]``.
    """
    return parse_argv(argv)[1]


def suggest(word: str, candidates: Sequence[str], cutoff: float = 0.6) -> str | None:
    return _suggest(word, candidates, cutoff)


def find_command(g: Grammar, args: list[str], start: int) -> tuple[Command, list[int], str | None]:
    return _find(g, args, start)


def parse_with(
    tool: Tool,
    g: Grammar,
    args: list[str],
    start: int,
    found: tuple[Command, list[int], str | None] | None = None,
) -> tuple[ParsedCommand, list[GrammarFinding]]:
    """Parse ``args[start:]`` as one of ``tool``'s commands: the sub-command path, every flag, then the tool's own
    argument and value checks."""
    cmd, path_idx, stray = found if found is not None else _find(g, args, start)
    out: list[GrammarFinding] = []
    path_end = (path_idx[-1] + 1) if path_idx else start
    parsed = ParsedCommand(g.tool, cmd.path, cmd, path_end)
    runnable_typo = (
        stray is not None and cmd.is_group and cmd.path in tool.runnable_groups and not is_placeholder(stray)
        and _suggest(stray, sorted(cmd.children), cutoff=0.8) is not None
    )
    if stray is not None and cmd.is_group and (cmd.path not in tool.runnable_groups or runnable_typo):
        if is_placeholder(stray):
            parsed.command = None
            parsed.uncertain = True
            return parsed, out
        hint = _command_hint(g, cmd, stray)
        out.append(GrammarFinding("RB201", f'unknown command "{stray}" for "{cmd.display}"{hint}'))
        parsed.command = None
        # the tool stops at the unknown command: parse the flags only to fill in ParsedCommand
        _parse_flags(tool, g, cmd, args, start, set(path_idx), parsed, [])
        return parsed, out
    _parse_flags(tool, g, cmd, args, start, set(path_idx), parsed, out)
    if cmd.is_group and not parsed.positionals and cmd.path not in tool.runnable_groups and cmd.path \
            and not parsed.has("help") and not parsed.uncertain:
        subs = ", ".join(sorted(set(cmd.children.values())))
        out.append(GrammarFinding("RB204", f'missing sub-command for "{cmd.display}" (one of: {subs})'))
        return parsed, out
    if parsed.has("help"):
        return parsed, out
    for name in cmd.required_flags:
        if name not in parsed.flags and not parsed.uncertain:
            out.append(GrammarFinding("RB204", f'missing required flag --{name} for "{cmd.display}"'))
    out.extend(tool.check_args(parsed))
    out.extend(tool.check_values(parsed))
    return parsed, out


def _command_hint(g: Grammar, cmd: Command, stray: str) -> str:
    sugg = _suggest(stray, sorted(cmd.children))
    if sugg:
        return f' (did you mean "{sugg}"?)'
    # the word is a sub-command one level further down, e.g. "argocd get" for "argocd app get"
    deeper = sorted(
        (p for p in g.commands if len(p) == len(cmd.path) + 2 and p[:-2] == cmd.path and p[-1] == stray),
        key=lambda p: (p[-2] != "app", p),
    )
    if deeper:
        opts = [" ".join(p[len(cmd.path):]) for p in deeper[:3]]
        return " (did you mean " + " or ".join(f'"{o}"' for o in opts) + "?)"
    return ""


def usage_args(tool: Tool, parsed: ParsedCommand) -> list[GrammarFinding]:
    """Required positional arguments from the reference usage line (RB204)."""
    cmd = parsed.command
    assert cmd is not None
    if parsed.uncertain:
        return []
    spec = cmd.args
    need = int(spec.get("min", 0))
    if any(parsed.has(f) for f in spec.get("unless_flags", ())):
        need = 0
    names = spec.get("names", [])
    have = len(parsed.positionals)
    if "max" in spec and have > int(spec["max"]):
        extra = parsed.positionals[int(spec["max"])]
        return [GrammarFinding("RB206", f'unexpected argument "{extra}" for "{cmd.display}" (usage: {cmd.usage})')]
    if have >= need:
        return []
    missing = " ".join(names[have:need]) if len(names) >= need else f"{need - have} argument(s)"
    return [GrammarFinding("RB204", f'missing required argument {missing} for "{cmd.display}" (usage: {cmd.usage})')]
