"""Fill a runbook command's `<param>` placeholders so that no value can change what the shell runs.

The command text stays as written and runs with `bash -c`. Each placeholder becomes a reference to an environment
variable holding the value, written for the quoting context it sits in (found with the tree-sitter parse):

| context                        | run form                  | why                                              |
|--------------------------------|---------------------------|--------------------------------------------------|
| bare word                      | `"${RB_P_x}"`             | one word: no splitting, no globbing              |
| inside "..." or $"..."         | `${RB_P_x}`               | already quoted                                   |
| inside '...'                   | `'"${RB_P_x}"'`           | '...' never expands: close, expand, reopen       |
| inside $'...'                  | `'"${RB_P_x}"$'`          | the same for ANSI-C quoting                      |
| unquoted here-document body    | `${RB_P_x}`               | expanded once, never re-parsed                   |

Bash expands a variable once and never parses its value again, so quotes, `$()`, backticks, `;`, newlines and
globs in a value stay data. Three places parse text a second time, and there a value is accepted only when it needs
no quoting at all (`shlex.quote(v) == v`): arithmetic (`$((...))`, `[[ ]]`, whose array subscripts run commands),
the script of `sh -c` / `bash -c` / `eval` / `watch` / `ssh`, and quoted here-documents (which cannot expand). The
output of an unquoted `$(...)` is split into words, so a value inside one must be a plain word too.

A value can still be read as an option by the program: `kubectl get <kind>` with `--kubeconfig=/tmp/evil`. So a
value that starts with `-` is refused wherever it begins an argument (`<v>`, `"<v> b"`, `<v>.y`), and wherever a
shell splits or re-parses it. Inside an argument (`--selector=app=<v>`, `x-<v>`) it stays data.

The display form writes each value as a quoted literal in the same context: the text to copy, record and print. It
runs the same argv as the run form (tests/execute/test_substitute.py checks both with hostile values).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tree_sitter import Node

from ..model import PLACEHOLDER_RE, placeholders
from ..shell import node_text, parse_shell, syntax_tree
from ..tools import tool_for

ENV_PREFIX = "RB_P_"
CONTEXT_ENV = "RB_KUBE_CONTEXT"
KUBECONFIG_ENV = "RB_KUBECONFIG"
_TOKEN = "__RBPH_{}__"
_TOKEN_RE = re.compile(r"__RBPH_([a-z0-9-]+)__")
_QUOTING = {"string", "translated_string", "raw_string", "ansi_c_string", "heredoc_body", "comment"}
_ARITHMETIC = {"arithmetic_expansion", "test_command", "compound_statement", "c_style_for_statement"}
_SHELLS = {"sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"}
_EVALUATORS = {"eval", "let", "watch", "ssh", "su"}


class UnsafeSubstitution(ValueError):
    """A value would be parsed by a shell a second time, or sits where it cannot be quoted."""


@dataclass(frozen=True)
class Filled:
    run: str  # text for `bash -c`: placeholders are environment references
    display: str  # the same command with values as quoted literals: what is shown and recorded
    env: dict[str, str]  # RB_P_* (and context/kubeconfig) variables the run form reads


@dataclass(frozen=True)
class Target:
    """Where kubectl and argocd should point: --context and --kubeconfig from the command line."""

    context: str | None = None
    kubeconfig: str | None = None


def env_name(param: str) -> str:
    return ENV_PREFIX + param.replace("-", "_")


def fill(command: str, values: Mapping[str, str], target: Target = Target()) -> Filled:
    """Both forms of `command` with `values` filled in; raises UnsafeSubstitution or KeyError (undeclared value)."""
    masked = PLACEHOLDER_RE.sub(lambda m: _TOKEN.format(m.group(1)), command)
    data = masked.encode()
    root = syntax_tree(masked).root_node
    leading = _leading(command)
    edits: list[tuple[int, int, str, str]] = []  # (start, end, run text, display text), byte offsets
    for m in _TOKEN_RE.finditer(masked):
        start, end = len(masked[: m.start()].encode()), len(masked[: m.end()].encode())
        name = m.group(1)
        node = root.descendant_for_byte_range(start, end)
        edits.append(_tidy(start, end, *_forms(name, values[name], node, name in leading),
                           _quoting(node), data))
    edits += _target_flags(root, target)
    env = {env_name(k): v for k, v in values.items()}
    if target.context is not None:
        env[CONTEXT_ENV] = target.context
    if target.kubeconfig is not None:
        env[KUBECONFIG_ENV] = target.kubeconfig
        env["KUBECONFIG"] = target.kubeconfig  # argocd --core and other kubeconfig readers
    return Filled(_apply(data, edits, 2), _apply(data, edits, 3), env)


def _apply(data: bytes, edits: list[tuple[int, int, str, str]], which: int) -> str:
    out, pos = [], 0
    for edit in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(data[pos: edit[0]])
        out.append(str(edit[which]).encode())
        pos = edit[1]
    out.append(data[pos:])
    return b"".join(out).decode()


def option_sensitive(commands: Iterable[str]) -> set[str]:
    """The placeholders of `commands` whose value may not start with `-` (it would be read as an option)."""
    found: set[str] = set()
    for command in commands:
        names = set(placeholders(command))
        for name in names - found:
            try:
                fill(command, {n: "-x" if n == name else "x" for n in names})
            except UnsafeSubstitution:
                found.add(name)
    return found


def _leading(command: str) -> set[str]:
    """Placeholders that begin an argument of some program in `command` (quotes removed, as bash passes it)."""
    words = (w for c in parse_shell(command).commands for w in c.argv)
    return {m.group(1) for w in words if (m := PLACEHOLDER_RE.match(w))}


def _forms(name: str, value: str, node: Node | None, leading: bool = False) -> tuple[str, str]:
    ref = "${" + env_name(name) + "}"
    quoting = _quoting(node)
    if quoting is not None and quoting.type == "comment":
        return f"<{name}>", f"<{name}>"
    safe = shlex.quote(value) == value
    reparsed, split = _reparsed(node), _split(node)
    if value.startswith("-") and (leading or reparsed or split):
        raise UnsafeSubstitution(f"<{name}> fills a whole argument here, so a value starting with '-' would be read "
                                 f"as an option; got {value!r}")
    if not safe and reparsed:
        raise UnsafeSubstitution(f"<{name}> is parsed again by a shell or as arithmetic here; "
                                 f"its value must be a plain word, got {value!r}")
    if not safe and split:
        raise UnsafeSubstitution(f"<{name}> is in an unquoted $(...), whose output is split into words; "
                                 f"its value must be a plain word, got {value!r}")
    if quoting is None:
        return f'"{ref}"', shlex.quote(value)
    if quoting.type in ("string", "translated_string"):
        return ref, value if safe else f'"{shlex.quote(value)}"'
    if quoting.type == "raw_string":
        return f"'\"{ref}\"'", value if safe else f"'{shlex.quote(value)}'"
    if quoting.type == "ansi_c_string":
        return f"'\"{ref}\"$'", value if safe else f"'{shlex.quote(value)}$'"
    # heredoc_body: a line of the value could end the document early in the display form; a quoted delimiter
    # expands nothing, so there only a plain word can be written in
    if "\n" in value:
        raise UnsafeSubstitution(f"<{name}> is in a here-document; its value must be one line, got {value!r}")
    if _quoted_heredoc(quoting):
        if not safe:
            raise UnsafeSubstitution(f"<{name}> is in a quoted here-document, which cannot expand a value; "
                                     f"its value must be a plain word, got {value!r}")
        return value, value
    return ref, re.sub(r"([\\$`])", r"\\\1", value)


def _tidy(start: int, end: int, run: str, shown: str, quoting: Node | None,
          data: bytes) -> tuple[int, int, str, str]:
    """Drop the empty '' or "" left when a value that closes and reopens quotes fills the whole quoted word."""
    if quoting is None or quoting.type not in ("raw_string", "string"):
        return start, end, run, shown
    q = "'" if quoting.type == "raw_string" else '"'
    if quoting.start_byte + 1 == start and (run.startswith(q) or shown.startswith(q)):
        start = start - 1  # the opening quote now belongs to the edit: each form drops or keeps it
        run, shown = (f[1:] if f.startswith(q) else q + f for f in (run, shown))
    if quoting.end_byte - 1 == end and data[end:end + 1] == q.encode() and (run.endswith(q) or shown.endswith(q)):
        end = end + 1
        run, shown = (f[:-1] if f.endswith(q) else f + q for f in (run, shown))
    return start, end, run, shown


def _quoting(node: Node | None) -> Node | None:
    """The quotes around the placeholder; a command substitution starts afresh, even inside "..."."""
    found = _enclosing(node, _QUOTING | {"command_substitution", "process_substitution"})
    return None if found is None or found.type.endswith("_substitution") else found


def _enclosing(node: Node | None, types: set[str]) -> Node | None:
    while node is not None:
        if node.type in types:
            return node
        node = node.parent
    return None


def _quoted_heredoc(body: Node) -> bool:
    redirect = body.parent
    start = next((c for c in redirect.children if c.type == "heredoc_start"), None) if redirect else None
    return start is None or any(q in node_text(start) for q in "'\"\\")


def _reparsed(node: Node | None) -> bool:
    """True when bash (or a program running a shell) parses this text again after expansion."""
    arithmetic = _enclosing(node, _ARITHMETIC)
    while arithmetic is not None:
        if arithmetic.type != "compound_statement" or arithmetic.children[0].type == "((":
            return True
        arithmetic = _enclosing(arithmetic.parent, _ARITHMETIC)
    command = _enclosing(node, {"command"})
    while command is not None:
        words = [c for c in command.children if c.type not in ("variable_assignment", "file_redirect")]
        texts = [_plain(w) for w in words]
        program = texts[0].rsplit("/", 1)[-1] if texts else ""
        if program in _EVALUATORS:
            return True
        for i, word in enumerate(texts[:-1]):
            if word.rsplit("/", 1)[-1] in _SHELLS and re.fullmatch(r"-[a-z]*c[a-z]*", texts[i + 1]):
                return True
        command = _enclosing(command.parent, {"command"})
    return False


def _split(node: Node | None) -> bool:
    """True when the value is printed by an unquoted command substitution, whose output bash splits and globs."""
    substitution = _enclosing(node, {"command_substitution"})
    while substitution is not None:
        outer = _enclosing(substitution.parent, {"string", "variable_assignment", "heredoc_body", "command"})
        if outer is None or outer.type == "command":
            return True
        substitution = _enclosing(outer.parent, {"command_substitution"})
    return False


def _plain(node: Node) -> str:
    text = node_text(node)
    return text[1:-1] if node.type in ("raw_string", "string") else text


def _target_flags(root: Node, target: Target) -> list[tuple[int, int, str, str]]:
    """Insert the context and kubeconfig flags each tool takes (`rbkb.tools`) after its program word, or after
    `kubectl argo rollouts`."""
    if target.context is None and target.kubeconfig is None:
        return []
    edits: list[tuple[int, int, str, str]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type != "command":
            continue
        name = node.child_by_field_name("name")
        tool = tool_for([node_text(name)]) if name is not None else None
        if name is None or tool is None:
            continue
        args = [c for c in node.children if c.start_byte >= name.end_byte and c.type not in ("file_redirect",)]
        skip = tool.sub_command_start([node_text(a) for a in args[:2]])
        at = args[skip - 1].end_byte if skip else name.end_byte
        flags = [(flag, env, value) for flag, env, value in ((tool.context_flag, CONTEXT_ENV, target.context),
                                                             (tool.kubeconfig_flag, KUBECONFIG_ENV, target.kubeconfig))
                 if flag is not None and value is not None]
        if flags:
            run = "".join(f' {flag} "${{{env}}}"' for flag, env, _v in flags)
            shown = "".join(f" {flag} {shlex.quote(v)}" for flag, _env, v in flags)
            edits.append((at, at, run, shown))
    return edits
