"""The built site in a real browser (Debian's Chromium driven by Playwright), served from 127.0.0.1 only.

One strict build, one server and one browser serve the whole module; `sweep` loads every page once and the page
tests assert on what it recorded. Everything runs against whatever pages the build produces, so pages added later
are covered without touching this file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import a11y
import pytest
import sitebrowser as sb
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from rbkb import urls
from rbkb.model import Repository

ROOT = Path(__file__).resolve().parents[2]
PAGE_BUDGET = 500 * 1000  # bytes on the wire for a runbook page, diagrams not drawn (the 500 KB)
MERMAID_BUNDLE = re.compile(r"/mermaid(\.min)?\.js$")
SWEEP_BROWSERS = 2


# ----------------------------------------------------------------------------------------------------------------------
# Fixtures
# ----------------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_dir(real_site: Path) -> Path:
    return real_site  # the run's one strict build of the real repository (conftest.py)


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with sb.serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium per test worker."""
    with sync_playwright() as pw:
        browser = sb.launch(pw)
        yield browser
        browser.close()


@dataclass
class Tab:
    """A reusable page in a guarded context, with the errors it logged."""

    context: BrowserContext
    page: Page
    guard: sb.Guard
    errors: list[str] = field(default_factory=list)

    def goto(self, url: str) -> Page:
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return self.page


def open_tab(browser: Browser, base_url: str, **options: object) -> Tab:
    context, guard = sb.guarded_context(browser, base_url, **options)
    page = context.new_page()
    tab = Tab(context, page, guard)
    page.on("console", lambda msg: msg.type == "error" and tab.errors.append(f"{page.url}: {msg.text}"))
    page.on("pageerror", lambda exc: tab.errors.append(f"{page.url}: {exc}"))
    return tab


@pytest.fixture(scope="module")
def tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    """The light-scheme page the feature tests reuse (clipboard allowed for the copy button)."""
    t = open_tab(browser, base_url, permissions=["clipboard-read", "clipboard-write"])
    yield t
    assert t.errors == [], "console errors during the feature tests"
    assert t.guard.foreign == [], "requests left 127.0.0.1 during the feature tests"
    t.context.close()


@dataclass
class Visit:
    errors: list[str]
    foreign: list[str]
    requested: list[str]  # on load, before any diagram block is opened
    transfer: dict[str, int]
    violations: list[dict]  # type: ignore[type-arg]  # axe, serious and critical only
    diagrams: list[float]  # height in px of every diagram drawn, on load or once its block is opened


@pytest.fixture(scope="module")
def sweep(browser: Browser, base_url: str, site_dir: Path) -> dict[str, Visit]:
    """Load every built page once and record what it did; then draw its diagrams, if it has any.

    Two browsers share the pages (every other one), so Chromium works on both cores: this browser in this thread,
    a second one in a thread of its own (Playwright's sync API wants one instance per thread).
    """
    paths = sb.site_pages(site_dir)
    shards = [paths[i::SWEEP_BROWSERS] for i in range(SWEEP_BROWSERS)]
    with ThreadPoolExecutor(max_workers=SWEEP_BROWSERS - 1) as pool:
        others = [pool.submit(_sweep_in_own_browser, base_url, site_dir, shard) for shard in shards[1:]]
        visits = _sweep_pages(browser, base_url, site_dir, shards[0])
        for other in others:
            visits.update(other.result())
    return {path: visits[path] for path in paths}


def _sweep_in_own_browser(base_url: str, site_dir: Path, paths: list[str]) -> dict[str, Visit]:
    with sync_playwright() as pw:
        browser = sb.launch(pw)
        try:
            return _sweep_pages(browser, base_url, site_dir, paths)
        finally:
            browser.close()


def _sweep_pages(browser: Browser, base_url: str, site_dir: Path, paths: list[str]) -> dict[str, Visit]:
    """One context serves the pages: Playwright disables the HTTP cache while a route is set, so each page fetches
    everything it needs, as on a first visit, and every request passes the guard."""
    t = open_tab(browser, base_url)
    visits: dict[str, Visit] = {}
    for path in paths:
        t.errors.clear()
        t.guard.foreign.clear()
        t.guard.requested.clear()
        # Every page's last request is the search worker's index: waiting for it is the network-idle point
        # without networkidle's fixed half second per page.
        with t.page.expect_response(lambda r: r.url.endswith("/search/search_index.json")):
            t.page.goto(base_url + path, wait_until="load")
            violations = a11y.structure_violations(t.page)
        requested, transfer = list(t.guard.requested), sb.transfer_bytes(t.page)
        heights = _draw_diagrams(t.page, site_dir, path)
        visits[path] = Visit(list(t.errors), list(t.guard.foreign), requested, transfer, violations, heights)
    t.context.close()
    return visits


