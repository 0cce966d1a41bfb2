"""Functions that pages call through mkdocs-macros. Each is a one-line wrapper over a pure renderer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..load import load_cached
from ..model import Repository
from ..problems import RepositoryError
from ..lint.rules import all_rules
from ..render import indexes
from ..render.rules import rules_reference


def register(env: Any) -> None:
    root = Path(env.project_dir)

    def repo() -> Repository:
        loaded, problems = load_cached(root)
        if loaded is None:
            raise RepositoryError([p for p in problems if p.severity == "error"])
        return loaded

    def here() -> str:
        return env.page.file.src_uri

    @env.macro
    def symptom_table(component: str | None = None) -> str:
        return indexes.symptom_table(repo(), from_doc=here(), component=component)

    @env.macro
    def component_list() -> str:
        return indexes.component_list(repo(), from_doc=here())

    @env.macro
    def lint_rules() -> str:
        return rules_reference(all_rules())

    @env.macro
    def runbook_count() -> int:
        return len(repo().runbooks)
