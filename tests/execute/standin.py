"""A stand-in `kubectl` (and `argocd`, `kubectl-argo-rollouts`) for tests: it records its argv and replays fixture
output. It is a test fixture only; the product always runs the real tools on PATH.

Each call appends {"argv": [...], "stdin": "...", "pid": N} to the log file. Replies are rules tried in order: the
first whose `match` words all occur in argv (in order, as whole words) decides stdout (printed `repeat` times),
stderr, exit code and an optional sleep. `escape` starts a `sleep` of that many seconds in a session of its own that
keeps stdout open, as a daemonising tool would (its pid is logged as {"escaped": N}). Unmatched calls print nothing
and exit 0.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

_SCRIPT = '''#!{python} -IS
import json, os, subprocess, sys, time
argv = [os.path.basename(sys.argv[0])] + sys.argv[1:]
stdin = sys.stdin.read() if not sys.stdin.isatty() else ""
def log(record):
    with open({log!r}, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\\n")
log({{"argv": argv, "stdin": stdin, "pid": os.getpid()}})
def matches(words):
    it = iter(argv)
    return all(any(a == w for a in it) for w in words)
for rule in json.load(open({rules!r}, encoding="utf-8")):
    if rule.get("program", argv[0]) == argv[0] and matches(rule["match"]):
        if rule.get("escape"):
            log({{"escaped": subprocess.Popen(["sleep", str(rule["escape"])], start_new_session=True).pid}})
        time.sleep(rule.get("sleep", 0))
        sys.stdout.write(rule.get("stdout", "") * rule.get("repeat", 1))
        sys.stdout.flush()
        sys.stderr.write(rule.get("stderr", ""))
        sys.exit(rule.get("exit", 0))
'''


@dataclass
class Rule:
    match: list[str]
    stdout: str = ""
    stderr: str = ""
    exit: int = 0
    sleep: float = 0
    program: str | None = None  # kubectl, argocd or kubectl-argo-rollouts; None matches any
    repeat: int = 1
    escape: float = 0


@dataclass
class StandIn:
    bin_dir: Path
    log: Path
    rules_file: Path
    rules: list[Rule] = field(default_factory=list)

    def reply(self, *match: str, stdout: str = "", stderr: str = "", exit: int = 0, sleep: float = 0,
              program: str | None = None, repeat: int = 1, escape: float = 0) -> None:
        self.rules.append(Rule(list(match), stdout, stderr, exit, sleep, program, repeat, escape))
        self.rules_file.write_text(json.dumps([{k: v for k, v in vars(r).items() if v is not None}
                                               for r in self.rules]), encoding="utf-8")

    def calls(self) -> list[list[str]]:
        return [c["argv"] for c in self._records() if "argv" in c]

    def stdins(self) -> list[str]:
        return [c["stdin"] for c in self._records() if "argv" in c]

    def pids(self) -> list[int]:
        """Process ids of the calls, in order."""
        return [c["pid"] for c in self._records() if "argv" in c]

    def escaped(self) -> list[int]:
        """Process ids of the sleeps that `escape` left behind."""
        return [c["escaped"] for c in self._records() if "escaped" in c]

    def _records(self) -> list[dict]:  # type: ignore[type-arg]
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def clear(self) -> None:
        self.log.unlink(missing_ok=True)


def install(directory: Path) -> StandIn:
    """Write the stand-in programs into directory/bin; the caller puts that first on PATH."""
    bin_dir = directory / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    stand_in = StandIn(bin_dir, directory / "calls.jsonl", directory / "rules.json")
    stand_in.rules_file.write_text("[]", encoding="utf-8")
    script = _SCRIPT.format(python=sys.executable, log=str(stand_in.log), rules=str(stand_in.rules_file))
    for name in ("kubectl", "argocd", "kubectl-argo-rollouts"):
        path = bin_dir / name
        path.write_text(script, encoding="utf-8")
        path.chmod(0o755)
    return stand_in


_RECORDER = """#!/bin/bash
# argv only, as argc then each word, all NUL-terminated: fast enough for property-based tests
printf '%s\\0' "$(($# + 1))" "${0##*/}" "$@" >> LOGFILE
"""


def install_recorder(directory: Path) -> tuple[Path, Path]:
    """A bash `kubectl` that only records its argv (no replies); returns (bin dir, log file)."""
    bin_dir = directory / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    log = directory / "argv.log"
    path = bin_dir / "kubectl"
    path.write_text(_RECORDER.replace("LOGFILE", shlex.quote(str(log))), encoding="utf-8")
    path.chmod(0o755)
    return bin_dir, log


def recorded(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    words = log.read_bytes().decode("utf-8").split("\0")[:-1]  # bytes: keep \r as it was
    calls, i = [], 0
    while i < len(words):
        count = int(words[i])
        calls.append(words[i + 1: i + 1 + count])
        i += 1 + count
    return calls


def path_with(stand_in: StandIn) -> str:
    return f"{stand_in.bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"


@pytest.fixture
def kubectl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StandIn:
    """The stand-in first on PATH for one test (import this fixture into the test module)."""
    stand_in = install(tmp_path / "standin")
    monkeypatch.setenv("PATH", path_with(stand_in))
    return stand_in


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for a reaper counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError, ProcessLookupError):
        return False
    return state not in ("Z", "X")