def _draw_diagrams(page: Page, site_dir: Path, path: str) -> list[float]:
    """Heights of the page's diagrams: Material's (drawn on load) and the decision trees (drawn when opened)."""
    expected = 0
    if sb.shows_diagram(site_dir, path):
        expected += page.locator("pre.mermaid, div.mermaid").count()
    if sb.has_lazy_diagram(site_dir, path):
        blocks = page.locator("details:has(pre.rb-mermaid)")
        for i in range(blocks.count()):
            blocks.nth(i).locator(":scope > summary").click()
            expected += 1
    if not expected:
        return []
    # Material draws into a closed shadow root inside div.mermaid, so the box is all a test can see.
    page.wait_for_function(
        """n => { const d = [...document.querySelectorAll('div.mermaid, .rb-mermaid-diagram svg')];
                  return d.length >= n && d.every(e => e.getBoundingClientRect().height > 50) }""",
        arg=expected,
    )
    return page.eval_on_selector_all("div.mermaid, .rb-mermaid-diagram svg",
                                     "es => es.map(e => e.getBoundingClientRect().height)")


def runbook_path(runbook_id: str) -> str:
    return urls.page_url("", urls.runbook_doc(runbook_id)).lstrip("/")


# ----------------------------------------------------------------------------------------------------------------------
# Every page
# ----------------------------------------------------------------------------------------------------------------------


def test_every_page_is_visited(sweep: dict[str, Visit], repo: Repository) -> None:
    for rb in repo.runbooks:
        assert runbook_path(rb.id) in sweep
    assert "" in sweep and "404.html" in sweep


def test_every_page_loads_without_console_errors(sweep: dict[str, Visit]) -> None:
    assert [e for v in sweep.values() for e in v.errors] == []


def test_no_request_leaves_loopback(sweep: dict[str, Visit]) -> None:
    assert [f"{path}: {url}" for path, v in sweep.items() for url in v.foreign] == []
    # The guard saw the page's own requests (it is not silently bypassed): the theme bundle and the search index.
    home = sweep[""].requested
    assert any("/assets/javascripts/bundle." in u for u in home) and any("search_index.json" in u for u in home)


def test_content_area_has_no_serious_accessibility_violations(sweep: dict[str, Visit]) -> None:
    assert [line for path, v in sweep.items() for line in a11y.findings(v.violations, path or "/")] == []


def test_mermaid_loads_only_on_pages_that_show_a_diagram(sweep: dict[str, Visit], site_dir: Path) -> None:
    loaded = {path for path, v in sweep.items() if any(MERMAID_BUNDLE.search(u) for u in v.requested)}
    shown = {path for path in sweep if sb.shows_diagram(site_dir, path)}
    assert shown, "no page shows a diagram on load: the triage tree is missing"
    assert loaded == shown
    guides = [path for path in sweep if path.startswith("guides/") and path not in shown]
    assert guides, "expected diagram-free guide pages"


def test_runbook_pages_stay_within_the_weight_budget(sweep: dict[str, Visit], repo: Repository) -> None:
    weights = {rb.id: sum(sweep[runbook_path(rb.id)].transfer.values()) for rb in repo.runbooks}
    heavy = {rb: size for rb, size in weights.items() if size > PAGE_BUDGET}
    assert heavy == {}, f"over {PAGE_BUDGET} bytes: {heavy}"
    assert min(weights.values()) > 50_000, "transfer sizes look unmeasured"


# ----------------------------------------------------------------------------------------------------------------------
# Diagrams, tabs, admonitions, code copy, print, dark scheme
# ----------------------------------------------------------------------------------------------------------------------


def test_every_diagram_renders_visibly(sweep: dict[str, Visit], site_dir: Path, repo: Repository) -> None:
    on_load = {path for path in sweep if sb.shows_diagram(site_dir, path)}
    on_demand = {path for path in sweep if sb.has_lazy_diagram(site_dir, path)}
    # Each runbook page carries its decision tree; the triage page shows the top-level tree on load.
    assert {runbook_path(rb.id) for rb in repo.runbooks} <= on_demand
    assert on_load, "no page shows a diagram on load"
    assert len(on_load | on_demand) >= len(repo.runbooks) + 1
    drawn = {path for path, v in sweep.items() if v.diagrams}
    assert drawn == on_load | on_demand
    assert all(h > 50 for v in sweep.values() for h in v.diagrams)


