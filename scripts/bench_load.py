#!/usr/bin/env python3
"""Benchmark loading and linting the repository, each against its side-by-side baseline.

- YAML: rbkb.yamlpos (libyaml, with its bounds pass) against the pure-Python composer it replaced, on every YAML
  file of runbooks/ and data/: CPU time, best of --repeat.
- ShellCheck: one process for every command `runbook lint` checks (rbkb.lint.shellcheck) against one process per
  command, as before: CPU time of the ShellCheck processes.
- `runbook lint --strict` and `runbook --help` as a user runs them: CPU and wall time, best of --repeat.

Usage: .venv/bin/python scripts/bench_load.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def best_cpu(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def yaml_figures(repeat: int) -> tuple[float, float, int]:
    from rbkb import yamlpos

    texts = [p.read_text(encoding="utf-8") for d in ("runbooks", "data") for p in sorted((REPO / d).rglob("*.yaml"))]

    def fast() -> None:
        for text in texts:
            yamlpos.parse(text)

    def pure() -> None:
        for text in texts:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            located = yamlpos.Located(data=None)
            yamlpos._walk(node, (), located)
            located.data = yaml.SafeLoader("").construct_document(node)

    return best_cpu(fast, repeat), best_cpu(pure, repeat), len(texts)


def shellcheck_figures() -> tuple[float, float, int]:
    from rbkb.lint import targets
    from rbkb.lint.shellcheck import _EXCLUDED, _check_files, shellcheck_binary

    texts = list(dict.fromkeys(t.text for t in targets(REPO)))
    before = children_cpu()
    _check_files(texts)
    batched = children_cpu() - before
    before = children_cpu()
    for text in texts:
        subprocess.run([shellcheck_binary(), "--norc", "--shell=bash", "--format=json1", f"--exclude={_EXCLUDED}",
                        "-"], input=text, capture_output=True, text=True, timeout=60, check=False)
    return batched, children_cpu() - before, len(texts)


def command_figures(argv: list[str], repeat: int) -> tuple[float, float]:
    """(best CPU, best wall) of a command."""
    cpus, walls = [], []
    for _ in range(repeat):
        before, start = children_cpu(), time.perf_counter()
        subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - before)
    return min(cpus), min(walls)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    runbook = str(Path(sys.executable).with_name("runbook"))

    fast, pure, files = yaml_figures(args.repeat)
    print(f"YAML, {files} files: libyaml {fast:.3f} s CPU, pure-Python composer {pure:.3f} s CPU: {fast / pure:.2f}x")
    batched, each, count = shellcheck_figures()
    print(f"ShellCheck, {count} distinct commands: one process {batched:.2f} s CPU, a process per command "
          f"{each:.2f} s CPU: {batched / each:.2f}x")
    commands = {"runbook lint --strict": [runbook, "lint", "--strict"], "runbook --help": [runbook, "--help"]}
    for label, cmd in commands.items():
        cpu, wall = command_figures(cmd, args.repeat)
        print(f"{label}: {cpu:.2f} s CPU, {wall:.2f} s wall (best of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
