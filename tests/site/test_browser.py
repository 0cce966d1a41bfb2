"""The built site in a real browser (Debian's Chromium driven by Playwright), served from 127.0.0.1 only.

One strict build, one server and one browser serve the whole module; `sweep` loads every page once, cold, and the
page tests assert on what it recorded. Everything runs against whatever pages the build produces, so pages added
later are covered without touching this file. The search tests are in test_search.py, the values form in
test_values.py, hostile runbooks in test_payload_site.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import a11y
import pytest
import sitebrowser as sb
from browser_fixtures import (  # noqa: F401 - base_url, browser and site_dir are fixtures, used by name
    DESKTOP,
    PHONE,
    Tab,
    base_url,
    browser,
    open_tab,
    runbook_path,
    site_dir,
)
from playwright.sync_api import Browser, Page, sync_playwright

from rbkb import urls
from rbkb.model import Repository

PAGE_BUDGET = 500 * 1000  # bytes decoded for a cold runbook page, everything included, no diagram drawn
MERMAID_BUNDLE = re.compile(r"/mermaid(\.min)?\.js$")
SEARCH_INDEX = re.compile(r"/search/search_index\.json$")
SEARCH_WORKER = re.compile(r"/workers/search\.[0-9a-f]+\.min\.js$")
SWEEP_BROWSERS = 2


# ----------------------------------------------------------------------------------------------------------------------
# Fixtures
# ----------------------------------------------------------------------------------------------------------------------


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
    transfer: dict[str, int]  # bytes on the wire, by URL
    decoded: dict[str, int]  # the same resources uncompressed
    violations: list[dict]  # type: ignore[type-arg]  # axe, serious and critical only
    diagrams: list[tuple[float, float]]  # (height px, label font size px as drawn) of every diagram once opened


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
        t.page.goto(base_url + path, wait_until="load")
        violations = a11y.structure_violations(t.page)
        requested, transfer, decoded = list(t.guard.requested), sb.transfer_bytes(t.page), sb.decoded_bytes(t.page)
        diagrams = _draw_diagrams(t.page, site_dir, path)
        visits[path] = Visit(list(t.errors), list(t.guard.foreign), requested, transfer, decoded, violations,
                             diagrams)
    t.context.close()
    return visits


def _draw_diagrams(page: Page, site_dir: Path, path: str) -> list[tuple[float, float]]:
    """Open every closed diagram block and measure what is drawn: its height and its labels' size on screen."""
    if not sb.has_lazy_diagram(site_dir, path):
        return []
    blocks = page.locator("details:has(pre.rb-mermaid)")
    expected = blocks.count()
    for i in range(expected):
        blocks.nth(i).locator(":scope > summary").click()
    page.wait_for_function(
        """n => { const d = [...document.querySelectorAll('.rb-mermaid-diagram svg')];
                  return d.length >= n && d.every(e => e.getBoundingClientRect().height > 50) }""",
        arg=expected,
    )
    return [tuple(d) for d in page.evaluate(sb.DIAGRAM_SIZES)]


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
    # The guard saw the page's own requests (it is not silently bypassed): the theme bundle, this site's scripts.
    home = sweep[""].requested
    assert any("/assets/javascripts/bundle." in u for u in home) and any("search-lazy.js" in u for u in home)


def test_a_cold_page_loads_no_search_index_worker_or_mermaid(sweep: dict[str, Visit]) -> None:
    """The 1.5 MB index, its worker and the 3.5 MB Mermaid bundle wait until search or a diagram is used."""
    heavy = [f"{path}: {url}" for path, v in sweep.items() for url in v.requested
             if SEARCH_INDEX.search(url) or SEARCH_WORKER.search(url) or MERMAID_BUNDLE.search(url)]
    assert heavy == []


def test_content_area_has_no_serious_accessibility_violations(sweep: dict[str, Visit]) -> None:
    assert [line for path, v in sweep.items() for line in a11y.findings(v.violations, path or "/")] == []


def test_no_page_draws_a_diagram_on_load(sweep: dict[str, Visit], site_dir: Path) -> None:
    assert not [path for path in sweep if sb.shows_diagram(site_dir, path)]
    assert sb.has_lazy_diagram(site_dir, "triage/"), "the triage tree is missing"


def test_runbook_pages_stay_within_the_weight_budget(sweep: dict[str, Visit], repo: Repository) -> None:
    """Everything a cold runbook page loads, uncompressed, is under 500 KB (about 1.9 MB with the search index)."""
    weights = {rb.id: sum(sweep[runbook_path(rb.id)].decoded.values()) for rb in repo.runbooks}
    heavy = {rb: size for rb, size in weights.items() if size > PAGE_BUDGET}
    assert heavy == {}, f"over {PAGE_BUDGET} bytes: {heavy}"
    assert min(weights.values()) > 200_000, "sizes look unmeasured"
    sent = {rb.id: sum(sweep[runbook_path(rb.id)].transfer.values()) for rb in repo.runbooks}
    assert max(sent.values()) < min(weights.values()), "the host compresses text: less is sent than decoded"


