"""One YAML data file of the repository -> its line map and its validated model, every problem as `file:line`.

Every loader of the repository's YAML (runbooks, the cause catalogue, the organisation, cards, the triage tree,
alerts, training drills) reads its files through here, so each gets the same bounds and the same messages. What a
file may be: a regular file inside the repository (a symlink may point only within it), at most MAX_FILE_BYTES of
UTF-8; yamlpos bounds what the YAML inside may expand to.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .yamlpos import Located, PathKey, YamlSyntaxError, parse

M = TypeVar("M", bound=BaseModel)

MAX_FILE_BYTES = 1_000_000  # the largest runbook is about 32 KB; docs/reference/writing-runbooks.md says so too


@dataclass
class Parsed(Generic[M]):
    """One file's model (None when invalid) and its line map (None when it could not be parsed)."""

    rel: str
    model: M | None
    located: Located | None
    text: str | None = None  # None when the file could not be read


def read_text(root: Path, rel: str, problems: list[Problem]) -> str | None:
    """The file's text, or None with the reason in `problems` (missing, not a file, outside, too big, not UTF-8)."""
    path = root / rel
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(Path(os.path.realpath(root))):
            problems.append(Problem(rel, 1, "RB001", "", f"is a symlink to {target}, outside the repository: "
                                                         "put the file itself here"))
            return None
    if not path.exists():
        problems.append(Problem(rel, 1, "RB003", "", "file not found"))
        return None
    if not path.is_file():
        problems.append(Problem(rel, 1, "RB001", "", "is not a regular file (a directory?): expected YAML"))
        return None
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        problems.append(Problem(rel, 1, "RB001", "", f"cannot be read: {e.strerror or e}"))
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.append(Problem(rel, 1, "RB001", "", f"is larger than {MAX_FILE_BYTES:,} bytes, the limit for one "
                                                     "YAML file: split it"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        problems.append(Problem(rel, line, "RB001", "", f"not UTF-8: byte 0x{data[e.start]:02x} at column {column}"))
        return None


def read_located(root: Path, rel: str, problems: list[Problem]) -> Located | None:
    """The parsed file with its line map; syntax errors (RB001) and duplicate keys (RB002) go to `problems`."""
    text = read_text(root, rel, problems)
    return None if text is None else parse_located(rel, text, problems)


def parse_located(rel: str, text: str, problems: list[Problem]) -> Located | None:
    try:
        located = parse(text)
    except YamlSyntaxError as e:
        problems.append(Problem(rel, e.line, "RB001", "", e.message))
        return None
    for key_path, line in located.duplicate_keys:
        problems.append(Problem(rel, line, "RB002", dotted(key_path), "duplicate key (YAML keeps only the last)"))
    return located


def load_file(root: Path, rel: str, model: type[M], problems: list[Problem]) -> Parsed[M]:
    """Read, parse and validate one file against `model`; every problem goes to `problems`."""
    text = read_text(root, rel, problems)
    located = None if text is None else parse_located(rel, text, problems)
    if located is None:
        return Parsed(rel, None, None, text)
    if not isinstance(located.data, dict):
        problems.append(Problem(rel, 1, "RB003", "", "expected a mapping at the top level"))
        return Parsed(rel, None, located, text)
    return Parsed(rel, validate(rel, located, model, problems), located, text)


def validate(rel: str, located: Located, model: type[M], problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(located.data)
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(err["loc"])
            problems.append(Problem(rel, located.line_of(loc), "RB003", dotted(loc), message(err)))
        return None


def message(err: Any) -> str:
    """A pydantic error as the linter prints it."""
    if err["type"] == "string_pattern_mismatch":
        return f"{err['input']!r} does not match {err['ctx']['pattern']}"
    if err["type"] == "literal_error":
        return f"{err['input']!r} is not one of {err['ctx']['expected']}"
    return str(err["msg"]).removeprefix("Value error, ")


def dotted(path: PathKey) -> str:
    return ".".join(str(p) for p in path)
