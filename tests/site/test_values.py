"""The values form of a runbook page, in Chromium: typed once, shown in every command, its copy and its printout,
kept in the browser, and checked by the same parameter kinds as `runbook run`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sitebrowser as sb
from browser_fixtures import (  # noqa: F401 - base_url, browser and site_dir are fixtures, used by name
    PHONE,
    Tab,
    base_url,
    browser,
    open_tab,
    runbook_path,
    site_dir,
)
from playwright.sync_api import Browser

from rbkb.execute.params import check_value
from rbkb.model import ParameterKind, Repository

# Values for each kind, valid and not, as people type them. The browser must give the same verdict as Python.
KIND_VALUES: dict[str, list[str]] = {
    "namespace": ["payments", "a", "Payments", "pay_ments", "-x", "x" * 63, "x" * 64, "pay ments", "pay.ments"],
    "name": ["checkout-web", "a.b-c", "Checkout", "a..b", "x" * 254, "ab-", "checkout;rm -rf /"],
    "label-selector": ["app=checkout", "app.kubernetes.io/name=checkout,tier!=cache", "env in (a,b)", "!canary",
                       "app==x", "=x", "app=x y", ""],
    "url": ["http://prometheus.monitoring.svc:9090", "https://x.example/a?b=c", "ftp://x", "http://", "http://a b",
            "javascript:alert(1)"],
    "host": ["shop.example.com", "10.0.0.1", "::1", "*.example.com", "exa mple.com", "-x.com", "256.1.1.1",
             "fe80::1"],
    "port": ["80", "65535", "0", "65536", "8o", "-1"],
    "integer": ["3", "-2", "0", "3.5", "x", "1e3"],
    "duration": ["30s", "1h30m", "5m", "1.5h", "30", "s", "10 m"],
    "image": ["registry/app:1.2.3", "nginx", "ghcr.io/a/b@sha256:" + "a" * 64, "Nginx", "app:", "a/b:c:d"],
    "text": ["anything at all", "with 'quotes' and $vars", "x\x00y"],
}


@pytest.fixture(scope="module")
def tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    t = open_tab(browser, base_url, permissions=["clipboard-read", "clipboard-write"])
    yield t
    assert t.errors == [], "console errors on the values form"
    assert t.guard.foreign == [], "a value was sent to another host"
    t.context.close()


def test_the_browser_checks_values_like_runbook_run(tab: Tab, base_url: str, repo: Repository) -> None:
    page = tab.goto(base_url + runbook_path(repo.runbooks[0].id))
    kinds = set(ParameterKind.__args__)  # type: ignore[attr-defined]
    assert set(KIND_VALUES) == kinds, "every kind has test values"
    differ = []
    for kind, values in KIND_VALUES.items():
        for value in values:
            python = check_value(kind, value)
            browser_says = page.evaluate("([k, v]) => window.rbkbValues.checkValue(k, v)", [kind, value])
            if (python is None) != (browser_says is None) or (python and python != browser_says):
                differ.append(f"{kind} {value!r}: python {python!r}, browser {browser_says!r}")
    assert differ == []


def _runbook_with(repo: Repository, *names: str):  # type: ignore[no-untyped-def]
    return next(rb for rb in repo.runbooks if {p.name for p in rb.parameters} >= set(names))


def test_a_value_typed_once_fills_every_command_its_copy_and_the_printout(tab: Tab, base_url: str,
                                                                         repo: Repository) -> None:
    rb = _runbook_with(repo, "namespace", "rollout")
    page = tab.goto(base_url + runbook_path(rb.id))
    page.evaluate("() => localStorage.clear()")
    page.reload(wait_until="load")
    form = page.locator("[data-rb-values]")
    assert form.is_visible()
    page.fill("#rb-value-namespace", "payments")
    page.fill("#rb-value-rollout", "checkout")
    shown = page.eval_on_selector_all('.rb-ph[data-rb-param="namespace"]', "es => es.map(e => e.textContent)")
    assert len(shown) >= 3 and set(shown) == {"payments"}
    first = rb.diagnostic(rb.quick_check[0]).command
    block = page.locator("#quick-check ~ .rb-cmd").first
    block.hover()
    block.locator("button.md-code__button, button.md-clipboard").first.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    expected = first.replace("<namespace>", "payments").replace("<rollout>", "checkout")
    assert " ".join(copied.split()) == " ".join(expected.split())
    try:
        page.emulate_media(media="print")
        assert "payments" in block.inner_text() and "<namespace>" not in block.inner_text()
        assert not form.is_visible()
    finally:
        page.emulate_media(media="null")
    # The next runbook of the same incident shows the same values; nothing was requested to do it.
    other = next(r for r in repo.runbooks if r.id != rb.id and any(p.name == "namespace" for p in r.parameters))
    page = tab.goto(base_url + runbook_path(other.id))
    assert page.input_value("#rb-value-namespace") == "payments"
    assert set(page.eval_on_selector_all('.rb-ph[data-rb-param="namespace"]', "es => es.map(e => e.textContent)")) \
        == {"payments"}
    assert not [u for u in tab.guard.requested if "payments" in u]
    page.click("[data-rb-clear]")
    assert page.locator('.rb-ph[data-rb-param="namespace"]').first.inner_text() == "<namespace>"


@pytest.mark.parametrize("value", ["Payments", "pay ments", "x;reboot", "$(id)"])
def test_an_invalid_value_is_an_error_not_a_command(tab: Tab, base_url: str, repo: Repository, value: str) -> None:
    rb = _runbook_with(repo, "namespace")
    page = tab.goto(base_url + runbook_path(rb.id))
    page.fill("#rb-value-namespace", value)
    error = page.locator("#rb-value-namespace-error")
    assert error.is_visible() and "DNS-1123" in error.inner_text()
    assert page.get_attribute("#rb-value-namespace", "aria-invalid") == "true"
    shown = set(page.eval_on_selector_all('.rb-ph[data-rb-param="namespace"]', "es => es.map(e => e.textContent)"))
    assert shown == {"<namespace>"}
    page.fill("#rb-value-namespace", "")


def test_a_valid_value_a_shell_would_split_is_refused(tab: Tab, base_url: str, repo: Repository) -> None:
    rb = next((r for r in repo.runbooks if any(p.kind == "label-selector" for p in r.parameters)), None)
    assert rb is not None
    name = next(p.name for p in rb.parameters if p.kind == "label-selector")
    page = tab.goto(base_url + runbook_path(rb.id))
    page.fill(f"#rb-value-{name}", "tier!=cache")
    assert check_value("label-selector", "tier!=cache") is None  # valid for its kind...
    assert "shell" in page.locator(f"#rb-value-{name}-error").inner_text()  # ...but not a plain word
    assert set(page.eval_on_selector_all(f'.rb-ph[data-rb-param="{name}"]', "es => es.map(e => e.textContent)")) \
        == {f"<{name}>"}
    page.fill(f"#rb-value-{name}", "")


def test_long_commands_wrap_instead_of_scrolling(browser: Browser, base_url: str, repo: Repository) -> None:
    rb = max(repo.runbooks, key=lambda r: max(len(d.command) for d in r.diagnostics))
    t = open_tab(browser, base_url, viewport=PHONE, is_mobile=True)
    try:
        page = t.goto(base_url + runbook_path(rb.id))
        wide = page.eval_on_selector_all(".rb-cmd pre > code", "es => es.filter(e => e.scrollWidth > e.clientWidth + 1)"
                                         ".length")
        assert wide == 0
        assert page.locator("[data-rb-values]").is_visible()
        assert sb.decoded_bytes(page)  # the page loaded through the guarded host
        assert t.errors == [] and t.guard.foreign == []
    finally:
        t.context.close()
