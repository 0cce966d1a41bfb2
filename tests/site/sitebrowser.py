"""The built site as a reader's browser sees it: a loopback static host, Debian's Chromium, a network guard.

Shared by the site tests (tests/site/test_browser.py, test_links.py) and `make bench` (scripts/bench_site.py), so
both measure the same thing. Nothing here downloads a browser: Chromium is the Debian package
(requirements/system-packages.txt).
"""

from __future__ import annotations

import gzip
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright._impl._errors import TargetClosedError
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, WebSocketRoute

CHROMIUM = "/usr/bin/chromium"
# Headless as root on a closed network: without the background-networking flags Chromium keeps trying Google's
# hosts, which this machine refuses (the machine notes and research A4).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# Waits are on conditions, never fixed sleeps; on a loaded machine a condition may take long to come true, so every
# wait may take up to this long before it counts as failed (Playwright's default is 30 s).
WAIT_MS = 120_000

# What a static host compresses (nginx `gzip_types` in docs/reference/hosting.md says the same).
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _StaticHandler(SimpleHTTPRequestHandler):
    """A static host like the one docs/reference/hosting.md configures: files as they are, text gzipped."""

    _gz_cache: dict[tuple[str, int], bytes] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants_gzip and ctype.startswith(COMPRESSED_TYPES)):
            super().do_GET()
            return
        key = (str(path), path.stat().st_mtime_ns)
        body = self._gz_cache.get(key)
        if body is None:
            body = self._gz_cache[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 at a free port; yields the base URL (ends with /)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_StaticHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build_site(root: Path, dest: Path, config: str = "mkdocs.yml",
               python: str = sys.executable) -> subprocess.CompletedProcess[str]:
    """A strict build of the repository at `root` into `dest`, as `make build` runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([python, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(dest)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)


_SHARED: dict[Path, Path] = {}


def shared_site(root: Path, tmp_base: Path) -> Path:
    """One strict build of `root` per test run, shared by every module that only reads the result."""
    if root not in _SHARED:
        dest = tmp_base / "shared-site"
        result = build_site(root, dest)
        assert result.returncode == 0, result.stderr
        _SHARED[root] = dest
    return _SHARED[root]


def chromium_path() -> str:
    path = shutil.which("chromium") or CHROMIUM
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"{path} not found: `make system-deps` installs Debian's chromium")
    return path


def launch(pw: Playwright) -> Browser:
    return pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


@dataclass
class Guard:
    """Everything a context asked for: requests to other hosts are aborted and recorded."""

    base: str
    foreign: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)

    def abort(self, route: Route) -> None:
        self.foreign.append(route.request.url)
        try:
            route.abort()
        except TargetClosedError:
            pass  # the page went on to the next URL (or closed) before this request was routed: nothing to stop

    def refuse_socket(self, socket: WebSocketRoute) -> None:
        self.foreign.append(socket.url)
        socket.close()  # never connected to the server: a routed WebSocket only connects when told to


# Only requests to other hosts are routed: a routed request waits for Python to answer, which cost a third of the
# browser tests' CPU when every request went through. The others are recorded from the request event. Any route turns
# the HTTP cache off, so every page load is a first visit.
NOT_LOOPBACK = re.compile(r"^(?!https?://127\.0\.0\.1[:/])[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def guarded_context(browser: Browser, base: str, **options: object) -> tuple[BrowserContext, Guard]:
    context = browser.new_context(**options)  # type: ignore[arg-type]
    context.set_default_timeout(WAIT_MS)
    context.set_default_navigation_timeout(WAIT_MS)
    guard = Guard(base)
    context.on("request", lambda request: guard.requested.append(request.url))
    context.route(NOT_LOOPBACK, guard.abort)
    context.route_web_socket(NOT_LOOPBACK, guard.refuse_socket)
    return context, guard


def site_pages(site_dir: Path) -> list[str]:
    """Every built HTML page as a site-relative URL path ('' for the home page, 'guides/x/' for directory URLs)."""
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


def page_html(site_dir: Path, path: str) -> str:
    file = site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)
    return file.read_text(encoding="utf-8")


def shows_diagram(site_dir: Path, path: str) -> bool:
    """The page draws a Mermaid diagram on load (a `mermaid` fence; Material draws its <pre class="mermaid">)."""
    return 'class="mermaid"' in page_html(site_dir, path)


def has_lazy_diagram(site_dir: Path, path: str) -> bool:
    """The page holds a diagram drawn when its closed block is opened (the `mermaid-lazy` fence)."""
    return 'class="rb-mermaid"' in page_html(site_dir, path)


def transfer_bytes(page: Page) -> dict[str, int]:
    """Compressed bytes of the document and of every resource the page loaded (Resource Timing).

    `encodedBodySize` is the body as sent (gzipped where the host compresses), whether or not it came from a cache.
    """
    entries = page.evaluate(
        """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                 .map(e => [e.name, e.encodedBodySize])"""
    )
    return {unquote(name): int(size) for name, size in entries}


def decoded_bytes(page: Page) -> dict[str, int]:
    """Uncompressed bytes of the document and of every resource the page loaded (Resource Timing)."""
    entries = page.evaluate(
        """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                 .map(e => [e.name, e.decodedBodySize])"""
    )
    return {unquote(name): int(size) for name, size in entries}


# (height, label font size as drawn) of every decision-tree diagram on the page: the labels' CSS size times the
# factor the SVG is scaled by to fit its box (below 1 when a drawing is shrunk to the column).
DIAGRAM_SIZES = """() => [...document.querySelectorAll('.rb-mermaid-diagram svg')].map(svg => {
    const box = svg.getBoundingClientRect();
    const natural = svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.viewBox.baseVal.width : box.width;
    const label = svg.querySelector('.nodeLabel, .label, text');
    const size = label ? parseFloat(getComputedStyle(label).fontSize) : 0;
    return [box.height, size * box.width / natural];
})"""


def pdf_pages_text(pdf: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext, requirements/system-packages.txt)."""
    done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True)
    pages = done.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def search(page: Page, query: str) -> list[str]:
    """Type a query into Material's search and return the result page URLs in order (one per page)."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-search__icon, label[for=__search]").first.click()
    # A stale marker in the result list: Material empties the list whenever the worker answers, so once the marker
    # is gone the list holds the answer to this query, not the previous one (on a loaded machine the worker can
    # take seconds, and the previous query's results stay on screen meanwhile).
    page.evaluate("""() => { window.__rbkbResults = null;
                             const list = document.querySelector('.md-search-result__list');
                             if (list) { const li = document.createElement('li'); li.id = 'rbkb-stale';
                                         list.prepend(li); } }""")
    # fill() alone raced the search worker (research A4), and typing every key of a pasted error text queues one
    # search per key in the worker (7 s for a 60-character text): paste all but the last character, then type it.
    box.fill(query[:-1])
    box.press_sequentially(query[-1])
    # Results update a moment after the last key; read them once they have stopped changing for 300 ms.
    page.wait_for_function(
        """q => { const input = document.querySelector('input.md-search__input');
                  const out = document.querySelector('.md-search-result');
                  if (input.value !== q || !out || document.getElementById('rbkb-stale')) return false;
                  const html = out.innerHTML, now = performance.now(), seen = window.__rbkbResults;
                  if (!seen || seen.html !== html) { window.__rbkbResults = {html, at: now}; return false; }
                  return now - seen.at > 300 && !/Initializing/i.test(out.textContent); }""",
        arg=query,
        polling=50,
    )
    # One list item per page; its first link is the page, the others are sections of it.
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item", "lis => lis.map(li => li.querySelector('a').href)"
    )
    return [urlsplit(h)._replace(query="", fragment="").geturl() for h in hrefs]


# Material's search UI (components/search in its bundle) sets its worker up with the site's search index and the
# `search.suggest` feature, sends the text of the search box as the query, and lists one item per result group (a
# page and its sections), in the worker's order. This asks the page's worker the same way, many queries in one go:
# `new Worker` is search-lazy.js's wrapper, which reduces each query to words as it does for the search box, and a
# text input drops line breaks from what is typed or pasted into it (HTML's value sanitization), so they go here too.
_ASK_WORKER = """async queries => {
    const config = JSON.parse(document.getElementById('__config').textContent);
    const base = new URL(config.base, location.href);
    const index = await (await fetch(new URL('search/search_index.json', base))).json();
    const worker = new Worker(config.search);
    const answers = [], waiting = [];  // the worker answers each message in turn
    const next = () => new Promise(resolve => answers.length ? resolve(answers.shift()) : waiting.push(resolve));
    worker.addEventListener('message', e => waiting.length ? waiting.shift()(e.data) : answers.push(e.data));
    worker.postMessage({type: 0, data: {config: index.config, docs: index.docs,
                                        options: {suggest: config.features.includes('search.suggest')}}});
    if ((await next()).type !== 1) throw new Error('the search worker did not get ready');
    const found = [];
    for (const query of queries) {
        worker.postMessage({type: 2, data: query.replace(/[\\r\\n]/g, '')});
        const answer = await next();
        if (answer.type !== 3) throw new Error('not a search result: ' + JSON.stringify(answer));
        found.push(answer.data.items.map(group => new URL(group[0].location.split('#')[0], base).href));
    }
    worker.terminate();
    return found;
}"""


def search_all(page: Page, queries: list[str]) -> list[list[str]]:
    """The result page URLs of each query, in order, as Material's search lists them (see `search`), asked of the
    site's search worker directly: the ranking is the worker's either way, without typing and waiting per query."""
    found = page.evaluate(_ASK_WORKER, queries)
    return [[urlsplit(h)._replace(query="", fragment="").geturl() for h in hrefs] for hrefs in found]
