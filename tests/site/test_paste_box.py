"""The paste box in a real browser: every captured output pasted into the page, against `runbook diagnose`.

One strict build (shared with the other site tests), one server on 127.0.0.1, one Chromium page for all the pastes.
Each paste goes through the clipboard and Ctrl+V, as a reader's does; the test waits until the box says it answered
that very text. tests/analyze/test_paste_js.py pins the matcher itself in Node; this module proves the page wiring:
the table the build publishes, the list the reader sees, links, keys, the header button, bounds and escaping.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import a11y
import pytest
import sitebrowser as sb
from browser_fixtures import Tab, base_url, browser, open_tab, site_dir  # noqa: F401 - fixtures, used by name
from conftest import ROOT
from playwright.sync_api import Browser, Page

from rbkb import urls
from rbkb.analyze.diagnose import analyze_lines
from rbkb.analyze.table import PASTE_LIMIT, browser_table, table_of
from rbkb.commands.diagnose import diagnose
from rbkb.model import Repository

sys.path.insert(0, str(ROOT / "tests" / "analyze"))
from analyze_support import OUTPUTS, read_output  # noqa: E402

CAPTURES = sorted(OUTPUTS.rglob("*.txt"))
PASTE_PAGE = urls.page_url("", urls.PASTE_DOC).lstrip("/")
BOX = "#" + urls.PASTE_BOX_ID
INPUT = "#rb-paste-input"


def _tab(browser: Browser, base_url: str, **options: object) -> Tab:
    return open_tab(browser, base_url, permissions=["clipboard-read", "clipboard-write"], **options)


@pytest.fixture(scope="module")
def tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    """The paste page, reused by every paste; nothing may leave 127.0.0.1 and nothing may log an error."""
    t = _tab(browser, base_url)
    t.page.goto(base_url + PASTE_PAGE, wait_until="load")
    yield t
    assert t.errors == [], "console errors on the paste page"
    assert t.guard.foreign == [], "a request left 127.0.0.1"
    # The guard saw the table come from this site (once per page load: the tests leave the page and come back).
    assert any(u.endswith("/" + urls.PASTE_TABLE_FILE) for u in t.guard.requested)
    t.context.close()


def paste(page: Page, text: str, scope: str = BOX) -> list[str]:
    """Paste `text` into the box (replacing what it holds) and return the causes it lists, best first."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    box = page.locator(f"{scope} textarea")
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Control+V")
    return answered(page, scope)


def answered(page: Page, scope: str = BOX) -> list[str]:
    page.wait_for_function(
        """scope => { const box = document.querySelector(scope), input = box && box.querySelector('textarea');
                      return !!input && box.dataset.rbState === 'done' && box.rbPasted === input.value; }""",
        arg=scope, polling=20, timeout=30_000,
    )
    return page.eval_on_selector_all(f"{scope} .rb-paste__causes > li", "lis => lis.map(li => li.dataset.rbCause)")


def cli_answer(text: str) -> list[str]:
    """`runbook diagnose --format json -` on the text, in-process (the command's own function, the packaged table)."""
    out = io.StringIO()
    assert diagnose(ROOT, ["-"], fmt="json", stdin=io.StringIO(text), stdout=out) == 0
    return [c["id"] for c in json.loads(out.getvalue())["causes"]]


# ----------------------------------------------------------------------------------------------------------------------
# Same answer as the CLI
# ----------------------------------------------------------------------------------------------------------------------


