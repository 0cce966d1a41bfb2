"""The network guard every browser test relies on: a request to any other host is stopped and recorded, and every
request the page makes is seen."""

from __future__ import annotations

from browser_fixtures import base_url, browser, open_tab, site_dir  # noqa: F401 - fixtures, used by name
from playwright.sync_api import Browser

FOREIGN = ["http://203.0.113.7/beacon", "https://example.com/font.woff2", "http://127.0.0.1.example.net/x",
           "ws://198.51.100.2/socket"]


def test_the_guard_stops_and_records_requests_to_other_hosts(browser: Browser, base_url: str) -> None:
    t = open_tab(browser, base_url)
    try:
        page = t.goto(base_url)
        settled = page.evaluate("""urls => Promise.all(urls.map(u => u.startsWith('ws')
            ? new Promise(done => { const s = new WebSocket(u); s.onerror = s.onclose = () => done('refused');
                                    s.onopen = () => done('open'); })
            : fetch(u, {mode: 'no-cors'}).then(() => 'answered', () => 'refused')))""", FOREIGN + [base_url])
        assert settled == ["refused"] * len(FOREIGN) + ["answered"]
        assert sorted(t.guard.foreign) == sorted(FOREIGN)
        assert base_url in t.guard.requested and any("/assets/javascripts/bundle." in u for u in t.guard.requested)
    finally:
        t.context.close()
