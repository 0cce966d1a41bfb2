"""The Versions page: what the knowledge base was checked against, and every statement that holds only for some
versions, so a reader who knows which release runs (`runbook doctor` prints it) knows what applies."""

from __future__ import annotations

from .. import urls
from ..model import PRODUCT_TITLES, Repository
from ..versions import VerifiedVersions, describe, statements
from .blocks import cell, join_blocks

VERSIONS_DOC = "reference/versions.md"


def versions_page(verified: VerifiedVersions, repo: Repository) -> str:
    checked = "\n".join(
        f"| {PRODUCT_TITLES[v.product]} | {describe({v.product: v.versions}) if v.versions else 'one commit'} "
        f"| {cell(v.checked)} |" for v in verified.verified
    )
    rows = "\n".join(
        f"| {describe({s.product: s.spec})} | [{cell(repo.runbook(s.runbook).title)}]"
        f"({urls.link(VERSIONS_DOC, urls.runbook_doc(s.runbook), s.anchor)}) | {cell(s.what)} |"
        for s in sorted(statements(repo), key=lambda s: (s.product, s.spec, s.runbook))
    )
    return join_blocks(
        "---\nsearch:\n  boost: 0.5\n---",
        "# Versions",
        "The runbooks were checked against the source code, documentation and CLI references of these releases. "
        "Where behaviour or wording changed between versions, the runbook says so with a badge such as "
        "<span class=\"rb-badge rb-badge--ver\">Argo CD ≥ 2.13</span>, and the statement is listed below.",
        "## Checked against {#checked}",
        f"| Product | Versions | What was read |\n|---|---|---|\n{checked}",
        "## Which version runs here? {#which}",
        "`runbook doctor` prints the image tag of the Argo CD and Argo Rollouts controllers it can see, and lists the "
        "statements below that do not hold for that version.",
        "## Statements that depend on the version {#statements}",
        f"| Holds for | Runbook | What |\n|---|---|---|\n{rows}",
    )