def test_the_page_names_the_clis_first_cause_wherever_the_lines_decide_it(tab: Tab, repo: Repository) -> None:
    """The line signatures decide the CLI's first cause when they alone put it first: the CLI's answer with its
    structural checks left out (`analyze_lines`) starts with the same cause, or both answers are empty. There the
    page must agree with `runbook diagnose`; elsewhere it must give the line answer (the structural checks are the
    CLI's own)."""
    table = table_of(repo, urls.site_url(ROOT))
    decided = agreed = 0
    wrong, unlike_lines = [], []
    for path in CAPTURES:
        text = read_output(path)
        cli, lines = cli_answer(text), [f.id for f in analyze_lines([text], table)]
        page = paste(tab.page, text)
        name = f"{path.parent.name}/{path.name}"
        if cli[:1] == lines[:1]:
            decided += 1
            if page[:1] != cli[:1]:
                wrong.append(f"{name}: page {page[:3]}, runbook diagnose {cli[:3]}")
        if page != lines:
            unlike_lines.append(f"{name}: page {page}, line signatures {lines}")
        agreed += page[:1] == cli[:1]
        if path.parent.name == "unrelated":
            assert page == [] == cli, name
    print(f"\npaste box in Chromium: the first cause of runbook diagnose on {agreed} of {len(CAPTURES)} captures; "
          f"the line signatures decide {decided} of them")
    assert wrong == [] and unlike_lines == []
    # The figure docs/reference/diagnose.md reports: most captures are decided by their lines.
    assert decided >= 0.85 * len(CAPTURES), f"lines decide {decided} of {len(CAPTURES)}"
    assert agreed >= decided


# ----------------------------------------------------------------------------------------------------------------------
# The list the reader sees
# ----------------------------------------------------------------------------------------------------------------------


def test_causes_are_headed_links_to_their_sections_reachable_by_keyboard(tab: Tab, base_url: str) -> None:
    page = tab.page
    text = read_output(next((OUTPUTS / "oom_killed").glob("*.txt")))
    found = paste(page, text)
    assert found[0] == "oom_killed"
    first = page.locator(f"{BOX} .rb-paste__causes > li").first
    link = first.locator("h2 > a")
    assert link.get_attribute("href") == "../" + urls.page_url("", urls.runbook_doc("pod-oomkilled"),
                                                                urls.cause_anchor("oom_killed")).lstrip("/")
    evidence = first.locator(".rb-paste__evidence code").all_inner_texts()
    assert evidence and all(line.strip() in text for line in evidence)
    assert "likely cause" in page.locator("#rb-paste-status").inner_text()
    assert a11y.findings(a11y.structure_violations(page), "paste page with causes") == []
    # Keyboard only: from the text area, Tab reaches the first cause's link, Enter opens its section.
    page.focus(INPUT)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('li') && document.activeElement.tagName") == "A"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/runbooks/pod-oomkilled/#{urls.cause_anchor('oom_killed')}")
    assert page.locator(f"#{urls.cause_anchor('oom_killed')}").is_visible()
    page.go_back()
    page.wait_for_selector(INPUT)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_answer_is_readable_in_both_schemes(browser: Browser, base_url: str, scheme: str) -> None:
    t = _tab(browser, base_url, color_scheme=scheme)
    try:
        t.page.goto(base_url + PASTE_PAGE, wait_until="load")
        assert paste(t.page, read_output(next((OUTPUTS / "crashloop").glob("*.txt"))))
        assert a11y.findings(a11y.colour_violations(t.page), f"{scheme} paste page") == []
        assert t.errors == [] and t.guard.foreign == []
    finally:
        t.context.close()


def test_pasted_markup_stays_text(tab: Tab) -> None:
    page = tab.page
    hostile = '  Reason:       OOMKilled <img src=x onerror="window.__pasted=1"><script>window.__pasted=2</script>'
    assert paste(page, hostile)[:1] == ["oom_killed"]
    assert page.locator(f"{BOX} .rb-paste__causes img, {BOX} .rb-paste__causes script").count() == 0
    assert "<img src=x" in page.locator(f"{BOX} .rb-paste__evidence code").first.inner_text()
    assert page.evaluate("() => window.__pasted") is None