def test_content_tabs_switch(tab: Tab, base_url: str, site_dir: Path) -> None:
    with_tabs = [p for p in sb.site_pages(site_dir) if 'class="tabbed-set' in sb.page_html(site_dir, p)]
    assert with_tabs, "no page uses content tabs"
    page = tab.goto(base_url + with_tabs[0])
    tabset = page.locator(".tabbed-set").first
    labels = tabset.locator(".tabbed-labels > label")
    blocks = tabset.locator(".tabbed-content > .tabbed-block")
    assert labels.count() >= 2
    assert blocks.nth(0).is_visible() and not blocks.nth(1).is_visible()
    labels.nth(1).click()
    assert blocks.nth(1).is_visible() and not blocks.nth(0).is_visible()


def test_admonitions_show_and_collapsed_ones_open(tab: Tab, base_url: str, repo: Repository) -> None:
    page = tab.goto(base_url)
    tip = page.locator(".admonition.tip").first
    assert tip.is_visible() and "On call right now?" in tip.locator(".admonition-title").inner_text()
    page = tab.goto(base_url + runbook_path(repo.runbooks[0].id))
    details = page.locator("details").first
    assert details.get_attribute("open") is None
    body = details.locator(":scope > :not(summary)").first
    assert not body.is_visible()
    details.locator("summary").click()
    assert details.get_attribute("open") is not None and body.is_visible()


def test_copy_button_copies_the_command(tab: Tab, base_url: str, repo: Repository) -> None:
    rb = repo.runbooks[0]
    page = tab.goto(base_url + runbook_path(rb.id))
    block = page.locator("#quick-check ~ .rb-cmd").first
    block.hover()
    block.locator("button.md-code__button, button.md-clipboard").first.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    expected = rb.diagnostic(rb.quick_check[0]).command
    assert " ".join(copied.split()) == " ".join(expected.split())


def test_printed_runbook_shows_content_without_navigation(tab: Tab, base_url: str, repo: Repository) -> None:
    rb = repo.runbooks[0]
    page = tab.goto(base_url + runbook_path(rb.id))
    try:
        page.emulate_media(media="print")
        for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-tabs"):
            assert all(not e.is_visible() for e in page.locator(chrome).all()), f"{chrome} is printed"
        assert page.locator("article h1").inner_text().strip() == rb.title
        for section in ("symptoms", "quick-check", "causes", urls.cause_anchor(rb.causes[0].id)):
            assert page.locator(f"#{section}").is_visible(), section
        width = page.evaluate("() => document.querySelector('.md-content').getBoundingClientRect().width")
        assert width > 0.8 * page.viewport_size["width"], "content does not use the printed page's width"
    finally:
        page.emulate_media(media="screen")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_contrast_in_both_schemes(browser: Browser, base_url: str, site_dir: Path, repo: Repository,
                                         scheme: str) -> None:
    """Colours come from the theme and runbooks.css: one page of each kind, in each scheme, with axe's colour rules."""
    kinds: dict[str, str] = {"home": "", "runbook": runbook_path(repo.runbooks[0].id)}
    for path in sb.site_pages(site_dir):
        kind = path.split("/", 1)[0] if "/" in path else "other"
        if kind != "runbooks":
            kinds.setdefault(kind, path)
    t = open_tab(browser, base_url, color_scheme=scheme)
    try:
        problems = []
        for path in kinds.values():
            page = t.goto(base_url + path)
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("() => document.body.dataset.mdColorScheme") == expected
            problems += a11y.findings(a11y.colour_violations(page), f"{scheme} {path or '/'}")
        assert problems == []
        assert t.errors == [] and t.guard.foreign == []
    finally:
        t.context.close()


def test_theme_chrome_findings_are_the_listed_ones(browser: Browser, base_url: str) -> None:
    """The whole page, chrome included: only a11y.THEME_ALLOWLIST's findings, and each of them still real."""
    matched: set[str] = set()
    for scheme in ("light", "dark"):
        t = open_tab(browser, base_url, color_scheme=scheme)
        try:
            violations = a11y.whole_page_violations(t.goto(base_url))
        finally:
            t.context.close()
        assert a11y.findings(violations, f"{scheme} /") == []
        matched |= a11y.matched_allowlist(violations)
    assert matched == {a["rule"] for a in a11y.THEME_ALLOWLIST}, "an allowlist entry no longer matches: remove it"


# ----------------------------------------------------------------------------------------------------------------------
# Search
# ----------------------------------------------------------------------------------------------------------------------

