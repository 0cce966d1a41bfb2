#!/usr/bin/env python3
"""Measure the analyzers: signature coverage, accuracy and silence on real captures, time per input, triage calls.

- Coverage: causes with at least one signature (or a structural check) / causes that can show in output.
- Top-1 accuracy: for each captured output under tests/fixtures/outputs/<cause>/, whether `runbook diagnose` names
  that cause first (and how often it names it at all).
- Silence: the captures under tests/fixtures/outputs/unrelated/ (healthy and unrelated output) that yield no cause.
- Time: mean, median and slowest analysis per captured input (--passes times each), and the CPU time of a one-shot
  `runbook diagnose FILE` process (start-up included) run from outside the repository.
- Paste box: the site's matcher (docs/assets/javascripts/paste.js) in Node over the same captures: its time per
  input, a one-megabyte paste, and on how many captures it names the same first cause as `runbook diagnose`.
- Triage: the generated 200-pod namespace of tests/analyze/namespace_fixture.py, collected through an in-process
  replay of the recorded `kubectl` output (no cluster, no process); the API calls made and the time.

Exits 1 when triage needs more than --max-calls calls, an input takes longer than --max-ms on average, or the one-shot
process uses more than --max-cpu seconds.

Usage: .venv/bin/python scripts/bench_analyze.py [--passes N] [--max-ms X] [--max-calls N] [--max-cpu S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "analyze"))

import namespace_fixture
from analyze_support import OUTPUTS, SITE_URL, paste_js, read_output

from rbkb.analyze import analyze_outputs
from rbkb.analyze.causes import STRUCTURAL_CAUSES
from rbkb.analyze.diagnose import analyze_lines
from rbkb.analyze.signatures import Table
from rbkb.analyze.table import browser_table, build_table
from rbkb.analyze.triage import collect, triage
from rbkb.execute.process import ProcessResult
from rbkb.load import load_repository
from rbkb.model import Repository


def coverage(repo: Repository, table: Table) -> tuple[int, int, list[str]]:
    sections = {c.id for rb in repo.runbooks for c in rb.causes}
    in_output = [c.id for c in repo.catalogue.causes if c.in_output and c.id in sections]
    covered = {s.cause for s in table.signatures} | STRUCTURAL_CAUSES
    missing = sorted(c for c in in_output if c not in covered)
    return len(in_output) - len(missing), len(in_output), missing


def accuracy(table: Table) -> tuple[int, int, int, list[str]]:
    top1 = named = total = 0
    misses = []
    for path in sorted(p for p in OUTPUTS.rglob("*.txt") if p.parent.name != "unrelated"):
        found = [f.id for f in analyze_outputs([read_output(path)], table)]
        total += 1
        top1 += bool(found) and found[0] == path.parent.name
        named += path.parent.name in found
        if not found or found[0] != path.parent.name:
            misses.append(f"{path.parent.name}/{path.name}: {found[:3] or 'nothing'}")
    return top1, named, total, misses


def silence(table: Table) -> tuple[int, int, list[str]]:
    paths = sorted((OUTPUTS / "unrelated").glob("*.txt"))
    loud = [f"{p.name}: {[f.id for f in found]}" for p in paths
            for found in [analyze_outputs([read_output(p)], table)] if found]
    return len(paths) - len(loud), len(paths), loud


def bench_diagnose(table: Table, passes: int) -> list[float]:
    per_input = []
    for path in sorted(OUTPUTS.rglob("*.txt")):
        text = read_output(path)
        start = time.perf_counter()
        for _ in range(passes):
            analyze_outputs([text], table)
        per_input.append((time.perf_counter() - start) / passes * 1000)
    return per_input


def one_shot_cpu(runs: int = 5) -> float:
    """Median CPU seconds (user + system) of `runbook diagnose FILE` as a fresh process, outside the repository."""
    runbook = Path(sys.executable).with_name("runbook")
    capture = next(iter(sorted((OUTPUTS / "oom_killed").glob("*.txt"))))
    times = []
    with tempfile.TemporaryDirectory() as elsewhere:
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([str(runbook), "diagnose", str(capture)], cwd=elsewhere, check=True,
                           stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def bench_paste(table: Table, passes: int) -> tuple[list[float], float, int, int, int]:
    """The paste box's matcher in Node: ms per capture, ms for a 1 MB paste, and (same first cause as the CLI,
    captures whose first cause the line signatures decide, captures)."""
    paths = sorted(OUTPUTS.rglob("*.txt"))
    texts = [read_output(p) for p in paths]
    megabyte = "\n".join(texts) * (1_000_000 // len("\n".join(texts)))
    results = paste_js(browser_table(table), [*texts, megabyte], passes=passes)["results"]
    agreed = decided = 0
    for text, result in zip(texts, results, strict=False):
        cli = [f.id for f in analyze_outputs([text], table)][:1]
        decided += [f.id for f in analyze_lines([text], table)][:1] == cli
        agreed += [c["id"] for c in result["causes"]][:1] == cli
    return [r["ms"] for r in results[:-1]], results[-1]["ms"], agreed, decided, len(texts)


def bench_triage(table: Table, passes: int) -> tuple[int, float, int, int]:
    pods = json.dumps(namespace_fixture.namespace_list(200))
    events = json.dumps(namespace_fixture.events_list())
    calls = 0

    def replay(argv: Sequence[str]) -> ProcessResult:
        nonlocal calls
        calls += 1
        now = dt.datetime.now(dt.UTC)
        return ProcessResult(tuple(argv), 0, events if "events" in argv else pods, "", now, now)

    start = time.perf_counter()
    for _ in range(passes):
        calls = 0
        collected = collect(namespace_fixture.NAMESPACE, runner=replay)
        findings = triage(collected.objects, table)
    elapsed = (time.perf_counter() - start) / passes * 1000
    pod_count = sum(1 for o in collected.objects if o.get("kind") == "Pod")
    return calls, elapsed, len(findings), pod_count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--passes", type=int, default=20)
    ap.add_argument("--max-ms", type=float, default=20.0, help="fail when diagnose averages more per input")
    ap.add_argument("--max-calls", type=int, default=2, help="fail when triage makes more API calls")
    ap.add_argument("--max-cpu", type=float, default=0.3, help="fail when a one-shot diagnose uses more CPU seconds")
    ap.add_argument("--verbose", action="store_true", help="list the misses, loud healthy inputs and uncovered causes")
    args = ap.parse_args(argv)
    repo, problems = load_repository(REPO)
    if repo is None:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    table = build_table(repo, SITE_URL)
    have, need, uncovered = coverage(repo, table)
    top1, named, total, misses = accuracy(table)
    quiet, healthy, loud = silence(table)
    times = bench_diagnose(table, args.passes)
    cpu = one_shot_cpu()
    calls, triage_ms, findings, pods = bench_triage(table, args.passes)
    paste_ms, paste_mb_ms, agreed, decided, pasted = bench_paste(table, args.passes)
    mean = statistics.mean(times)
    print(f"signatures: {len(table.signatures)} over {len({s.cause for s in table.signatures})} causes; coverage "
          f"{have}/{need} causes that can show in output ({have / need:.0%})")
    print(f"diagnose: top-1 {top1}/{total} captured outputs ({top1 / total:.0%}), named at all {named}/{total}; "
          f"silent on {quiet}/{healthy} healthy or unrelated outputs")
    print(f"diagnose: {len(times)} inputs, mean {mean:.2f} ms, median {statistics.median(times):.2f} ms, "
          f"slowest {max(times):.2f} ms per input ({args.passes} passes); one-shot process {cpu:.2f} s CPU")
    print(f"paste:    first cause of runbook diagnose on {agreed}/{pasted} captures (the line signatures decide "
          f"{decided}); in Node mean {statistics.mean(paste_ms):.3f} ms, median {statistics.median(paste_ms):.3f} ms, "
          f"slowest {max(paste_ms):.2f} ms per input, {paste_mb_ms:.0f} ms for a 1 MB paste")
    print(f"triage:   {pods} pods, {calls} API call(s), {triage_ms:.1f} ms to collect (replayed) and analyse, "
          f"{findings} finding(s)")
    if args.verbose:
        for line in [*(f"  miss: {m}" for m in misses), *(f"  loud: {x}" for x in loud),
                     *(f"  no signature: {c}" for c in uncovered)]:
            print(line)
    ok = calls <= args.max_calls and mean <= args.max_ms and cpu <= args.max_cpu
    if not ok:
        print(f"FAIL: limits are {args.max_calls} API call(s), {args.max_ms} ms per input, {args.max_cpu} s CPU "
              "for a one-shot diagnose", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
