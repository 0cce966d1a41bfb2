#!/usr/bin/env python3
"""Benchmark the published site: build cost against a plain Material build, serve rebuilds, size and transfer.

Build: the same strict build as `make build`, with and without link checks, each against its side-by-side baseline,
a plain Material build of the very same pages (how that baseline is made: scripts/sitebench.py). The figure is the
ratio of CPU times, the best of --repeat interleaved runs; the goal is at most 1.15 with link checks on. The card
PDFs come from their cache after the first build (rbkb.cards.pdf), as in every build but the first on a machine.

Serve: `mkdocs serve` on a scratch copy, one runbook's title edited, seconds until the served page shows the edit.

Then the site is served on 127.0.0.1 the way docs/reference/hosting.md configures a host (text gzipped) and pages
are loaded in Debian's Chromium, as the browser tests do (tests/site/sitebrowser.py). Transfer is the sum of
compressed bodies of the page and everything it loaded on a first visit; "decoded" is the same uncompressed.

Then it measures what a reader gets: the top-3 hit rate of search for each query set in tests/site/search_queries.py
(symptom texts, real error texts from public issues, every runbook signal, on-call words), the label size of a
drawn decision tree, and how many A4 pages the longest runbook prints on.

Usage: .venv/bin/python scripts/bench_site.py [--budget-kb 500] [--repeat 3]
(exit 1 when a runbook page exceeds the budget, the build ratio exceeds 1.15 or a serve rebuild takes over 3 s)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "site"))

import search_queries as sq  # noqa: E402
import sitebench  # noqa: E402
import sitebrowser as sb  # noqa: E402
from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from rbkb.load import load_repository  # noqa: E402

MAX_BUILD_RATIO = 1.15
MAX_SERVE_SECONDS = 3.0


def build_ratios(root: Path, work: Path, env: dict[str, str], repeat: int) -> dict[bool, tuple[float, float]]:
    """(our CPU, plain CPU) for link checks on and off: the best of `repeat` interleaved runs of each."""
    plain = sitebench.plain_material(root, work, env)
    best: dict[bool, tuple[float, float]] = {}
    for links in (True, False):
        ours, base = [], []
        for _ in range(repeat):
            ours.append(sitebench.build(root, work / "ours", check_links=links, env=env).cpu)
            base.append(sitebench.build(root, work / "plain", plain, check_links=links, env=env).cpu)
        best[links] = min(ours), min(base)
    return best


def measure(browser: Browser, base: str, path: str, open_diagrams: bool = False) -> tuple[int, int]:
    """(compressed, decoded) bytes a first visit of `path` loads."""
    context, guard = sb.guarded_context(browser, base)
    page = context.new_page()
    page.goto(base + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    if open_diagrams:
        for summary in page.locator("details:has(pre.rb-mermaid) > summary").all():
            summary.click()
        page.wait_for_selector(".rb-mermaid-diagram svg")
        page.wait_for_load_state("networkidle")
    sizes = page.evaluate(
        """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                 .map(e => [e.encodedBodySize, e.decodedBodySize])"""
    )
    context.close()
    if guard.foreign:
        sys.exit(f"{path} requested other hosts: {guard.foreign}")
    return sum(s[0] for s in sizes), sum(s[1] for s in sizes)


def search_rates(browser: Browser, base: str) -> None:
    repo, _ = load_repository(REPO)
    assert repo is not None
    context, guard = sb.guarded_context(browser, base)
    page = context.new_page()
    page.goto(base, wait_until="load")
    print(f"\n{'search: query set':38} {'top 3':>11}")
    for name, queries in sq.all_sets(repo).items():
        outcomes = sq.run_set(lambda q: [r.removeprefix(base) for r in sb.search(page, q)], queries)
        hits = sum(o.hit for o in outcomes)
        print(f"{name:38} {hits:5} / {len(outcomes):<4} {hits / len(outcomes):6.0%}")
    context.close()
    if guard.foreign:
        sys.exit(f"search requested other hosts: {guard.foreign}")


def tree_and_print(browser: Browser, base: str, runbook: str, tmp: Path) -> None:
    for label, viewport in (("desktop", {"width": 1366, "height": 900}), ("phone", {"width": 390, "height": 844})):
        context, _guard = sb.guarded_context(browser, base, viewport=viewport)
        page = context.new_page()
        page.goto(base + runbook, wait_until="load")
        page.locator("details:has(pre.rb-mermaid) > summary").first.click()
        page.wait_for_selector(".rb-mermaid-diagram svg", timeout=30_000)
        sizes = page.evaluate(sb.DIAGRAM_SIZES)
        print(f"{'tree labels drawn, ' + label:38} {min(s[1] for s in sizes):8.1f} px")
        if label == "desktop":
            pdf = tmp / "print.pdf"
            page.goto(base + runbook, wait_until="load")
            pdf.write_bytes(page.pdf(format="A4", print_background=True))
            print(f"{'printed on A4: ' + runbook.split('/')[1]:38} {len(sb.pdf_pages_text(pdf)):8} pages")
        context.close()


def kb(n: float) -> str:
    return f"{n / 1000:8.1f} KB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--budget-kb", type=float, default=500,
                    help="decoded size budget of a cold runbook page, everything included (default 500)")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved runs per build kind (default 3)")
    args = ap.parse_args(argv)
    failed = []

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        root = sitebench.copy_sources(REPO, work / "src")
        env = {"RUNBOOKS_CACHE_DIR": str(work / "cache")}
        first = sitebench.build(root, work / "first", env=env)
        print(f"first build (card PDFs rendered)     {first.cpu:8.2f} s CPU  {first.wall:6.2f} s wall")
        for links, (ours, base) in build_ratios(root, work, env, args.repeat).items():
            label = "link checks on " if links else "link checks off"
            ratio = ours / base
            print(f"site build, {label}         {ours:8.2f} s CPU, plain Material {base:.2f} s CPU: "
                  f"{ratio:.2f}x" + (f" (goal <= {MAX_BUILD_RATIO})" if links else ""))
            if links and ratio > MAX_BUILD_RATIO:
                failed.append(f"build ratio {ratio:.2f} > {MAX_BUILD_RATIO}")
        rebuild = sitebench.serve_rebuild_seconds(root, "rollout-not-starting", env)
        print(f"serve: edited runbook page rebuilt   {rebuild:8.2f} s wall (goal <= {MAX_SERVE_SECONDS:g})")
        if rebuild > MAX_SERVE_SECONDS:
            failed.append(f"serve rebuild {rebuild:.2f} s > {MAX_SERVE_SECONDS}")

        site = work / "ours"
        files = [f for f in site.rglob("*") if f.is_file()]
        total = sum(f.stat().st_size for f in files)
        biggest = sorted(files, key=lambda f: f.stat().st_size, reverse=True)[:3]
        pages = sb.site_pages(site)

        print(f"site size                            {kb(total)} in {len(files)} files, {len(pages)} pages")
        for f in biggest:
            print(f"  largest: {f.relative_to(site)}  {kb(f.stat().st_size)}")

        runbooks = [p for p in pages if p.startswith("runbooks/") and p != "runbooks/"]
        kinds = {"home": "", "runbook index": "runbooks/"}
        for p in pages:
            kind = p.split("/", 1)[0] if "/" in p else None
            if kind and kind != "runbooks":
                kinds.setdefault(kind, p)

        with sb.serve(site) as base, sync_playwright() as pw:
            browser = sb.launch(pw)
            print(f"\n{'page type':38} {'transfer':>11} {'decoded':>11}")
            rb_sizes = [(measure(browser, base, p), p) for p in runbooks]
            enc = sorted(s[0][0] for s in rb_sizes)
            heaviest = max(rb_sizes, key=lambda s: s[0][1])
            print(f"{'runbook (median of ' + str(len(enc)) + ')':38} {kb(statistics.median(enc))}")
            label = f"runbook (heaviest: {heaviest[1].split('/')[1]})"
            print(f"{label:38} {kb(heaviest[0][0])} {kb(heaviest[0][1])}")
            tree = measure(browser, base, runbooks[0], open_diagrams=True)
            print(f"{'runbook, decision tree opened':38} {kb(tree[0])} {kb(tree[1])}")
            for kind, path in kinds.items():
                sent, decoded = measure(browser, base, path)
                print(f"{kind + ' (/' + path + ')':38} {kb(sent)} {kb(decoded)}")
            print()
            tree_and_print(browser, base, "runbooks/rollout-stuck-progressing/", Path(tmp))
            search_rates(browser, base)
            browser.close()

    over = [p for (_sent, decoded), p in rb_sizes if decoded > args.budget_kb * 1000]
    if over:
        failed.append(f"over the {args.budget_kb:.0f} KB runbook budget (decoded): {', '.join(over)}")
    for line in failed:
        print(f"\nFAILED: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
