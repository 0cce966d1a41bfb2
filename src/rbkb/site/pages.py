"""Every page generated from the model, by source. The plugin adds whatever these return to the site.

A page source is a pure function `(repo, ctx) -> {docs-relative path: Markdown}`. To add a generated view, write
its renderer under `rbkb.render` and list a source here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import urls
from ..model import Repository
from ..render.indexes import component_page, runbook_index_page
from ..render.page import runbook_page


@dataclass(frozen=True)
class SiteContext:
    root: Path  # repository root (runbooks/, data/)
    site_url: str  # absolute, ends with "/"


PageSource = Callable[[Repository, SiteContext], dict[str, str]]


def runbook_pages(repo: Repository, ctx: SiteContext) -> dict[str, str]:
    pages = {urls.RUNBOOK_INDEX_DOC: runbook_index_page(repo)}
    pages.update({urls.runbook_doc(rb.id): runbook_page(rb, repo) for rb in repo.runbooks})
    pages.update({urls.component_doc(comp): component_page(comp, repo) for comp in repo.by_component()})
    return pages


PAGE_SOURCES: list[PageSource] = [
    runbook_pages,
]
