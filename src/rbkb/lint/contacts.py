"""RB503: the guide's placeholder contacts must not reach a production site.

Checked only when asked (the `runbooks` plugin option `require_real_contacts`, set from
RUNBOOKS_REQUIRE_REAL_CONTACTS in mkdocs.yml): the repository itself ships the placeholders.
"""

from __future__ import annotations

import re

from ..load import ORGANISATION_FILE, LoadResult
from ..problems import Problem

# Verbatim from the guide's contact section, plus the documentation-only domains (RFC 2606) and company.com.
GUIDE_PLACEHOLDERS = frozenset({"[PagerDuty/phone number]", "#deployments", "ops@company.com"})
_PLACEHOLDER_DOMAIN = re.compile(r"@(?:[\w-]+\.)*(?:company\.com|example\.(?:com|org|net))$", re.IGNORECASE)
_BRACKETED = re.compile(r"^\[.*\]$")


def is_placeholder(value: str) -> bool:
    value = value.strip()
    return value in GUIDE_PLACEHOLDERS or bool(_PLACEHOLDER_DOMAIN.search(value) or _BRACKETED.match(value))


def placeholder_contacts(result: LoadResult) -> list[Problem]:
    """Every contact value in data/organisation.yaml that is still a placeholder, with its line."""
    if result.repo is None:
        return []
    org = result.repo.organisation
    values: list[tuple[str, str | None]] = [
        ("contacts.oncall", org.contacts.oncall),
        ("contacts.chat", org.contacts.chat),
        ("contacts.email", org.contacts.email),
        ("contacts.status_page", org.contacts.status_page),
    ]
    for i, team in enumerate(org.teams):
        values += [(f"teams.{i}.chat", team.chat), (f"teams.{i}.email", team.email), (f"teams.{i}.pager", team.pager)]
    return sorted(
        Problem(ORGANISATION_FILE, result.line(ORGANISATION_FILE, path), "RB503", path,
                f"{value!r} is a placeholder, not a real contact: put the team's own here")
        for path, value in values
        if value is not None and is_placeholder(value)
    )
