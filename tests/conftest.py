"""Shared fixtures: the real repository, its one site build, a frozen mini repository, and copies to break.

Under pytest-xdist (`make test` runs two workers) a session fixture is made once per worker; the real site build is
made once per test run all the same: the first worker to need it builds it under a lock in the run's shared temporary
folder, the other reuses it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from rbkb.load import load_repository
from rbkb.model import Repository

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules that drive a browser run first, then the other site modules (each builds a site of its own), then the
    rest. `make test` hands out whole modules to its two workers in this order (--dist loadfile
    --no-loadscope-reorder), so the long ones start at once and the many short ones fill the gaps at the end."""
    browser = {item.path for item in items if "browser" in getattr(item, "fixturenames", ())}
    site = ROOT / "tests" / "site"
    items.sort(key=lambda item: 0 if item.path in browser else 1 if item.path.is_relative_to(site) else 2)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def repo() -> Repository:
    """The real repository, loaded once (tests that need the frozen one use mini_repo)."""
    loaded, problems = load_repository(ROOT)
    assert loaded is not None, problems
    return loaded


@pytest.fixture
def mini_repo(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/minirepo (frozen data: golden output does not move with real content edits)."""
    dest = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minirepo", dest)
    return dest


sys.path.insert(0, str(ROOT / "scripts"))  # sitebench: what the site build reads, shared with `make bench`
from sitebench import SITE_SOURCES, copy_sources  # noqa: E402


def mkdocs_build(root: Path, dest: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A strict build of the site at `root` into `dest`, as `make build` runs it; `env` adds variables."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)], cwd=root,
                          env=full_env, capture_output=True, text=True, timeout=600)


def run_root(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole run, shared by every xdist worker (each has its own basetemp below it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _sources_digest(root: Path) -> str:
    h = hashlib.sha256()
    for name in SITE_SOURCES:
        path = root / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                h.update(str(file.relative_to(root)).encode() + b"\0" + file.read_bytes())
    return h.hexdigest()[:16]


@pytest.fixture(scope="session", autouse=True)
def _card_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Card PDFs are cached by content (rbkb.cards.pdf): each test run renders them afresh, once, into a cache that
    every build of the run (subprocesses included) and every xdist worker share."""
    os.environ.setdefault("RUNBOOKS_CACHE_DIR", str(run_root(tmp_path_factory) / "runbooks-cache"))


def _real_site_folder(run: Path) -> Path:
    return run / f"real-site-{_sources_digest(ROOT)}"


def _build_real_site_once(folder: Path) -> None:
    """Build the real repository into `folder` unless a process of this run already has; a lock serialises them."""
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "returncode").exists():
            cache = os.environ.get("RUNBOOKS_CACHE_DIR") or str(folder.parent / "runbooks-cache")  # as _card_cache
            result = mkdocs_build(ROOT, folder / "site", RUNBOOKS_CACHE_DIR=cache)
            (folder / "stderr").write_text(result.stderr, encoding="utf-8")
            (folder / "returncode").write_text(str(result.returncode))


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under xdist the controller starts the real site build while the workers start and collect, so no worker sits
    waiting for it at the start of the first site test (it takes about ten seconds)."""
    config = session.config
    if os.environ.get("PYTEST_XDIST_WORKER") or not getattr(config.option, "numprocesses", None):
        return
    if not any(Path(arg.split("::")[0]).resolve() in (ROOT / "tests", ROOT / "tests" / "site") or "tests/site/" in arg
               for arg in config.args):
        return  # this run does not include the site tests
    folder = _real_site_folder(config._tmp_path_factory.getbasetemp())  # type: ignore[attr-defined]
    threading.Thread(target=_build_real_site_once, args=(folder,), daemon=True).start()


@pytest.fixture(scope="session")
def real_site_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The strict build of the real repository (link checks on), made once per test run: (site folder, stderr)."""
    folder = _real_site_folder(run_root(tmp_path_factory))
    _build_real_site_once(folder)
    stderr = (folder / "stderr").read_text(encoding="utf-8")
    assert (folder / "returncode").read_text() == "0", stderr
    return folder / "site", stderr


@pytest.fixture(scope="session")
def real_site(real_site_build: tuple[Path, str]) -> Path:
    """The built real site, for tests that only read it."""
    return real_site_build[0]


def copy_site(dest: Path) -> Path:
    """A scratch copy of everything the real site build reads."""
    return copy_sources(ROOT, dest)


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    return copy_site(tmp_path / "site-src")


def small_site(dest: Path, pages: dict[str, str]) -> Path:
    """A purpose-built site: the real mkdocs.yml (theme, extensions, search, tags, link checks) without the runbooks
    and macros plugins and without its nav, holding only `pages` (docs-relative path -> Markdown)."""
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    for asset in ("stylesheets", "assets"):
        shutil.copytree(ROOT / "docs" / asset, dest / "docs" / asset)
    for rel, text in pages.items():
        (dest / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / "docs" / rel).write_text(text, encoding="utf-8")
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n")[0].splitlines(keepends=True)
    kept, skipping = [], False
    for line in lines:
        if line.startswith("  - "):
            skipping = line.split(":")[0].strip("- \n") in ("runbooks", "macros")
        elif line.strip() and not line.startswith("      "):
            skipping = False
        if not skipping:
            kept.append(line)
    (dest / "mkdocs.yml").write_text("".join(kept), encoding="utf-8")
    return dest


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def golden(update_golden: bool) -> Callable[[str, str], None]:
    """Compare output with tests/golden/<name>; --update-golden rewrites the file."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update_golden or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            if not update_golden:
                pytest.fail(f"golden file {name} was missing and has been written; review and commit it")
        assert actual == path.read_text(encoding="utf-8"), f"output differs from tests/golden/{name}"

    return check
