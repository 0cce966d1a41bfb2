"""The site folder is replaced only by a finished build: staging beside it, two renames, leftovers cleaned."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rbkb.site.publish import discard, publish, stage


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_finished_build_replaces_the_old_site(tmp_path: Path) -> None:
    target = tmp_path / "site"
    (target / "old").mkdir(parents=True)
    (target / "old" / "page.html").write_text("old")
    staging = stage(target)
    assert staging.parent == target.parent and staging.name.startswith(".site.rbkb-new-") and not any(staging.iterdir())
    (staging / "index.html").write_text("new")
    assert _tree(target) == {"old/page.html": "old"}  # untouched while the build runs
    publish(staging, target)
    assert _tree(target) == {"index.html": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_first_build_creates_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "public" / "site"
    staging = stage(target)
    (staging / "index.html").write_text("new")
    publish(staging, target)
    assert _tree(target) == {"index.html": "new"}


def test_a_failed_build_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("old")
    staging = stage(target)
    (staging / "half.html").write_text("half")
    discard(staging)
    assert _tree(target) == {"index.html": "old"} and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_a_dead_build_are_removed_but_not_those_of_a_running_one(tmp_path: Path) -> None:
    target = tmp_path / "site"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    gone = tmp_path / f".site.rbkb-new-{dead.stdout.strip()}"
    running = tmp_path / f".site.rbkb-new-{os.getppid()}"
    for folder in (gone, running):
        folder.mkdir()
    stage(target)
    assert not gone.exists() and running.exists()
