"""Browser fixtures the site test modules share: the real site built once, served on 127.0.0.1, and Chromium.

Import the fixtures into a test module (`from browser_fixtures import base_url, browser, site_dir`); the build is
the run's one strict build of the real repository (`real_site` in tests/conftest.py), shared by every module.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sitebrowser as sb
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from rbkb import urls

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site_dir(real_site: Path) -> Path:
    return real_site  # the run's one strict build of the real repository (conftest.py)


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with sb.serve(site_dir) as url:
        yield url


_RUNNING: dict[str, Any] = {}  # this process's Playwright and Chromium, started by the first module that asks


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest) -> Browser:
    """One Chromium per test worker. Each module that imports this fixture gets its own fixture instance, but
    Playwright's sync API allows one instance per thread, so they all share the process's browser, closed when the
    session ends."""
    if "browser" not in _RUNNING:
        pw = sync_playwright().start()
        _RUNNING.update(playwright=pw, browser=sb.launch(pw))

        def stop() -> None:
            _RUNNING.pop("browser").close()
            _RUNNING.pop("playwright").stop()

        request.addfinalizer(stop)
    return _RUNNING["browser"]


@dataclass
class Tab:
    """A reusable page in a guarded context, with the errors it logged."""

    context: BrowserContext
    page: Page
    guard: sb.Guard
    errors: list[str] = field(default_factory=list)

    def goto(self, url: str, settle: bool = True) -> Page:
        """Load `url`; with `settle`, also wait until the network has been quiet for half a second (lazy loads)."""
        self.page.goto(url, wait_until="load")
        if settle:
            self.page.wait_for_load_state("networkidle")
        return self.page


def open_tab(browser: Browser, base_url: str, **options: object) -> Tab:
    context, guard = sb.guarded_context(browser, base_url, **options)
    page = context.new_page()
    tab = Tab(context, page, guard)
    page.on("console", lambda msg: msg.type == "error" and tab.errors.append(f"{page.url}: {msg.text}"))
    page.on("pageerror", lambda exc: tab.errors.append(f"{page.url}: {exc}"))
    return tab


def runbook_path(runbook_id: str) -> str:
    return urls.page_url("", urls.runbook_doc(runbook_id)).lstrip("/")
