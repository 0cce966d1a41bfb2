#!/usr/bin/env python3
"""Benchmark the command linter against the real kubectl parser.

For every command in the repository (runbooks, docs snippets, scripts) it times the full per-command lint
(shell parse, grammar, safety, style; ShellCheck separately), and for every command of the accuracy corpus
(tests/grammar/corpus/*.yaml) it times
``rbkb.grammar.check_argv`` (averaged over several passes, grammars already loaded; the
one-off load time is shown separately), and for every kubectl command it times one
invocation of the real kubectl, run the way the agreement test runs it
(tests/grammar/kubectl_oracle.py: no cluster, a refusing server, no side effects).
Prints a short table and the speed-up; exits 1 if the speed-up is below --min-speedup.

It also reports, for each class of the corpus (values, arguments, placeholders, custom resources, flag positions,
helm, kustomize; unclassed entries are "grammar"), the share of invalid commands caught with the expected rule and of
valid commands accepted, through `runbook lint-command`'s path; and the CPU time of one `runbook lint-command`
process (median of several, with compiled bytecode in place, as an installed package has it), beside the same check
without the CLI's start-up and beside one `kubectl` invocation.

Usage: .venv/bin/python scripts/bench_grammar.py [--passes N] [--min-speedup X]
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "grammar"))


def load_commands() -> list[list[str]]:
    argvs = []
    for name in ("valid.yaml", "invalid.yaml"):
        for entry in yaml.safe_load((REPO / "tests" / "grammar" / "corpus" / name).read_text(encoding="utf-8")):
            argvs.append(shlex.split(entry["command"]))
    return argvs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--passes", type=int, default=50, help="passes over the corpus for the checker (default 50)")
    ap.add_argument("--min-speedup", type=float, default=20.0)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    from rbkb.grammar import check_argv
    from rbkb.grammar.model import resource_index
    from rbkb.tools import all_tools

    for tool in all_tools():
        tool.grammar()
    resource_index()
    load_s = time.perf_counter() - t0

    repo_rows, repo_kubectl = bench_repository(args.passes)
    argvs = load_commands()
    kubectl_argvs = [a for a in argvs if a[0] == "kubectl" and a[1:3] != ["argo", "rollouts"]]

    def time_checker(cmds: list[list[str]]) -> float:
        start = time.perf_counter()
        for _ in range(args.passes):
            for a in cmds:
                check_argv(a)
        return (time.perf_counter() - start) / (args.passes * len(cmds))

    all_per = time_checker(argvs)
    k_per = time_checker(kubectl_argvs)

    rows = [
        *repo_rows,
        ("rbkb.grammar.check_argv, all corpus commands", len(argvs), all_per),
        ("rbkb.grammar.check_argv, kubectl commands", len(kubectl_argvs), k_per),
    ]
    real_per = None
    if shutil.which("kubectl"):
        from kubectl_oracle import Sandbox, verdict

        with Sandbox() as sandbox:
            start = time.perf_counter()
            for a in kubectl_argvs:
                verdict(a, sandbox)
            real_per = (time.perf_counter() - start) / len(kubectl_argvs)
            start = time.perf_counter()
            for a in repo_kubectl:
                verdict(a, sandbox)
            repo_real = (time.perf_counter() - start) / len(repo_kubectl)
        rows.append(("real kubectl, one invocation per corpus command", len(kubectl_argvs), real_per))
        rows.append(("real kubectl, one invocation per repository kubectl command", len(repo_kubectl), repo_real))

    w = max(len(r[0]) for r in rows)
    print(f"{'':{w}}  {'commands':>8}  {'per command':>12}  {'total':>10}")
    for label, n, per in rows:
        print(f"{label:{w}}  {n:>8}  {per * 1e3:>9.3f} ms  {per * n:>8.3f} s")
    print(f"grammar load, every tool (once per process; lint-command loads only the tools it meets): "
          f"{load_s * 1e3:.1f} ms")
    print_classes()
    print_process_cpu()
    if real_per is None:
        print("kubectl not installed: no comparison")
        return 0
    speedup = real_per / k_per
    repo_lint = repo_rows[0][2]
    repo_speedup = repo_real / repo_lint
    print(f"speed-up, grammar check vs kubectl on corpus kubectl commands: {speedup:,.0f}x")
    print(f"speed-up, full lint (no ShellCheck) vs kubectl on repository commands: {repo_speedup:,.0f}x "
          f"(required: >= {args.min_speedup:g}x)")
    return 0 if min(speedup, repo_speedup) >= args.min_speedup else 1


def bench_repository(passes: int) -> tuple[list[tuple[str, int, float]], list[list[str]]]:
    """Per-command lint time over every command the repository shows or runs."""
    from rbkb.lint import targets
    from rbkb.lint.command import check_command
    from rbkb.lint.shellcheck import _check_files
    from rbkb.shell import parse_shell

    found = targets(REPO)
    check_command(found[0].text)  # load the bash parser and the grammars once
    passes = max(1, passes // 10)
    start = time.perf_counter()
    for _ in range(passes):
        parse_shell.cache_clear()  # time real parsing on every pass, not the cache
        for t in found:
            check_command(t.text, context=t.context, has_warning=t.has_warning)
    lint_per = (time.perf_counter() - start) / (passes * len(found))
    start = time.perf_counter()
    _check_files([t.text for t in found])  # uncached: what `runbook lint` runs, one batched ShellCheck process
    sc_per = (time.perf_counter() - start) / len(found)
    kubectl = [a for t in found for a in t.concrete_argvs() if a[:1] == ["kubectl"] and a[1:2] != ["argo"]]
    return [
        ("full lint per repository command (no ShellCheck)", len(found), lint_per),
        ("ShellCheck per repository command (one batched process)", len(found), sc_per),
    ], kubectl


def print_classes() -> None:
    """Share caught (invalid) and accepted (valid) per corpus class, through runbook lint-command's checks."""
    from rbkb.lint.command import check_command

    corpus = {name: yaml.safe_load((REPO / "tests" / "grammar" / "corpus" / name).read_text(encoding="utf-8"))
              for name in ("valid.yaml", "invalid.yaml")}
    rows: dict[str, list[int]] = {}  # class -> [invalid caught, invalid, valid accepted, valid]
    for entry in corpus["invalid.yaml"]:
        row = rows.setdefault(entry.get("class", "grammar"), [0, 0, 0, 0])
        row[0] += entry["rule"] in {f.rule for f in check_command(entry["command"])}
        row[1] += 1
    for entry in corpus["valid.yaml"]:
        row = rows.setdefault(entry.get("class", "grammar"), [0, 0, 0, 0])
        row[2] += not any(f.severity == "error" for f in check_command(entry["command"]))  # warnings accept
        row[3] += 1
    print(f"\n{'corpus class':18}  {'invalid caught':>16}  {'valid accepted':>16}")
    for cls, (caught, bad, accepted, good) in sorted(rows.items()):
        print(f"{cls:18}  {_share(caught, bad):>16}  {_share(accepted, good):>16}")


