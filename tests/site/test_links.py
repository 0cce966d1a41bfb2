"""Links in the built site: every runbook's fix is three clicks from the home page, and the strict build's HTML
proofer (mkdocs.yml) catches a broken anchor that mkdocs' own validation cannot see (a raw-HTML link).
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import sitebrowser as sb
from conftest import small_site

from rbkb import urls
from rbkb.model import Repository

MAX_CLICKS = 3
ORIGIN = "http://site.invalid/"
_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
_HREF = re.compile(r'<a\b[^>]*\shref="([^"]+)"')


@pytest.fixture(scope="module")
def site_dir(real_site: Path) -> Path:
    return real_site  # the run's one strict build of the real repository (conftest.py)


def content_links(site_dir: Path, path: str) -> list[tuple[str, str]]:
    """(page path, fragment) of every link in the page's content area: what a reader clicks, nav left out."""
    article = _ARTICLE.search(sb.page_html(site_dir, path))
    links = []
    for href in _HREF.findall(article.group(1) if article else ""):
        url = urlsplit(urljoin(ORIGIN + path, href.replace("&amp;", "&")))
        if f"{url.scheme}://{url.netloc}/" == ORIGIN:
            links.append((url.path.lstrip("/"), url.fragment))
    return links


def clicks_from_home(site_dir: Path) -> dict[tuple[str, str], int]:
    """Breadth-first over content links: the fewest clicks from the home page to each (page, anchor) target."""
    pages = set(sb.site_pages(site_dir))
    depth: dict[tuple[str, str], int] = {("", ""): 0}
    queue = deque([""])
    seen = {""}
    while queue:
        path = queue.popleft()
        d = depth[(path, "")]
        if d == MAX_CLICKS:
            continue
        for target in content_links(site_dir, path):
            depth.setdefault(target, d + 1)
            page = target[0]
            if page in pages and page not in seen:
                seen.add(page)
                depth.setdefault((page, ""), d + 1)
                queue.append(page)
    return depth


def test_every_runbook_fix_is_three_clicks_from_home(site_dir: Path, repo: Repository) -> None:
    depth = clicks_from_home(site_dir)
    far = []
    for rb in repo.runbooks:
        page = urls.page_url("", urls.runbook_doc(rb.id)).lstrip("/")
        anchor = urls.cause_anchor(rb.causes[0].id)
        if depth.get((page, anchor), MAX_CLICKS + 1) > MAX_CLICKS:
            far.append(f"{rb.id}#{anchor}")
        # The anchor opens the section that holds the fix: a "Fix" heading comes before the next cause or section.
        html = sb.page_html(site_dir, page)
        section = html[html.index(f'id="{anchor}"'):]
        following = re.search(r"<h[23]\b", section[1:])
        assert re.search(r"<h4[^>]*>Fix<", section[: following.start() if following else None]), rb.id
    assert far == []


@pytest.mark.parametrize("anchor", ["publishing", "no-such-anchor"])
def test_html_proofer_fails_the_build_on_a_broken_raw_html_anchor(tmp_path: Path, anchor: str) -> None:
    """On a two-page site with the real build settings: the same raw-HTML link passes with a real anchor."""
    site = small_site(tmp_path / "src", {
        "index.md": "# Home\n\nSee [hosting](reference/hosting.md).\n",
        "reference/hosting.md": f'# Hosting\n\nSee <a href="../techdocs/#{anchor}">Publishing</a>.\n',
        "reference/techdocs.md": "# TechDocs\n\n## Publishing\n\nHow.\n",
    })
    result = sb.build_site(site, tmp_path / "out")
    if anchor == "publishing":
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode != 0
        assert "no-such-anchor" in result.stderr
