"""Parse YAML and remember the line of every key and value, so errors can point at them.

libyaml (PyYAML's C parser) does the work: it gives the same nodes, line marks and data as the pure-Python parser in
about a tenth of the time. Only when it rejects a text is the pure parser asked again, so a syntax error is worded
the same way whichever parser is installed.

The input is hostile until checked. Before anything is composed, one pass over libyaml's events bounds what a small
text can make the loader do: nesting deeper than MAX_DEPTH (libyaml composes recursively in C and would overflow the
stack), an alias that refers to a node that contains it, and aliases whose expansion adds more than MAX_ALIAS_NODES
nodes (a "billion laughs" file expands a few hundred bytes into billions of nodes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

PathKey = tuple[str | int, ...]

MAX_DEPTH = 100  # runbooks nest about 8 levels deep
MAX_ALIAS_NODES = 10_000  # nodes that aliases may add in one file; the repository uses no alias today

FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Where the error is an unclosed bracket or quote, the parser notices only on a later line: point at the opening one.
_OPENED_CONTEXTS = ("while parsing a flow", "while scanning a quoted scalar")


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Located:
    """Parsed data plus the 1-based line of each path, and the duplicate keys found on the way."""

    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[PathKey, int]] = field(default_factory=list)

    def line_of(self, path: PathKey) -> int:
        """The line of `path`, or of its nearest ancestor that exists (a missing field points at its parent)."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def parse(text: str) -> Located:
    try:
        _check_bounds(text)
        node = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.MarkedYAMLError as e:
        raise _worded(text, e) from e
    except yaml.YAMLError as e:  # a reader error (a control character): libyaml gives it no mark
        raise _worded(text, e) from e
    if node is None:
        return Located(data=None)
    located = Located(data=None)
    _walk(node, (), located)
    loader = yaml.SafeLoader("")
    try:
        located.data = loader.construct_document(node)
    except yaml.constructor.ConstructorError as e:
        mark = e.problem_mark
        raise YamlSyntaxError(mark.line + 1 if mark else 1, f"YAML error: {e.problem}") from e
    finally:
        loader.dispose()
    return located


def _check_bounds(text: str) -> None:
    """Depth, recursive aliases and alias expansion, from the event stream alone (nothing is built yet)."""
    open_anchors: list[str | None] = []
    sizes: list[int] = []  # nodes in each open collection so far, aliases expanded
    anchored: dict[str, int] = {}
    expanded = 0
    for event in yaml.parse(text, Loader=FAST_LOADER):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.CollectionStartEvent):
            if len(sizes) >= MAX_DEPTH:
                raise YamlSyntaxError(line, f"YAML nests deeper than {MAX_DEPTH} levels here")
            open_anchors.append(event.anchor)
            sizes.append(1)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, size = open_anchors.pop(), sizes.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                raise YamlSyntaxError(line, f"YAML alias *{event.anchor} refers to a node that contains it")
            anchor, size = None, anchored.get(str(event.anchor), 1)  # an unknown anchor is the composer's error
            expanded += size
            if expanded > MAX_ALIAS_NODES:
                raise YamlSyntaxError(line, f"YAML aliases expand to more than {MAX_ALIAS_NODES} nodes by this one "
                                            "(an alias bomb?)")
        else:
            continue
        if anchor is not None:
            anchored[anchor] = size
        if sizes:
            sizes[-1] += size


def _worded(text: str, fast_error: yaml.YAMLError) -> YamlSyntaxError:
    """The pure parser's wording of a text libyaml rejected (libyaml's own, if the pure parser accepts it)."""
    error: yaml.YAMLError = fast_error
    if FAST_LOADER is not yaml.SafeLoader:
        try:
            yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as e:
            error = e
        except RecursionError:
            pass
    if not isinstance(error, yaml.MarkedYAMLError):
        mark = getattr(error, "position", None)
        return YamlSyntaxError(_line_at(text, mark) if isinstance(mark, int) else 1, f"YAML syntax error: {error}")
    problem, at = error.problem_mark, error.context_mark
    line = problem.line + 1 if problem else 1
    if at is not None and at.line + 1 < line and (error.context or "").startswith(_OPENED_CONTEXTS):
        return YamlSyntaxError(at.line + 1, f"YAML syntax error: {error.context} opened on this line and not closed: "
                                            f"{error.problem} on line {line}")
    return YamlSyntaxError(line, f"YAML syntax error: {error.problem or error}")


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _walk(node: yaml.Node, path: PathKey, out: Located) -> None:
    out.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*path, key)
            if key in seen:
                out.duplicate_keys.append((child, key_node.start_mark.line + 1))
            seen.add(key)
            out.lines[child] = key_node.start_mark.line + 1
            _walk_value(value_node, child, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), out)


def _walk_value(node: yaml.Node, path: PathKey, out: Located) -> None:
    # The key's line is the better anchor for scalars; collections record their own items.
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        for_key = out.lines[path]
        _walk(node, path, out)
        out.lines[path] = for_key