# ----------------------------------------------------------------------------------------------------------------------
# Diagrams, tabs, admonitions, code copy, print, dark scheme
# ----------------------------------------------------------------------------------------------------------------------


def test_every_diagram_renders_visibly_with_readable_labels(sweep: dict[str, Visit], site_dir: Path,
                                                           repo: Repository) -> None:
    """Each runbook page and the triage page draw their tree when asked, labels at 12 px or more on screen
    (about 5 px before: the tree was shrunk to the column)."""
    on_demand = {path for path in sweep if sb.has_lazy_diagram(site_dir, path)}
    assert {runbook_path(rb.id) for rb in repo.runbooks} | {"triage/"} <= on_demand
    drawn = {path for path, v in sweep.items() if v.diagrams}
    assert drawn == on_demand
    assert all(h > 50 for v in sweep.values() for h, _label in v.diagrams)
    small = {path: label for path, v in sweep.items() for _h, label in v.diagrams if label < 12}
    assert small == {}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_tree_labels_are_readable_on_desktop_and_phone(browser: Browser, base_url: str, repo: Repository,
                                                      viewport: dict[str, int]) -> None:
    t = open_tab(browser, base_url, viewport=viewport)
    try:
        for path in (runbook_path(repo.runbooks[0].id), "triage/"):
            page = t.goto(base_url + path)
            box = page.locator("details:has(pre.rb-mermaid)").first
            box.locator(":scope > summary").click()
            page.wait_for_selector(".rb-mermaid-diagram svg", timeout=30_000)
            sizes = page.evaluate(sb.DIAGRAM_SIZES)
            assert sizes and all(label >= 12 for _h, label in sizes), (path, sizes)
            # The box scrolls instead of shrinking the drawing, and a keyboard can reach it.
            assert page.locator(".rb-mermaid-diagram").first.get_attribute("tabindex") == "0"
        assert t.errors == [] and t.guard.foreign == []
    finally:
        t.context.close()


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


def test_printed_runbook_shows_content_without_navigation(tab: Tab, base_url: str, repo: Repository) -> None:
    rb = repo.runbooks[0]
    page = tab.goto(base_url + runbook_path(rb.id))
    try:
        page.emulate_media(media="print")
        for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-tabs",
                       ".md-banner", ".rb-values", ".rb-tree details"):
            assert all(not e.is_visible() for e in page.locator(chrome).all()), f"{chrome} is printed"
        assert page.locator("article h1").inner_text().strip() == rb.title
        for section in ("symptoms", "quick-check", "decision-tree", "causes", urls.cause_anchor(rb.causes[0].id)):
            assert page.locator(f"#{section}").is_visible(), section
        width = page.evaluate("() => document.querySelector('.md-content').getBoundingClientRect().width")
        assert width > 0.8 * page.viewport_size["width"], "content does not use the printed page's width"
    finally:
        page.emulate_media(media="null")


PRINT_PAGES = 16  # A4 pages for the longest runbook (24 before: raw Mermaid source, an empty box, stranded headings)


def test_a_printed_runbook_reads_on_paper(tab: Tab, base_url: str, repo: Repository, tmp_path: Path) -> None:
    """The longest runbook prints in a sensible number of A4 pages, with no Mermaid source and no empty page."""
    rb = max(repo.runbooks, key=lambda r: len(r.diagnostics) + sum(len(c.fix) + 2 for c in r.causes))
    page = tab.goto(base_url + runbook_path(rb.id))
    pdf = tmp_path / "runbook.pdf"
    page.emulate_media(media="print")
    try:
        pdf.write_bytes(page.pdf(format="A4", print_background=True))
    finally:
        page.emulate_media(media="null")
    pages = sb.pdf_pages_text(pdf)
    assert 3 <= len(pages) <= PRINT_PAGES, (rb.id, len(pages))
    assert [n for n, text in enumerate(pages, 1) if len(text.split()) < 20] == [], "an (almost) empty page"
    printed = "\n".join(pages)
    assert "flowchart" not in printed and "click S href" not in printed, "Mermaid source is printed"
    for n, text in enumerate(pages[:-1], 1):  # a page does not end with a heading whose text is on the next page
        last = [line.strip() for line in text.splitlines() if line.strip()][-1]
        headings = {d.title for d in rb.diagnostics} | {"Confirm", "Fix", "Root cause", "Prevention", "Escalation"}
        assert not any(last.endswith(h) and len(last) <= len(h) + 6 for h in headings), (n, last)


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
# At 3 a.m.: who to page, the fix, pages that read on a phone
# ----------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_who_to_page_is_one_tap_from_every_page(browser: Browser, base_url: str, repo: Repository,
                                                viewport: dict[str, int]) -> None:
    """The header's button opens the contacts: a paging link, a tel: number, chat and mail, and the severities."""
    t = open_tab(browser, base_url, viewport=viewport)
    try:
        for path in ("", runbook_path(repo.runbooks[-1].id), "guides/reading-logs/"):
            page = t.goto(base_url + path)
            button = page.locator("header a.rb-oncall")
            assert button.is_visible(), path
            button.click()
            page.wait_for_url("**/incident/escalation/#contacts")
            contacts = page.locator("#contacts + .md-typeset__scrollwrap, #contacts ~ .md-typeset__scrollwrap").first
            assert contacts.is_visible()
            c = repo.organisation.contacts
            assert page.locator(f'a[href^="tel:"]:has-text("{c.phone}")').first.is_visible()
            assert page.locator(f'a[href="{c.oncall_url}"]').first.is_visible()
            assert page.locator(f'a[href="mailto:{c.email}"]').count() >= 1
            assert page.locator("#by-severity").count() == 1 and page.locator('a[href*="severity-levels"]').count()
        assert t.errors == [] and t.guard.foreign == []
    finally:
        t.context.close()


