"""Every page generated from the model, by source. The plugin adds whatever these return to the site.

A page source is a pure function `(repo, ctx) -> {docs-relative path: Markdown}`. To add a generated view, write
its renderer under `rbkb.render` and list a source here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import urls
from ..alerts.load import alerts_defined, load_alerts
from ..analyze.table import browser_table, table_of
from ..execute.tools import load_tools
from ..freshness import today_utc
from ..model import Repository
from ..postmortems import load_postmortems
from ..problems import RepositoryError
from ..render.alerts_pages import alert_site
from ..render.freshness import needs_review_page
from ..render.incident import communication_page
from ..render.indexes import component_page, runbook_index_page
from ..render.organisation import escalation_page, roles_page, severity_levels_page
from ..render.page import runbook_page
from ..render.paste import paste_page
from ..render.postmortem import postmortem_document, postmortems_index_page, template_page
from ..render.tools import TOOLS_DOC, tools_page
from ..render.versions import VERSIONS_DOC, versions_page
from ..training.pages import training_pages
from ..versions import VERSIONS_FILE, load_verified
from .views import card_pages, triage_pages


def _no_edit_url(repo_path: str) -> str | None:
    return None


@dataclass(frozen=True)
class SiteContext:
    root: Path  # repository root (runbooks/, data/)
    site_url: str  # absolute, ends with "/"
    edit_url: Callable[[str], str | None] = _no_edit_url  # repository path -> "Suggest a change" URL
    today: dt.date = field(default_factory=today_utc)
    reuse_pdfs: bool = False  # a `mkdocs serve` rebuild: changed cards keep their previous PDF (site/views.py)


# Values are Markdown pages, or any other file to publish as is (bytes for binary ones, e.g. the card PDFs).
PageSource = Callable[[Repository, SiteContext], Mapping[str, str | bytes]]


def runbook_pages(repo: Repository, ctx: SiteContext) -> dict[str, str]:
    pages = {urls.RUNBOOK_INDEX_DOC: runbook_index_page(repo)}
    pages.update({urls.runbook_doc(rb.id): runbook_page(rb, repo) for rb in repo.runbooks})
    pages.update({urls.component_doc(comp): component_page(comp, repo) for comp in repo.by_component()})
    return pages


def incident_pages(repo: Repository, ctx: SiteContext) -> dict[str, str]:
    """Severity, escalation, roles, communication, the postmortem template and index, and Needs review."""
    postmortems, problems = load_postmortems(ctx.root)
    if problems:
        raise RepositoryError(problems)
    template = postmortem_document("Short title of the incident", ctx.today.isoformat())
    return {
        urls.SEVERITY_DOC: severity_levels_page(repo),
        urls.ESCALATION_DOC: escalation_page(repo),
        urls.ROLES_DOC: roles_page(repo),
        urls.COMMUNICATION_DOC: communication_page(repo),
        urls.POSTMORTEM_TEMPLATE_DOC: template_page(template),
        urls.POSTMORTEM_TEMPLATE_FILE: template,
        urls.POSTMORTEMS_DOC: postmortems_index_page(postmortems),
        urls.NEEDS_REVIEW_DOC: needs_review_page(repo, ctx.today, ctx.edit_url),
    }


def tools_pages(repo: Repository, ctx: SiteContext) -> dict[str, str]:
    """Essential tools, from data/tools.yaml (the list `runbook doctor` checks)."""
    return {TOOLS_DOC: tools_page(load_tools(ctx.root))}


def version_pages(repo: Repository, ctx: SiteContext) -> dict[str, str]:
    """What the runbooks were checked against (data/versions.yaml) and every version-dependent statement."""
    if not (ctx.root / VERSIONS_FILE).exists():
        return {}  # a minimal repository (tests) may have runbooks only
    verified, problems = load_verified(ctx.root)
    if verified is None:
        raise RepositoryError(problems)
    return {VERSIONS_DOC: versions_page(verified, repo)}


def alert_pages(repo: Repository, ctx: SiteContext) -> dict[str, str]:
    """One page per alert, the alerts index, the monitoring page and the generated deploy/ files to download."""
    if not alerts_defined(ctx.root):
        return {}
    return alert_site(load_alerts(ctx.root, repo), repo, ctx.site_url)


def paste_pages(repo: Repository, ctx: SiteContext) -> dict[str, str]:
    """The paste page and the signature table its box loads, built from the runbooks of this build."""
    table = browser_table(table_of(repo, ctx.site_url))
    return {
        urls.PASTE_DOC: paste_page(table),
        urls.PASTE_TABLE_FILE: json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n",
    }


PAGE_SOURCES: list[PageSource] = [
    runbook_pages,
    incident_pages,
    training_pages,
    triage_pages,
    card_pages,
    tools_pages,
    version_pages,
    alert_pages,
    paste_pages,
]