def _share(n: int, total: int) -> str:
    return f"{n}/{total} ({100 * n / total:.0f} %)" if total else "-"


def _child_cpu(argv: list[str], runs: int, env: dict[str, str]) -> float:
    """Median CPU seconds (user + system) of one run of argv."""
    spent = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        spent.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(spent)


def print_process_cpu(runs: int = 15) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # cache bytecode, as installed
    command = "kubectl get pods -n payments -l rollout=checkout"
    runbook = [str(Path(sys.executable).parent / "runbook"), "lint-command", command]
    direct = [sys.executable, "-c", "import sys; from rbkb.commands.lint import lint_command; "
              "sys.exit(lint_command(sys.argv[1:], fmt='text', stdin=sys.stdin))", command]
    for argv in (runbook, direct):
        subprocess.run(argv, stdout=subprocess.DEVNULL, env=env, check=False)  # write the bytecode once
    rows = [("runbook lint-command (one process)", _child_cpu(runbook, runs, env)),
            ("the same check without the CLI's start-up (rbkb.commands.lint)", _child_cpu(direct, runs, env))]
    if shutil.which("kubectl"):
        rows.append(("kubectl version --client (one process, for scale)",
                     _child_cpu(["kubectl", "version", "--client"], runs, env)))
    print(f"\nCPU time per process (median of {runs}; command: {command})")
    for label, cpu in rows:
        print(f"  {label:66} {cpu * 1e3:7.0f} ms")


if __name__ == "__main__":
    sys.exit(main())