# What an engineer on call pastes or types, and the runbook that must be among the first three results. Texts are
# the tools' own output as the runbooks quote it. A bare number in a paste (`0/3 nodes`, `ActualWeight: 0`) is left
# out on purpose: Material adds a trailing wildcard to every term, so `0` matches every number on the site.
SYMPTOM_SEARCHES: list[tuple[str, str]] = [
    ("ImagePullBackOff", "pods-not-starting"),
    ("ErrImagePull", "pods-not-starting"),
    ("CrashLoopBackOff", "pods-not-starting"),
    ("Init:CrashLoopBackOff", "pods-not-starting"),
    ("CreateContainerConfigError", "pods-not-starting"),
    ("FailedScheduling", "pods-not-starting"),
    ("Insufficient cpu", "pods-not-starting"),
    ("502 Bad Gateway", "ingress-not-working"),
    ("ingress does not contain a valid IngressClass", "ingress-not-working"),
    ("OutOfSync", "argocd-app-not-syncing"),
    ("failed to list refs: authentication required", "argocd-app-not-syncing"),
    ("ComparisonError", "argocd-comparison-error"),
    ("ProgressDeadlineExceeded", "rollout-progress-deadline-exceeded"),
    ("connection refused", "service-not-accessible"),
    ("no endpoints", "service-not-accessible"),
    ("metric result is nil or empty", "analysis-failing"),
    ("assessed Failed due to failed", "analysis-failing"),
    ("InconclusiveAnalysisRun", "analysis-inconclusive"),
    ("InvalidSpec", "rollout-invalid-spec"),
    ("OOMKilled", "pod-oomkilled"),
    ("Exit Code 137", "pod-oomkilled"),
    ("java.lang.OutOfMemoryError: Java heap space", "pod-oomkilled"),
    ("Evicted", "pod-evicted-node-pressure"),
    ("The node was low on resource: memory.", "pod-evicted-node-pressure"),
    ("DiskPressure", "pod-evicted-node-pressure"),
    ("Kubernetes Ingress Controller Fake Certificate", "ingress-tls-certificate"),
    ("x509: certificate signed by unknown authority", "argocd-x509-certificate-error"),
    ("nginx.ingress.kubernetes.io/canary-weight", "traffic-not-shifting"),
    ("backendRef was not found in httpRoute", "gateway-api-traffic-not-shifting"),
    ("server misbehaving", "cluster-dns-failure"),
    ("Temporary failure in name resolution", "cluster-dns-failure"),
    ("[FATAL] plugin/loop: Loop", "cluster-dns-failure"),
    ("Liveness probe failed", "probe-failures"),
    ("Readiness probe failed: HTTP probe failed with statuscode: 503", "probe-failures"),
    ("BlueGreenPause", "bluegreen-promotion-problems"),
    ("Job has reached the specified backoff limit", "argocd-sync-hook-or-wave-failed"),
    ("Manifest generation error (cached)", "argocd-manifest-generation-error"),
    ("Invalid username or password", "argocd-login-sso-failure"),
    ("string field contains invalid UTF-8", "argocd-redis-secret-invalid-utf8"),
    ('error: the server doesn\'t have a resource type "rollouts"', "rollouts-controller-not-running"),
    ("ApplicationGenerationFromParamsError", "applicationset-no-applications"),
    ("Cannot evict pod as it would violate the pod's disruption budget.", "rollout-restart-downtime"),
    ("upstream timed out (110: Connection timed out)", "networkpolicy-blocking-traffic"),
    ("FailedGetScale", "rollout-hpa-conflict"),
    ("Failed to load live state: failed to get cluster info", "argocd-cluster-connection-lost"),
    ("Failed last sync attempt to", "argocd-auto-sync-not-retrying"),
    ("waiting for healthy state of argoproj.io/Rollout/", "argocd-wave-blocked-by-paused-rollout"),
    ("manually paused", "rollout-not-starting"),
    ("ERR_TOO_MANY_REDIRECTS", "argocd-ui-unreachable"),
    ("updated replicas are still becoming available", "rollout-stuck-progressing"),
    ("RolloutAborted", "rollout-degraded-after-abort"),
]


def test_search_finds_the_runbook_for_each_symptom(tab: Tab, base_url: str, repo: Repository,
                                                   site_dir: Path) -> None:
    assert len(SYMPTOM_SEARCHES) >= 30
    html = {rb_id: sb.page_html(site_dir, runbook_path(rb_id)) for rb_id in {r for _q, r in SYMPTOM_SEARCHES}}
    for query, rb_id in SYMPTOM_SEARCHES:
        repo.runbook(rb_id)  # raises if a runbook was renamed
        # The runbook carries the text a reader pastes (lower-cased, markup stripped): search finds real text.
        words = re.sub(r"<[^>]+>", " ", html[rb_id]).replace("&#39;", "'").replace("&quot;", '"').lower()
        assert " ".join(query.lower().split()) in " ".join(words.split()), f"{rb_id} does not contain {query!r}"
    tab.goto(base_url)
    misses = []
    for query, rb_id in SYMPTOM_SEARCHES:
        top = [r.removeprefix(base_url) for r in sb.search(tab.page, query)[:3]]
        if runbook_path(rb_id) not in top:
            misses.append(f"{query!r}: expected {rb_id} in the first three, got {top}")
    assert misses == []
