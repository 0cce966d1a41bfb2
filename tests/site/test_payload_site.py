"""A site built from runbooks, organisation data and a postmortem full of script payloads renders them inert.

The payloads are the security review's (shared research, audit/security.md section 8), where each one fired in
Chromium before the site escaped its text: they go into a runbook's text fields, the organisation's contacts and a
postmortem written as raw Markdown with HTML in it (as `runbook postmortem new --from-log` could produce from a
hostile log). One strict build per test session; every page is checked as HTML, and the pages that show the payloads
are opened in Chromium, with every way a script could report itself (alert, confirm, prompt, print, a console
message) recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sitebrowser as sb
import yaml
from browser_fixtures import browser, open_tab  # noqa: F401 - browser is a fixture, used by name
from conftest import copy_site, mkdocs_build
from playwright.sync_api import Browser

RUNBOOK = "runbooks/pod-oomkilled.yaml"
ORG = "data/organisation.yaml"
POSTMORTEM = "docs/postmortems/2026-01-02-hostile.md"

TITLE = '<script>alert(1)</script> "]--> Z click S href "javascript:alert(2)" {{ config }}'
SUMMARY = ('<img src="data:," onerror=alert(3)> [clickme](javascript:alert(4)) {{ config.site_name }} '
           '{% raw %} <a href="javascript:alert(41)">x</a> " onmouseover="alert(42)')
PAYLOADS = {
    "symptoms.summary": '<script>alert(5)</script> {% include "x" %} **bold**{: onmouseover=alert(43) }',
    "cause.title": 'Limit "]; click S href "javascript:alert(6)"; X["',
    "fix.details": '[fixlink](javascript:alert(7)) <iframe src="javascript:alert(71)"></iframe>',
    "look_for": "{% raw %}{{ config }}{% endraw %} <svg onload=alert(8)> --> \"] [x](JaVaScRiPt:alert(81))",
    "parameter.description": 'Namespace" onmouseover="alert(44)',
    "escalation.when": "<details open ontoggle=alert(45)>x</details>",
    "prevention": "[data](data:text/html,<script>alert(46)</script>)",
    "diagnostic.title": "<img src=x onerror=alert(47)> check",
}
POSTMORTEM_TEXT = """---
title: "<script>alert(21)</script> Hostile postmortem"
date: 2026-01-02
description: '" onmouseover="alert(22)'
---

# Incident from a hostile log

Output as captured: <script>alert(23)</script> <img src=x onerror=alert(24)>

[a link](javascript:alert(25)) <a href="javascript:alert(26)">another</a>

<iframe srcdoc="<script>alert(27)</script>"></iframe>

```text
<script>alert(28)</script> in a fence stays text
```
"""
# Payloads written as text, which must show as text. A Markdown link's URL does not show: the link is refused
# (it keeps its text, loses its href), see REFUSED_LINKS.
MARKERS = [f"alert({n})" for n in (1, 2, 3, 5, 6, 8, 21, 22, 23, 24, 26, 27, 41, 42, 43, 44, 45, 47, 71)]
REFUSED_LINKS = ["clickme", "fixlink", "a link"]
SPY = """(() => {
  window.__fired = [];
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { window.__fired.push(name + ":" + args.join(",")); };
  }
})();"""


def _poison(src: Path) -> None:
    original = (src / RUNBOOK).read_text(encoding="utf-8")
    rb = yaml.safe_load(original)
    rb["title"], rb["summary"] = TITLE, SUMMARY
    rb["symptoms"]["summary"] = PAYLOADS["symptoms.summary"]
    rb["causes"][0]["title"] = PAYLOADS["cause.title"]
    rb["causes"][0]["fix"][0]["details"] = PAYLOADS["fix.details"]
    rb["causes"][0]["prevention"][0] = PAYLOADS["prevention"]
    rb["diagnostics"][0]["look_for"] = PAYLOADS["look_for"]
    rb["diagnostics"][0]["title"] = PAYLOADS["diagnostic.title"]
    rb["parameters"][0]["description"] = PAYLOADS["parameter.description"]
    rb["escalation"][0]["when"] = PAYLOADS["escalation.when"]
    schema_line = original.splitlines()[0]
    dumped = yaml.safe_dump(rb, sort_keys=False, allow_unicode=True, width=1000)
    (src / RUNBOOK).write_text(f"{schema_line}\n{dumped}", encoding="utf-8")
    org = (src / ORG).read_text(encoding="utf-8")
    org = org.replace("name: Platform on-call", "name: \"Platform <script>alert(11)</script> on-call\"", 1)
    org = org.replace('pager: "PagerDuty: network rotation"', 'pager: "<img src=x onerror=alert(12)> rotation"', 1)
    (src / ORG).write_text(org, encoding="utf-8")
    (src / POSTMORTEM).parent.mkdir(parents=True, exist_ok=True)
    (src / POSTMORTEM).write_text(POSTMORTEM_TEXT, encoding="utf-8")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = copy_site(tmp_path_factory.mktemp("payload") / "src")
    _poison(src)
    out = src.parent / "site"
    done = mkdocs_build(src, out, RUNBOOKS_CHECK_LINKS="false")  # links: checked on the real build (conftest)
    assert done.returncode == 0, done.stderr
    return out


class _Markup(HTMLParser):
    """What a browser builds from a page: every script's text, every attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        self.attrs += [(tag, name, value or "") for name, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def test_no_page_carries_a_live_payload(payload_site: Path) -> None:
    pages = sorted(payload_site.rglob("*.html"))
    assert len(pages) > 80
    live = []
    for page in pages:
        markup = _Markup()
        markup.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(payload_site)
        live += [f"{where}: <script> {s[:60]!r}" for s in markup.scripts if "alert(" in s]
        live += [f"{where}: <{tag} {name}={value[:60]!r}>" for tag, name, value in markup.attrs
                 if "alert(" in value and (name.startswith("on") or name in ("href", "src", "srcdoc")
                                           and not value.startswith(("http", "#", "../", "./")))]
        live += [f"{where}: <{tag} {name}>" for tag, name, _v in markup.attrs if name in ("onerror", "onload",
                                                                                             "onmouseover", "ontoggle")]
    assert live == []


