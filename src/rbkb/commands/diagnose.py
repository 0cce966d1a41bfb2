"""`runbook diagnose FILE ... | -`: name the cause in saved or pasted command output.

A one-shot command: it imports only the analyzer and reads the signature table built into the package (or, inside
a repository whose runbooks changed since, a cached build of them), never pydantic, YAML or the loader unless it
must rebuild. Input is bounded: at most `MAX_INPUT` bytes in all are read.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from ..analyze import CauseFinding, analyze_outputs
from ..analyze.causes import Evidence, findings_json
from ..analyze.signatures import find_root, table_for

MAX_INPUT = 10 * 1024 * 1024  # bytes read from all inputs together; documented in docs/reference/diagnose.md
MAX_SHOWN = 300  # characters of an evidence line shown in text output


class InputError(Exception):
    """An input that cannot be read as command output; the message is the one line to print."""


def diagnose(root: Path | None, files: Sequence[str], *, fmt: str, stdin: TextIO | None, stdout: TextIO) -> int:
    """Exit 0 with the causes found (possibly none); 2 when an input cannot be read."""
    outputs, notes, budget = [], [], MAX_INPUT
    for name in files:
        try:
            text, note = read_input(name, stdin, budget)
        except InputError as e:
            print(f"runbook diagnose: {e}", file=sys.stderr)
            return 2
        budget -= len(text.encode("utf-8", errors="replace"))
        outputs.append(text)
        notes += [note] if note else []
    table, note = table_for(root if root is not None else find_root(Path.cwd()))
    notes += [note] if note else []
    for line in notes:
        print(f"runbook diagnose: {line}", file=sys.stderr)
    findings = analyze_outputs(outputs, table, names=list(files))
    stdout.write(findings_json(findings, notes) + "\n" if fmt == "json" else render_text(findings))
    return 0


def read_input(name: str, stdin: TextIO | None, budget: int) -> tuple[str, str | None]:
    """The text of one input (a path or `-`), at most `budget` bytes of it, and a note when it was cut short."""
    if name == "-":
        if stdin is None or getattr(stdin, "closed", False):
            raise InputError("-: standard input is closed")
        raw: BinaryIO | None = getattr(stdin, "buffer", None)
        if raw is None:  # a text stream without bytes underneath (tests pass io.StringIO)
            text = stdin.read(budget + 1)
            return _cut(name, text, len(text) > budget, budget, "characters")
        return _read(name, raw, budget)
    try:
        with open(name, "rb") as f:
            return _read(name, f, budget)
    except OSError as e:
        raise InputError(f"{name}: {e.strerror or e}") from None


def _read(name: str, f: BinaryIO, budget: int) -> tuple[str, str | None]:
    try:
        mode = os.fstat(f.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        mode = 0
    try:
        data = f.read(budget + 1)
    except OSError as e:
        raise InputError(f"{name}: {e.strerror or e}") from None
    over = len(data) > budget
    if over and not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise InputError(f"{name}: more than {budget // 1024 // 1024 or budget} MB and no end in sight (a device?); "
                         f"runbook diagnose reads at most {MAX_INPUT // 1024 // 1024} MB of saved output")
    return _cut(name, data.decode("utf-8", errors="replace"), over, budget, "bytes")


def _cut(name: str, text: str, over: bool, budget: int, unit: str) -> tuple[str, str | None]:
    if not over:
        return text, None
    kept = text[:budget]
    kept = kept[: kept.rfind("\n") + 1] or kept  # end on a whole line
    return kept, (f"{name}: read only the first {len(kept)} {unit}; runbook diagnose reads at most "
                  f"{MAX_INPUT // 1024 // 1024} MB of input in all")


def render_text(findings: Sequence[CauseFinding]) -> str:
    if not findings:
        return "No known cause recognised in this output.\n"
    out = []
    for n, f in enumerate(findings, 1):
        out.append(f"{n}. {f.title or f.id}  [{f.id}, confidence {f.confidence:.2f}]")
        out.append("   Evidence:")
        out += [f"     | {_shown(line)}{_where(line)}" for line in f.evidence]
        if f.fix:
            out.append("   Fix: " + "; ".join(f.fix[:3]))
        out.append(f"   Read: {f.url}")
        out.append("")
    return "\n".join(out)


def _shown(line: str) -> str:
    line = line.strip()
    return line if len(line) <= MAX_SHOWN else line[:MAX_SHOWN] + "…"


def _where(line: str) -> str:
    if not isinstance(line, Evidence):
        return ""
    what = [line.where] + ([line.tool] if line.tool != "structure" else []) + ([line.versions] if line.versions else [])
    return "    (" + ", ".join(what) + ")"


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diagnose", help="name the cause in saved kubectl, Argo Rollouts or Argo CD output")
    p.add_argument("files", nargs="+", metavar="FILE", help="files with command output; - reads standard input")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=lambda a: diagnose(_given_root(a.root), a.files, fmt=a.format, stdin=sys.stdin,
                                           stdout=sys.stdout))


def _given_root(root: Path) -> Path | None:
    """`--root` when given (the default `.` counts only when it is a repository)."""
    return root if (root / "runbooks").is_dir() else None

