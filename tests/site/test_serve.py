"""`make serve`: an edit to a runbook, a data file or a card template is served rebuilt, and only what changed is."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import sitebench  # scripts/, on the path through conftest
from conftest import copy_site

from rbkb.site.plugin import RunbooksPlugin
from rbkb.site.serve import TEMPLATES, KeptPages


class _Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_the_data_and_the_templates(tmp_path: Path) -> None:
    for folder in ("runbooks", "data", "training"):
        (tmp_path / folder).mkdir()
    plugin = RunbooksPlugin()
    plugin.load_config({})
    plugin.root = tmp_path
    server = _Server()
    plugin.on_serve(server, config=None, builder=None)  # type: ignore[arg-type]
    assert server.watched == [str(tmp_path / f) for f in ("runbooks", "data", "training")] + [str(TEMPLATES)]
    assert (TEMPLATES / "card.html.j2").is_file()


def test_a_generated_page_is_rewritten_only_when_its_content_changes() -> None:
    kept = KeptPages()
    try:
        first = kept.write("runbooks/a.md", "# A\n")
        stamp = first.stat().st_mtime_ns
        time.sleep(0.01)
        assert kept.write("runbooks/a.md", "# A\n") == first and first.stat().st_mtime_ns == stamp
        kept.write("runbooks/a.md", "# A, edited\n")
        assert first.read_text() == "# A, edited\n" and first.stat().st_mtime_ns > stamp
    finally:
        kept.close()
    assert not kept.folder.exists()


def _wait_for(url: str, condition, server: subprocess.Popen[str], seconds: float) -> str:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        html = sitebench.fetch(url)
        if html is not None and condition(html):
            return html
        assert server.poll() is None, server.stderr.read() if server.stderr else "mkdocs serve stopped"
        time.sleep(0.2)
    raise AssertionError(f"{url} did not change within {seconds} s")


def test_make_serve_shows_an_edited_runbook(tmp_path: Path) -> None:
    src = copy_site(tmp_path / "src")
    port = sitebench.free_port()
    runbook = src / "runbooks/rollout-not-starting.yaml"
    page = f"http://127.0.0.1:{port}/runbooks/rollout-not-starting/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *sitebench.make_serve_args(), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=src, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "RUNBOOKS_CHECK_LINKS": "false"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(page, lambda html: "Rollout does not start" in html, server, 600)
        text = runbook.read_text(encoding="utf-8")
        runbook.write_text(text.replace("title: Rollout does not start after a change",
                                        "title: Rollout refuses to start after a change", 1), encoding="utf-8")
        # `make bench` times this (scripts/bench_site.py); here a generous bound only says "it rebuilds".
        _wait_for(page, lambda html: "Rollout refuses to start" in html, server, 120)
    finally:
        server.terminate()
        server.wait(timeout=30)
