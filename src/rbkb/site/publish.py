"""Build into a folder beside the site folder and swap it in only when the build succeeded.

MkDocs empties `site_dir` first and writes pages one by one; a check that fails late (a broken link found by
htmlproofer, a strict-mode warning) used to leave a half-written site where the old one was, ready to be deployed
by anything that does not read the exit code. Here the old folder stays whole until the new one is complete.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

_NEW, _OLD = "rbkb-new", "rbkb-old"


def stage(target: Path) -> Path:
    """A fresh, empty folder beside `target` to build into; leftovers of builds that died are removed first."""
    for leftover in target.parent.glob(f".{target.name}.rbkb-*-*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)
    staging = target.parent / f".{target.name}.{_NEW}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def publish(staging: Path, target: Path) -> None:
    """Put the finished build where `target` was: two renames in one folder, the old site whole until then."""
    old = target.parent / f".{target.name}.{_OLD}-{os.getpid()}"
    try:
        if target.exists():
            target.rename(old)
        staging.rename(target)
    except OSError:  # a mount point cannot be renamed: replace what it holds instead
        if old.exists() and not target.exists():
            old.rename(target)
        for child in target.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        for child in staging.iterdir():
            shutil.move(child, target / child.name)
        staging.rmdir()
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
