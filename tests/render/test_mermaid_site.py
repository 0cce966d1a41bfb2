"""The built site: diagrams load Mermaid only from the site, draw only where they should, and every link resolves.

One strict build of the real repository serves every assertion here.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from conftest import ROOT

DIAGRAM_RE = re.compile(r'<pre class="(mermaid|rb-mermaid)"><code>(.*?)</code></pre>', re.S)
CLICK_RE = re.compile(r'^\s*click \w+ href "([^"]+)"', re.M)


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    return real_site  # the run's one strict build of the real repository (conftest.py)


def _pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def _diagrams(page_html: str) -> list[tuple[str, str]]:
    return [(kind, html.unescape(body)) for kind, body in DIAGRAM_RE.findall(page_html)]


def test_mermaid_is_the_pinned_package_served_from_the_site(site: Path) -> None:
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["mermaid"]
    assert re.fullmatch(r"11\.\d+\.\d+", pinned), "pin mermaid 11.x exactly"
    installed = json.loads((ROOT / "node_modules/mermaid/package.json").read_text())["version"]
    assert installed == pinned
    vendored = site / "assets/vendor/mermaid.min.js"
    assert vendored.read_bytes() == (ROOT / "node_modules/mermaid/dist/mermaid.min.js").read_bytes()


def test_no_page_names_the_cdn_and_every_page_has_the_stand_in(site: Path) -> None:
    for name, text in _pages(site).items():
        if name.startswith("404") or 'name="generator"' not in text:
            continue
        assert "unpkg" not in text, name
        assert "assets/javascripts/mermaid-loader.js" in text, name
    assert "unpkg" not in (site / "assets/javascripts/mermaid-loader.js").read_text()


def test_every_diagram_waits_until_its_block_is_opened(site: Path) -> None:
    """No page loads Mermaid on its own: the triage tree and every runbook tree are drawn when their block opens,
    after the text a reader follows (the triage lists, the runbook's decision table)."""
    pages = _pages(site)
    triage = pages["triage/index.html"]
    assert [k for k, _ in _diagrams(triage)] == ["rb-mermaid"]
    branches = [m.start() for m in re.finditer(r'<h2 id="(?!diagram")', triage)]
    assert len(branches) >= 5 and max(branches) < triage.index('<h2 id="diagram"') < triage.index('class="rb-mermaid"')
    runbook_pages = {n: t for n, t in pages.items() if re.fullmatch(r"runbooks/[^/]+/index\.html", n)}
    assert len(runbook_pages) > 30
    for name, text in runbook_pages.items():
        assert [k for k, _ in _diagrams(text)] == ["rb-mermaid"], name
        assert re.search(r'<details class="abstract">\s*<summary>The same as a diagram', text), name
        assert text.index("<table>", text.index('id="decision-tree"')) < text.index('class="rb-mermaid"'), name
    assert not [n for n, t in pages.items() if 'class="mermaid"' in t], "Material would load Mermaid on page load"


def test_every_diagram_link_resolves_from_the_page_url(site: Path) -> None:
    pages = _pages(site)
    checked, broken = 0, []
    for name, text in pages.items():
        page_url = "http://site/" + name.removesuffix("index.html")
        for _, source in _diagrams(text):
            for target in CLICK_RE.findall(source):
                url, anchor = urldefrag(urljoin(page_url, target))
                path = url.removeprefix("http://site/") + "index.html"
                target_html = pages.get(path)
                checked += 1
                if target_html is None or (anchor and f'id="{anchor}"' not in target_html):
                    broken.append(f"{name}: {target} -> {path}#{anchor}")
    assert broken == []
    assert checked > 300


def test_home_links_the_triage_page_and_the_cards(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="triage/"' in home and 'href="cards/"' in home


def test_the_cards_page_links_a_one_page_pdf_per_card_and_size(site: Path) -> None:
    page = (site / "cards/index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([a-z-]+-(?:a4|letter)\.pdf)"', page)
    assert len(links) == 8
    for link in links:
        info = subprocess.run(["pdfinfo", str(site / "cards" / link)], capture_output=True, text=True, timeout=60)
        assert info.returncode == 0, info.stderr
        assert re.search(r"^Pages:\s+1$", info.stdout, re.M), f"{link}: {info.stdout}"