def test_a_paste_over_the_limit_is_cut_at_a_line_and_says_so(tab: Tab) -> None:
    page = tab.page
    # Set through the DOM: a megabyte through the clipboard takes long and proves nothing more.
    page.evaluate(
        """([selector, filler, tail]) => { const input = document.querySelector(selector);
                                          input.value = filler + tail;
                                          input.dispatchEvent(new Event('input', {bubbles: true})); }""",
        [INPUT, "kubectl get pods was fine here\n" * (PASTE_LIMIT // 30), "  Reason:       OOMKilled\n"],
    )
    assert answered(page) == []  # the OOMKilled line is past the limit
    status = page.locator("#rb-paste-status").inner_text()
    assert f"at most {PASTE_LIMIT:,}" in status and "Read the first" in status
    assert paste(page, "  Reason:       OOMKilled") == ["oom_killed"]
    assert "Read the first" not in page.locator("#rb-paste-status").inner_text()


# ----------------------------------------------------------------------------------------------------------------------
# From every page: the header button and the key
# ----------------------------------------------------------------------------------------------------------------------


def test_every_page_has_the_header_button(site_dir: Path) -> None:
    pages = sb.site_pages(site_dir)
    assert PASTE_PAGE in pages
    missing = [p for p in pages if "data-rb-paste-link" not in sb.page_html(site_dir, p)]
    assert missing == []


def test_key_e_opens_the_box_from_any_page(browser: Browser, base_url: str, repo: Repository) -> None:
    t = _tab(browser, base_url)
    page = t.page
    focused = "() => document.activeElement && document.activeElement.id === 'rb-paste-input'"
    try:
        page.goto(base_url + urls.page_url("", urls.runbook_doc(repo.runbooks[0].id)).lstrip("/"), wait_until="load")
        page.keyboard.press("e")
        page.wait_for_url(f"**/{PASTE_PAGE}")
        page.wait_for_function(focused)
        assert paste(page, "Back-off restarting failed container")[:1] == ["crashloop"]
        # The home page has its own box: the key focuses it, and the page stays.
        page.goto(base_url, wait_until="load")
        page.keyboard.press("e")
        page.wait_for_function(focused)
        assert page.url == base_url
        assert paste(page, "  Reason:       OOMKilled")[:1] == ["oom_killed"]
        # Typing in a text field (the search box) types the letter.
        page.goto(base_url + urls.page_url("", urls.runbook_doc(repo.runbooks[0].id)).lstrip("/"), wait_until="load")
        page.keyboard.press("s")  # Material's own key for search
        page.locator("input.md-search__input").press_sequentially("e")
        assert page.locator("input.md-search__input").input_value() == "e"
        assert PASTE_PAGE not in page.url
        assert t.errors == [] and t.guard.foreign == []
    finally:
        t.context.close()


def test_a_phone_reaches_the_box_with_one_tap(browser: Browser, base_url: str, repo: Repository) -> None:
    t = _tab(browser, base_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = t.page
    try:
        page.goto(base_url + urls.page_url("", urls.runbook_doc(repo.runbooks[0].id)).lstrip("/"), wait_until="load")
        button = page.locator("a[data-rb-paste-link]")
        assert button.is_visible()
        button.tap()
        page.wait_for_url(f"**/{PASTE_PAGE}")
        page.wait_for_selector(INPUT, state="visible")
        assert t.errors == [] and t.guard.foreign == []
    finally:
        t.context.close()


# ----------------------------------------------------------------------------------------------------------------------
# What the build publishes
# ----------------------------------------------------------------------------------------------------------------------


def test_the_build_publishes_the_table_of_its_own_runbooks(site_dir: Path, repo: Repository) -> None:
    published = json.loads((site_dir / urls.PASTE_TABLE_FILE).read_text(encoding="utf-8"))
    assert published == browser_table(table_of(repo, urls.site_url(ROOT)))
    for cause in published["causes"].values():
        page, _, anchor = cause["path"].partition("#")
        assert f'id="{anchor}"' in sb.page_html(site_dir, page), cause["path"]