def test_the_description_attribute_holds_the_summary_and_nothing_else(payload_site: Path) -> None:
    markup = _Markup()
    markup.feed((payload_site / "runbooks/pod-oomkilled/index.html").read_text(encoding="utf-8"))
    metas = [(name, value) for tag, name, value in markup.attrs if tag == "meta"]
    described = [i for i, (name, value) in enumerate(metas) if (name, value) == ("name", "description")]
    assert len(described) == 1
    name, value = metas[described[0] + 1]
    assert name == "content" and value == " ".join(SUMMARY.split())


@pytest.fixture(scope="module")
def served(payload_site: Path) -> Iterator[str]:
    with sb.serve(payload_site) as url:
        yield url


PAGES = ["runbooks/pod-oomkilled/", "", "components/kubernetes/", "incident/escalation/", "triage/",
         "postmortems/2026-01-02-hostile/", "postmortems/", "training/quiz/", "tags/"]


def test_no_script_runs_and_the_pages_still_render(browser: Browser, served: str) -> None:
    t = open_tab(browser, served)
    t.context.add_init_script(SPY)
    fired: list[str] = []
    t.page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    try:
        for path in PAGES:
            page = t.goto(served + path)
            fired += page.evaluate("() => window.__fired")
            assert page.locator("article h1").first.is_visible(), path
            if path == "runbooks/pod-oomkilled/":
                assert "<script>alert(1)</script>" in page.locator("article h1").inner_text()
                assert page.locator("a", has_text="clickme").first.get_attribute("href") is None
                page.locator("details:has(pre.rb-mermaid) > summary").first.click()
                page.wait_for_selector(".rb-mermaid-diagram svg", timeout=30_000)
                page.locator(".rb-mermaid-diagram svg").hover()
                fired += page.evaluate("() => window.__fired")
            if path.startswith("postmortems/2026"):
                text = page.locator("article").inner_text()
                assert "<script>alert(23)</script>" in text and "<img src=x onerror=alert(24)>" in text
        page = t.goto(served)
        assert sb.search(page, "alert"), "search finds the payload text"
        fired += page.evaluate("() => window.__fired")
        assert fired == []
        assert [e for e in t.errors if "alert" in e] == []
        assert t.guard.foreign == []
    finally:
        t.context.close()


def test_every_marker_reached_the_site(payload_site: Path) -> None:
    """The payloads were published (as text): the test would pass vacuously on a build that dropped them."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in payload_site.rglob("*.html"))
    assert [m for m in MARKERS if m not in text] == []
    for label in REFUSED_LINKS:  # the link stays as its text, without a URL
        assert f"<a>{label}</a>" in text, label
