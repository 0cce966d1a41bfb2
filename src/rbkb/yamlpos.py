"""Parse YAML and remember the line of every key and value, so errors can point at them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

PathKey = tuple[str | int, ...]


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
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlSyntaxError(line, f"YAML syntax error: {e.problem or e}") from e
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
