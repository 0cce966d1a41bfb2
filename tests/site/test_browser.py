"""The built site in a real browser (Debian's Chromium driven by Playwright), served from 127.0.0.1 only.

The page features a reader uses: trees, tabs, admonitions, print, who to page, the phone layout, the copy button.
Every page loaded cold is in test_pages.py, colours in test_contrast.py, search in test_search.py, the values form in
test_values.py, hostile runbooks in test_payload_site.py.
"""

from __future__ import annotations

from collections.abc import Iterator
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
from playwright.sync_api import Browser

from rbkb import urls
from rbkb.model import Repository

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


# ----------------------------------------------------------------------------------------------------------------------
# Diagrams, tabs, admonitions, code copy, print
# ----------------------------------------------------------------------------------------------------------------------


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
