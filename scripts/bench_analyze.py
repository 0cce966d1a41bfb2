#!/usr/bin/env python3
"""Benchmark the analyzers: `runbook diagnose` time per captured input, `runbook triage` API calls and time.

Diagnose: every file under tests/fixtures/outputs (real captured output), analysed --passes times; prints the
mean, median and slowest time per input. Triage: the generated 200-pod namespace of
tests/analyze/namespace_fixture.py, collected through an in-process replay of the recorded `kubectl` output (no
cluster, no process), then analysed; prints the API calls made and the time. Exits 1 when triage needs more than
--max-calls calls or an input takes longer than --max-ms on average.

Usage: .venv/bin/python scripts/bench_analyze.py [--passes N] [--max-ms X] [--max-calls N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "analyze"))

import namespace_fixture  # noqa: E402
from analyze_support import OUTPUTS, SITE_URL, read_output  # noqa: E402

from rbkb.analyze import analyze_outputs  # noqa: E402
from rbkb.analyze.triage import collect, triage  # noqa: E402
from rbkb.execute.process import ProcessResult  # noqa: E402
from rbkb.load import load_repository  # noqa: E402


def bench_diagnose(repo, passes: int) -> list[float]:  # type: ignore[no-untyped-def]
    per_input = []
    for path in sorted(OUTPUTS.rglob("*.txt")):
        text = read_output(path)
        start = time.perf_counter()
        for _ in range(passes):
            analyze_outputs([text], repo, SITE_URL)
        per_input.append((time.perf_counter() - start) / passes * 1000)
    return per_input


def bench_triage(repo, passes: int) -> tuple[int, float, int, int]:  # type: ignore[no-untyped-def]
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
        findings = triage(collected.objects, repo, SITE_URL)
    elapsed = (time.perf_counter() - start) / passes * 1000
    pod_count = sum(1 for o in collected.objects if o.get("kind") == "Pod")
    return calls, elapsed, len(findings), pod_count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--passes", type=int, default=20)
    ap.add_argument("--max-ms", type=float, default=20.0, help="fail when diagnose averages more per input")
    ap.add_argument("--max-calls", type=int, default=2, help="fail when triage makes more API calls")
    args = ap.parse_args(argv)
    repo, problems = load_repository(REPO)
    if repo is None:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    times = bench_diagnose(repo, args.passes)
    calls, triage_ms, findings, pods = bench_triage(repo, args.passes)
    mean = statistics.mean(times)
    print(f"diagnose: {len(times)} captured inputs, mean {mean:.2f} ms, median {statistics.median(times):.2f} ms, "
          f"slowest {max(times):.2f} ms per input ({args.passes} passes)")
    print(f"triage:   {pods} pods, {calls} API call(s), {triage_ms:.1f} ms to collect (replayed) and analyse, "
          f"{findings} finding(s)")
    ok = calls <= args.max_calls and mean <= args.max_ms
    if not ok:
        print(f"FAIL: limits are {args.max_calls} API call(s) and {args.max_ms} ms per input", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
