"""Where each generated page lives. One place, so links, alerts and the CLI agree on every URL."""

from __future__ import annotations

import posixpath
from pathlib import Path

RUNBOOK_INDEX_DOC = "runbooks/index.md"
DECISION_GUIDE_DOC = "guides/rollout-decisions.md"

# Incident response and keeping the runbooks true (generated from data/organisation.yaml and the runbooks).
PLAYBOOK_DOC = "incident/index.md"
SEVERITY_DOC = "incident/severity-levels.md"
ESCALATION_DOC = "incident/escalation.md"
ROLES_DOC = "incident/roles.md"
COMMUNICATION_DOC = "incident/communication.md"
POSTMORTEM_TEMPLATE_DOC = "incident/postmortem-template.md"
POSTMORTEM_TEMPLATE_FILE = "incident/postmortem-template.txt"  # served as is; the link saves it as .md
POSTMORTEMS_DIR = "postmortems"
POSTMORTEMS_DOC = "postmortems/index.md"
NEEDS_REVIEW_DOC = "reference/needs-review.md"

# The paste box: its page, and the signature table it loads (served as is).
PASTE_DOC = "paste.md"
PASTE_TABLE_FILE = "assets/signatures.json"
PASTE_BOX_ID = "rb-paste"


def team_anchor(team_key: str) -> str:
    return f"team-{team_key}"


def severity_anchor(level: str) -> str:
    return level.lower()


def runbook_doc(runbook_id: str) -> str:
    return f"runbooks/{runbook_id}.md"


def component_doc(component: str) -> str:
    return f"components/{component}/index.md"


def alert_doc(name: str) -> str:
    return f"alerts/{name.lower()}.md"


def cause_anchor(cause_id: str) -> str:
    return f"cause-{cause_id.replace('_', '-')}"


def check_anchor(diagnostic_id: str) -> str:
    return f"check-{diagnostic_id}"


def link(from_doc: str, to_doc: str, anchor: str = "") -> str:
    """A relative Markdown link target from one docs/ file to another (mkdocs validates these in strict mode)."""
    rel = posixpath.relpath(to_doc, posixpath.dirname(from_doc) or ".")
    return f"{rel}#{anchor}" if anchor else rel


def to_site_root(from_doc: str) -> str:
    """The relative URL from the page of a docs/ file to the site's root ("./" for the home page)."""
    depth = page_url("", from_doc).lstrip("/").count("/")  # directory URLs: one level per "/"
    return "../" * depth or "./"


def page_url(site_url: str, doc: str, anchor: str = "") -> str:
    """The absolute URL mkdocs publishes a docs/ file at (directory URLs)."""
    path = doc[: -len("index.md")] if doc.endswith("index.md") else doc[: -len(".md")] + "/"
    url = site_url.rstrip("/") + "/" + path
    return f"{url}#{anchor}" if anchor else url


def normalise_site_url(url: str | None) -> str:
    if not url:
        raise ValueError("mkdocs.yml has no site_url: alerts and the CLI need absolute page URLs")
    return url.rstrip("/") + "/"


def site_url(root: Path) -> str:
    """The published site's base URL, from mkdocs.yml (the one place it is configured)."""
    from mkdocs.utils.yaml import yaml_load

    with open(root / "mkdocs.yml", encoding="utf-8") as f:
        return normalise_site_url(yaml_load(f).get("site_url"))
