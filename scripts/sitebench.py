"""What `make bench` measures about the site build, shared by bench_site.py and bench_scale.py.

The baseline for "what does our build cost" is a plain Material build of the same pages: one capture build of the
real site runs with a hook that writes out every page's final Markdown (after the runbooks plugin generated it and
the macros plugin rendered it, front matter kept), every other generated file (card PDFs, alert files) and the
expanded nav. The baseline then builds that folder with the same mkdocs.yml minus the `runbooks` and `macros`
plugins: same theme, same Markdown extensions, same search, tags and link checking (htmlproofer), so the difference
is exactly what loading, checking and generating from the runbooks adds.

CPU time (user + system of the build process) is the figure compared: on a machine shared with other work, wall time
says more about the neighbours than about the build.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SITE_SOURCES = ("mkdocs.yml", "docs", "runbooks", "data", "macros", "schema", "training", "overrides")

_CAPTURE_HOOK = '''
import os
from pathlib import Path

import yaml

OUT = Path(os.environ["RBKB_CAPTURE"])


def on_config(config):
    (OUT / "nav.yaml").write_text(yaml.safe_dump(config.nav, sort_keys=False), encoding="utf-8")


def on_files(files, config):
    for f in files:
        if f.generated_by is not None and not f.is_documentation_page():
            dest = OUT / "docs" / f.src_uri
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(f.content_bytes)


def on_page_markdown(markdown, page, config, files):
    meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
    dest = OUT / "docs" / page.file.src_uri
    dest.parent.mkdir(parents=True, exist_ok=True)
    head = "---\\n" + yaml.safe_dump(meta, sort_keys=False) + "---\\n\\n" if meta else ""
    dest.write_text(head + markdown, encoding="utf-8")
    return markdown
'''


@dataclass(frozen=True)
class Build:
    cpu: float  # seconds, user + system of the build process
    wall: float


def copy_sources(src: Path, dest: Path) -> Path:
    """Everything the site build reads, copied, so the bench never writes into the repository."""
    dest.mkdir(parents=True)
    for name in SITE_SOURCES:
        path = src / name
        if path.is_dir():
            shutil.copytree(path, dest / name)
        elif path.exists():
            shutil.copy(path, dest / name)
    return dest


def build(root: Path, site: Path, config: str = "mkdocs.yml", check_links: bool = True,
          env: dict[str, str] | None = None) -> Build:
    """One strict build, timed; exits with mkdocs' stderr when it fails."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RUNBOOKS_CHECK_LINKS": str(check_links).lower(),
                **(env or {})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config,
                             "--site-dir", str(site)], cwd=root, env=full_env, capture_output=True, text=True,
                            timeout=1800)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"build of {root} ({config}) failed:\n{result.stderr}")
    return Build(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall)


def plain_material(root: Path, work: Path, env: dict[str, str] | None = None) -> str:
    """Capture the built pages of `root` and write plain.yml beside its mkdocs.yml; returns that config's name."""
    capture = work / "capture"
    (capture / "docs").mkdir(parents=True)
    (root / "capture_hook.py").write_text(_CAPTURE_HOOK, encoding="utf-8")
    (root / "capture.yml").write_text("INHERIT: mkdocs.yml\nhooks: [capture_hook.py]\n", encoding="utf-8")
    build(root, work / "capture-site", "capture.yml", check_links=False,
          env={**(env or {}), "RBKB_CAPTURE": str(capture)})
    docs = root / "plain-docs"
    shutil.copytree(root / "docs", docs)
    shutil.copytree(capture / "docs", docs, dirs_exist_ok=True)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = _drop_plugin(_drop_plugin(config, "runbooks"), "macros")
    config = config[: config.index("\nnav:\n")] + "\nnav:\n" + (capture / "nav.yaml").read_text(encoding="utf-8")
    (root / "plain.yml").write_text(f"docs_dir: plain-docs\n{config}", encoding="utf-8")
    return "plain.yml"


def _drop_plugin(config: str, name: str) -> str:
    """mkdocs.yml without one entry of its `plugins:` list (its line and the lines indented under it)."""
    lines = config.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.match(rf"  - {name}:?\s*(#.*)?$", line))
    end = start + 1
    while end < len(lines) and (lines[end].startswith("      ") or not lines[end].strip()):
        end += 1
    return "".join(lines[:start] + lines[end:])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_serve_args() -> list[str]:
    """The options `make serve` gives `mkdocs serve` (before --dev-addr), read from the Makefile: what the bench
    times and the serve test checks is what a writer runs."""
    found = re.search(r"mkdocs serve (.*) --dev-addr", (REPO / "Makefile").read_text(encoding="utf-8"))
    if found is None:
        raise RuntimeError("the Makefile's serve target no longer runs `mkdocs serve ... --dev-addr`")
    return found.group(1).split()


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a loopback URL we started
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def serve_rebuild_seconds(root: Path, runbook: str, env: dict[str, str] | None = None,
                          start_timeout: float = 600) -> float:
    """Start `mkdocs serve` (as `make serve` does), edit one runbook's title, and time until its page shows it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    page = f"{base}runbooks/{runbook}/"
    source = root / "runbooks" / f"{runbook}.yaml"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *make_serve_args(), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "RUNBOOKS_CHECK_LINKS": "false", **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + start_timeout
        while (html := fetch(page)) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mkdocs serve did not start: {server.stderr.read() if server.stderr else ''}")
            time.sleep(0.2)
        time.sleep(1.0)  # let the watcher settle after the first build
        marker = f"Edited {time.time_ns()}"
        text = source.read_text(encoding="utf-8")
        title = re.search(r"^title: (.*)$", text, re.M)
        assert title is not None and marker not in html
        source.write_text(text.replace(title.group(0), f"title: {marker}", 1), encoding="utf-8")
        edited = time.perf_counter()
        while marker not in (fetch(page) or ""):
            if server.poll() is not None or time.perf_counter() - edited > 120:
                return float("inf")
            time.sleep(0.05)
        return time.perf_counter() - edited
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

