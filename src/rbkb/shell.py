"""Split shell text into simple commands with a real bash parser (tree-sitter-bash).

Placeholders such as `<namespace>` (runbooks) or `<APPNAME>` (documentation) are redirections to bash, so they are
swapped for plain words before parsing and restored in the resulting argv. Words built from expansions (`$VAR`,
`$(...)`) cannot be known statically; they come back as the marker `<expansion>`, which every later check treats
as "any value".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import tree_sitter_bash
from tree_sitter import Language, Node, Parser, Tree

from .placeholders import DOC_PLACEHOLDER_RE

EXPANSION = "<expansion>"
_TOKEN = "__RBPH_{}__"
_TOKEN_RE = re.compile(r"__RBPH_([A-Za-z0-9.-]+?)__")
_DYNAMIC = {"simple_expansion", "expansion", "command_substitution", "process_substitution", "arithmetic_expansion"}
_ESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)


@dataclass(frozen=True)
class SimpleCommand:
    """One program invocation: its argv (quotes removed, placeholders restored) and its source text."""

    argv: tuple[str, ...]
    text: str
    line: int = 0  # 0-based line of the command within the parsed text

    @property
    def program(self) -> str:
        return self.argv[0] if self.argv else ""


@dataclass(frozen=True)
class ParsedShell:
    commands: tuple[SimpleCommand, ...]
    syntax_error: str | None  # first error location, when bash would reject the text
    writes_files: tuple[str, ...] = ()  # targets of `>` / `>>` redirections, other than /dev/null and descriptors


@functools.lru_cache(maxsize=1)
def _parser() -> Parser:
    return Parser(Language(tree_sitter_bash.language()))


def node_text(node: Node) -> str:
    """The source text of a syntax node (tree-sitter keeps it as bytes, None only for detached nodes)."""
    return (node.text or b"").decode()


def syntax_tree(text: str) -> Tree:
    """The raw tree-sitter-bash tree of `text` (no placeholder masking), for callers that need byte positions."""
    return _parser().parse(text.encode())


@functools.lru_cache(maxsize=4096)
def parse_shell(text: str) -> ParsedShell:
    masked = DOC_PLACEHOLDER_RE.sub(lambda m: _TOKEN.format(_encode(m.group(1))), text)
    tree = _parser().parse(masked.encode())
    commands: list[SimpleCommand] = []
    _collect(tree.root_node, commands)
    return ParsedShell(tuple(commands), _first_error(tree.root_node), tuple(_written_files(tree.root_node)))


def _written_files(node: Node) -> list[str]:
    found: list[str] = []
    if node.type == "file_redirect":
        ops = [node_text(c) for c in node.children if c.type in (">", ">>", ">|", "&>", "&>>")]
        dest = node.child_by_field_name("destination")
        target = node_text(dest) if dest is not None else ""
        if ops and target != "/dev/null":
            found.append(_unmask(target))
    for child in node.children:
        found.extend(_written_files(child))
    return found


def _first_error(root: Node) -> str | None:
    if not root.has_error:
        return None
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            row, col = node.start_point
            what = f"missing {node.type!r}" if node.is_missing else f"unexpected {node_text(node)[:30]!r}"
            return f"shell syntax error at line {row + 1}, column {col + 1}: {what}"
        stack.extend(reversed(node.children))
    return "shell syntax error"


def _collect(node: Node, out: list[SimpleCommand]) -> None:
    if node.type == "command":
        argv = [_word(c) for c in node.children if c.type not in ("variable_assignment", "file_redirect",
                                                                     "heredoc_redirect", "herestring_redirect")]
        if argv:
            out.append(SimpleCommand(tuple(argv), _unmask(node_text(node)), node.start_point[0]))
    for child in node.children:
        _collect(child, out)


def _word(node: Node) -> str:
    """The value bash would pass for this word, or EXPANSION when it depends on run-time values."""
    if node.type == "command_name":
        return _word(node.children[0])
    if node.type in _DYNAMIC:
        return EXPANSION
    text = node_text(node)
    if node.type == "raw_string":
        value = text[1:-1]
    elif node.type == "string":
        value = "".join(EXPANSION if c.type in _DYNAMIC else _string_part(c) for c in node.children if c.type != '"')
    elif node.type == "concatenation":
        value = "".join(_word(c) for c in node.children)
    elif node.type == "ansi_c_string":
        value = text[2:-1]
    else:
        value = _ESCAPE_RE.sub(r"\1", text)
    return _unmask(value)


def _string_part(node: Node) -> str:
    text = node_text(node)
    return re.sub(r'\\([$`"\\\n])', r"\1", text) if node.type == "string_content" else text


def _encode(name: str) -> str:
    """A placeholder name as token text: `_` would end the token early, so it travels as `.-`."""
    return name.replace(".", "..").replace("_", ".-")


def _decode(token: str) -> str:
    return re.sub(r"\.([.-])", lambda m: "." if m.group(1) == "." else "_", token)


def _unmask(text: str) -> str:
    return _TOKEN_RE.sub(lambda m: f"<{_decode(m.group(1))}>", text)