def test_desktop_home_shows_the_navigation_to_incident_pages(tab: Tab, base_url: str) -> None:
    page = tab.goto(base_url)
    nav = page.locator(".md-sidebar--primary")
    assert nav.is_visible()
    for title in ("Escalation matrix", "Severity levels"):
        assert nav.get_by_role("link", name=title, exact=True).is_visible(), title


def test_example_contacts_carry_a_banner(tab: Tab, base_url: str, repo: Repository) -> None:
    from rbkb.lint.contacts import example_contacts

    assert example_contacts(repo.organisation), "the repository ships the example organisation"
    for path in ("", runbook_path(repo.runbooks[0].id)):
        banner = tab.goto(base_url + path).locator(".md-banner .rb-example-banner")
        assert banner.is_visible() and "not real" in banner.inner_text()


def test_home_symptoms_are_grouped_and_land_on_the_cause(tab: Tab, base_url: str) -> None:
    page = tab.goto(base_url)
    groups = page.locator(".rb-symptom-index h3")
    assert groups.count() >= 5
    first_rows = page.locator(".rb-symptom-index table").first.locator("tbody tr td:first-child code")
    assert first_rows.first.inner_text()[0].isalpha(), "the table starts with a word, not punctuation"
    link = page.locator('.rb-symptom-index a[href*="#cause-"]').first
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**#{anchor}")
    heading = page.locator(f"#{anchor}")
    assert heading.is_visible() and heading.evaluate("h => h.getBoundingClientRect().top") < 300


def test_a_runbook_starts_with_what_to_do(tab: Tab, base_url: str, repo: Repository) -> None:
    rb = max(repo.runbooks, key=lambda r: len(r.symptoms.signals))
    page = tab.goto(base_url + runbook_path(rb.id))
    quick = page.locator("#quick-check").evaluate("h => h.getBoundingClientRect().top + window.scrollY")
    symptoms = page.locator("#symptoms").evaluate("h => h.getBoundingClientRect().top + window.scrollY")
    assert quick < symptoms and quick < 900, quick  # in the first screen (it was at 1,686 px)
    text = page.locator("article").inner_text()
    assert "Cause id" not in text
    header = page.locator("#parameters ~ .md-typeset__scrollwrap table thead").first.inner_text()
    assert ("Default" in header) == any(p.default for p in rb.parameters)


def test_keys_render_as_keys(tab: Tab, base_url: str) -> None:
    page = tab.goto(base_url)
    assert "++slash++" not in page.locator("article").inner_text()
    assert page.locator("article kbd").count() >= 1


def test_copy_button_copies_the_command(tab: Tab, base_url: str, repo: Repository) -> None:
    rb = repo.runbooks[0]
    page = tab.goto(base_url + runbook_path(rb.id))
    page.evaluate("() => localStorage.clear()")
    page.reload(wait_until="load")
    block = page.locator("#quick-check ~ .rb-cmd").first
    block.hover()
    block.locator("button.md-code__button, button.md-clipboard").first.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    expected = rb.diagnostic(rb.quick_check[0]).command
    assert " ".join(copied.split()) == " ".join(expected.split())


def test_phone_pages_keep_words_whole_and_scrollers_reachable(browser: Browser, base_url: str,
                                                              repo: Repository) -> None:
    """On a phone no word in the home table breaks mid-word, and every sideways-scrolling box takes focus."""
    t = open_tab(browser, base_url, viewport=PHONE, is_mobile=True)
    try:
        page = t.goto(base_url)
        split = page.evaluate("""() => {
            const out = [];
            for (const code of [...document.querySelectorAll('.rb-symptom-index td code')].slice(0, 80)) {
                const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const text = node.data;
                    let at = 0;
                    for (const word of text.split(/\\s+/)) {
                        const start = text.indexOf(word, at); at = start + word.length;
                        if (word.length < 2) continue;
                        const r = document.createRange(); r.setStart(node, start); r.setEnd(node, start + word.length);
                        const tops = new Set([...r.getClientRects()].map(b => Math.round(b.top)));
                        if (tops.size > 1) out.push(word);
                    }
                }
            }
            return out; }""")
        assert split == []
        for path in ("", runbook_path(repo.runbooks[0].id), "incident/escalation/"):
            page = t.goto(base_url + path)
            found = a11y.rule_violations(page, "scrollable-region-focusable")
            assert found == [], (path, found)
        assert t.errors == [] and t.guard.foreign == []
    finally:
        t.context.close()
