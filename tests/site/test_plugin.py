"""The plugin's nav: every runbook under its component, or, past `nav_runbook_limit`, the component pages only."""

from __future__ import annotations

from rbkb import urls
from rbkb.model import Repository
from rbkb.site.plugin import RunbooksPlugin


def _nav(repo: Repository, limit: int) -> list[object]:
    plugin = RunbooksPlugin()
    errors, warnings = plugin.load_config({"nav_runbook_limit": limit})
    assert errors == [] and warnings == []
    plugin.repo = repo
    expanded = plugin._expand({"Runbooks": urls.RUNBOOK_INDEX_DOC})
    return list(expanded["Runbooks"])


def test_every_runbook_is_listed_under_its_component(repo: Repository) -> None:
    nav = _nav(repo, limit=len(repo.runbooks))
    listed = [doc for section in nav[1:] for docs in section.values() for doc in docs]  # type: ignore[union-attr]
    assert nav[0] == urls.RUNBOOK_INDEX_DOC
    assert {urls.runbook_doc(rb.id) for rb in repo.runbooks} <= set(listed)


def test_past_the_limit_only_the_component_pages_are_listed(repo: Repository) -> None:
    nav = _nav(repo, limit=len(repo.runbooks) - 1)
    entries = [value for section in nav[1:] for value in section.values()]  # type: ignore[union-attr]
    assert entries == [urls.component_doc(comp) for comp in repo.by_component()]
