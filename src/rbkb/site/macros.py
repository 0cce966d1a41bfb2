"""Functions that pages call through mkdocs-macros. Each is a one-line wrapper over a pure renderer.

A macro group is `group(env, repo, here)`: `repo()` returns the loaded model, `here()` the current page's
docs-relative path (for relative links). To add macros for a feature, write a group and list it in MACRO_GROUPS.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..lint.rules import all_rules
from ..load import load_cached
from ..model import Repository
from ..problems import RepositoryError
from ..render import indexes, organisation, paste
from ..render.rules import rules_reference

RepoFn = Callable[[], Repository]
HereFn = Callable[[], str]


def core_macros(env: Any, repo: RepoFn, here: HereFn) -> None:
    @env.macro
    def symptom_table(component: str | None = None) -> str:
        return indexes.symptom_table(repo(), from_doc=here(), component=component)

    @env.macro
    def component_list() -> str:
        return indexes.component_list(repo(), from_doc=here())

    @env.macro
    def runbook_count() -> int:
        return len(repo().runbooks)

    @env.macro
    def lint_rules() -> str:
        return rules_reference(all_rules())


def incident_macros(env: Any, repo: RepoFn, here: HereFn) -> None:
    @env.macro
    def oncall_line() -> str:
        return organisation.oncall_line(repo().organisation.contacts)

    @env.macro
    def oncall_contacts() -> str:
        return organisation.contacts_table(repo().organisation)

    @env.macro
    def severity_summary() -> str:
        return organisation.severity_summary(repo(), from_doc=here())


def paste_macros(env: Any, repo: RepoFn, here: HereFn) -> None:
    @env.macro
    def paste_box(heading_level: int = 3) -> str:
        return paste.paste_box(here(), heading_level)


MACRO_GROUPS: list[Callable[[Any, RepoFn, HereFn], None]] = [
    core_macros,
    incident_macros,
    paste_macros,
]


def register(env: Any) -> None:
    root = Path(env.project_dir)

    def repo() -> Repository:
        loaded, problems = load_cached(root)
        if loaded is None:
            raise RepositoryError([p for p in problems if p.severity == "error"])
        return loaded

    def here() -> str:
        return str(env.page.file.src_uri)

    for group in MACRO_GROUPS:
        group(env, repo, here)
