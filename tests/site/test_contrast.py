"""Colours in a real browser: axe's colour rules on one page of each kind in the light and the dark scheme (switched
with the header's toggle, so each page loads once), and the theme's own findings on the whole page, each one listed
with its reason in a11y.THEME_ALLOWLIST."""

from __future__ import annotations

from pathlib import Path

import a11y
import sitebrowser as sb
from browser_fixtures import (  # noqa: F401 - base_url, browser and site_dir are fixtures, used by name
    base_url,
    browser,
    open_tab,
    runbook_path,
    site_dir,
)
from playwright.sync_api import Browser, Page

from rbkb.model import Repository

SCHEME = "() => document.body.dataset.mdColorScheme"


def switch_scheme(page: Page) -> str:
    """Press the header's palette toggle, as a reader does, and wait for the page to take the other scheme."""
    before = page.evaluate(SCHEME)
    page.locator('form[data-md-component="palette"] label:visible').first.click()
    page.wait_for_function(f"before => ({SCHEME})() !== before", arg=before)
    return str(page.evaluate(SCHEME))


def test_colour_contrast_in_both_schemes(browser: Browser, base_url: str, site_dir: Path, repo: Repository) -> None:
    """Colours come from the theme and runbooks.css: one page of each kind, in each scheme, with axe's colour rules.
    The reader prefers dark: the first page opens in slate; each page is checked, switched and checked again."""
    kinds: dict[str, str] = {"home": "", "runbook": runbook_path(repo.runbooks[0].id)}
    for path in sb.site_pages(site_dir):
        kind = path.split("/", 1)[0] if "/" in path else "other"
        if kind != "runbooks":
            kinds.setdefault(kind, path)
    t = open_tab(browser, base_url, color_scheme="dark")
    try:
        problems, schemes = [], []
        for path in kinds.values():
            page = t.goto(base_url + path, settle=False)  # colours are set once the page has loaded
            pair = [page.evaluate(SCHEME)]
            problems += a11y.findings(a11y.colour_violations(page), f"{pair[0]} {path or '/'}")
            pair.append(switch_scheme(page))
            problems += a11y.findings(a11y.colour_violations(page), f"{pair[1]} {path or '/'}")
            schemes.append(sorted(pair))
        assert problems == []
        assert schemes[0] == ["default", "slate"] and all(pair == schemes[0] for pair in schemes)
        assert t.errors == [] and t.guard.foreign == []
    finally:
        t.context.close()


def test_the_page_follows_the_readers_preferred_scheme(browser: Browser, base_url: str) -> None:
    for preferred, scheme in (("light", "default"), ("dark", "slate")):
        t = open_tab(browser, base_url, color_scheme=preferred)
        try:
            assert t.goto(base_url).evaluate(SCHEME) == scheme
        finally:
            t.context.close()


def test_theme_chrome_findings_are_the_listed_ones(browser: Browser, base_url: str) -> None:
    """The whole page, chrome included, in both schemes: only a11y.THEME_ALLOWLIST's findings, and each of them
    still real."""
    matched: set[str] = set()
    t = open_tab(browser, base_url)
    try:
        page = t.goto(base_url)
        for _scheme in range(2):
            violations = a11y.whole_page_violations(page)
            assert a11y.findings(violations, f"{page.evaluate(SCHEME)} /") == []
            matched |= a11y.matched_allowlist(violations)
            switch_scheme(page)
    finally:
        t.context.close()
    assert matched == {a["rule"] for a in a11y.THEME_ALLOWLIST}, "an allowlist entry no longer matches: remove it"
