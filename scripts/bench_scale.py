#!/usr/bin/env python3
"""Benchmark how the knowledge base scales: build, lint and diagnose time against the number of runbooks.

A company's knowledge base grows to hundreds of runbooks. This generates repositories of 1x, 10x and 30x today's
runbooks and measures each. A generated runbook is a real one under a new id (`<id>-v<k>`) with its title and
summary varied and a comment line of its own after every command (so no check is answered from a cache), placed in
the same triage branch and drill family as its original, without alerts (an alert names one runbook); every
generated repository must pass `runbook lint` (errors fail the bench).

Per scale: CPU of `runbook lint`, of the strict site build (link checks on) and of `runbook diagnose` on a real
capture, and what the 30x site weighs: the search index every page loads, and the HTML of a runbook page (its nav
lists every runbook). Growth is linear when "per runbook" stays flat: the bench fails when 30x costs more than
1.5 times 30 times the 1x cost per runbook (--max-growth).

Usage: .venv/bin/python scripts/bench_scale.py [--scales 1,10,30] [--max-growth 1.5]
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sitebench
import yaml

REPO = sitebench.REPO
CAPTURE = REPO / "tests/fixtures/outputs/crashloop/k8s-17460-get-po.txt"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/runbook.schema.json\n"


def generate(dest: Path, scale: int) -> int:
    """A copy of the repository with `scale` times its runbooks; returns the runbook count."""
    root = sitebench.copy_sources(REPO, dest)
    originals = sorted((root / "runbooks").glob("*.yaml"))
    clones: dict[str, list[str]] = {p.stem: [] for p in originals}
    for k in range(1, scale):
        for path in originals:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            new_id = f"{path.stem}-v{k}"
            data["id"] = new_id
            data["title"] = f"{data['title']} (variant {k})"
            data["summary"] = f"Variant {k} of {path.stem}: {data['summary']}"
            data.pop("alerts", None)
            _vary_commands(data, k)
            text = SCHEMA_LINE + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)
            (root / "runbooks" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
            clones[path.stem].append(new_id)
    _add_clones(root / "data/triage.yaml", ("branches",), clones)
    for drill in (root / "data/training/drills").glob("*.yaml"):
        _add_clones(drill, (), clones)
    return len(originals) * scale


def _vary_commands(data: dict, k: int) -> None:  # type: ignore[type-arg]
    """Every command of the clone ends in a comment line of its own: distinct texts for every check."""
    steps = [*data.get("diagnostics", []), *(c["confirm"] for c in data.get("causes", [])),
             *(f for c in data.get("causes", []) for f in c.get("fix", []))]
    for step in steps:
        if isinstance(step.get("command"), str):
            step["command"] = step["command"].rstrip("\n") + f"\n# variant {k}"


def _add_clones(path: Path, at: tuple[str, ...], clones: dict[str, list[str]]) -> None:
    """Every `runbooks:` list under `at` also names the clones of the runbooks it names."""
    text = path.read_text(encoding="utf-8")
    head = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    data = yaml.safe_load(text)
    holders = data[at[0]] if at else [data]
    for holder in holders:
        holder["runbooks"] = [x for rb in holder["runbooks"] for x in (rb, *clones.get(rb, []))]
    path.write_text(head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")


def cpu_of(argv: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, cwd=cwd, env=os.environ, capture_output=True, text=True,
                          timeout=3600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, done


def measure(root: Path, work: Path, env: dict[str, str]) -> dict[str, float]:
    runbook = [str(Path(sys.executable).with_name("runbook")), "--root", str(root)]
    lint, done = cpu_of([*runbook, "lint"], root)
    if done.returncode != 0:
        sys.exit(f"the generated repository in {root} does not lint:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    diagnose, done = cpu_of([*runbook, "diagnose", str(CAPTURE)], root)
    if done.returncode not in (0, 1):
        sys.exit(f"runbook diagnose failed:\n{done.stderr}")
    build = sitebench.build(root, work / "site", env=env).cpu
    site = work / "site"
    index = (site / "search/search_index.json").read_bytes()
    page = (site / "runbooks/rollout-not-starting/index.html").read_bytes()
    return {"lint": lint, "diagnose": diagnose, "build": build, "index": len(index),
            "index_gz": len(gzip.compress(index, 6)), "page": len(page), "page_gz": len(gzip.compress(page, 6))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="1,10,30", help="comma-separated multiples of today's runbooks")
    ap.add_argument("--max-growth", type=float, default=1.5, help="allowed cost per runbook, largest vs 1x")
    args = ap.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",")]
    results: dict[int, tuple[int, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {"RUNBOOKS_CACHE_DIR": str(Path(tmp) / "cache")}
        for scale in scales:
            start = time.perf_counter()
            count = generate(Path(tmp) / f"x{scale}" / "src", scale)
            results[scale] = count, measure(Path(tmp) / f"x{scale}" / "src", Path(tmp) / f"x{scale}", env)
            print(f"{scale:>3}x: {count} runbooks measured in {time.perf_counter() - start:.0f} s", file=sys.stderr)

    print(f"{'scale':>5} {'runbooks':>8} {'lint s':>8} {'build s':>8} {'diagnose s':>10}   per runbook (ms CPU): "
          f"{'lint':>6} {'build':>6} {'diagnose':>8}")
    for scale, (count, m) in results.items():
        print(f"{scale:>4}x {count:>8} {m['lint']:>8.2f} {m['build']:>8.2f} {m['diagnose']:>10.2f}   "
              f"{'':>21}{1000 * m['lint'] / count:>6.1f} {1000 * m['build'] / count:>6.1f} "
              f"{1000 * m['diagnose'] / count:>8.2f}")
    print(f"\n{'scale':>5} {'search index':>14} {'gzipped':>9} {'runbook page HTML':>18} {'gzipped':>9}")
    for scale, (_count, m) in results.items():
        print(f"{scale:>4}x {m['index'] / 1e6:>11.2f} MB {m['index_gz'] / 1e6:>6.2f} MB {m['page'] / 1e3:>15.0f} KB "
              f"{m['page_gz'] / 1e3:>6.0f} KB")

    first, last = results[scales[0]], results[scales[-1]]
    failed = []
    for what in ("lint", "build", "diagnose"):
        growth = (last[1][what] / last[0]) / (first[1][what] / first[0])
        print(f"{what}: cost per runbook at {scales[-1]}x is {growth:.2f}x that at {scales[0]}x "
              f"(linear: about 1 or less; allowed {args.max_growth})")
        if growth > args.max_growth:
            failed.append(what)
    if failed:
        print(f"FAILED: grows faster than linearly: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
