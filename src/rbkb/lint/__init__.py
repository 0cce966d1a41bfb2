"""`runbook lint`: the data checks of the loader plus every command in runbooks, docs and scripts.

The repository checks live in `repository.py` and are imported on first use, so that `rbkb.lint.command` (one
command, for `runbook lint-command`) does not load the runbook model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .repository import Target, doc_snippets, lint_repository, targets

__all__ = ["Target", "doc_snippets", "lint_repository", "targets"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import repository

        return getattr(repository, name)
    raise AttributeError(name)
