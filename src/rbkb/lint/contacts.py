"""RB503: the example organisation's contacts must not reach a production site unnoticed.

`runbook lint` reports them as a note (the repository ships the example on purpose, so they do not fail
`--strict`), the site shows a banner on every page while any remain, and a production build fails on them (the
`runbooks` plugin option `require_real_contacts`, set from RUNBOOKS_REQUIRE_REAL_CONTACTS in mkdocs.yml).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..load import ORGANISATION_FILE, LoadResult
from ..model import Organisation
from ..problems import Problem

# Verbatim from the guide's contact section, plus the documentation-only domains (RFC 2606) and company.com.
GUIDE_PLACEHOLDERS = frozenset({"[PagerDuty/phone number]", "#deployments", "ops@company.com"})
_PLACEHOLDER_DOMAIN = re.compile(r"@(?:[\w-]+\.)*(?:company\.com|example\.(?:com|org|net))$", re.IGNORECASE)
_BRACKETED = re.compile(r"^\[.*\]$")
# North American numbers 555-0100 to 555-0199 are reserved for fiction; the example organisation uses them.
_FICTIONAL_PHONE = re.compile(r"555[ .-]?01\d\d$")
# Any host with an `example` label: example.com, example.pagerduty.com, backstage.example.com (RFC 2606).
_EXAMPLE_HOST = re.compile(r"(?:^|\.)example(?:\.|$)", re.IGNORECASE)


def is_placeholder(value: str) -> bool:
    value = value.strip()
    if value.startswith(("https://", "http://")):
        return bool(_EXAMPLE_HOST.search(urlsplit(value).hostname or ""))
    return (value in GUIDE_PLACEHOLDERS or bool(_PLACEHOLDER_DOMAIN.search(value) or _BRACKETED.match(value))
            or bool(_FICTIONAL_PHONE.search(value)))


def contact_values(org: Organisation) -> list[tuple[str, str | None]]:
    """Every contact value in the organisation, with its path."""
    c = org.contacts
    values: list[tuple[str, str | None]] = [
        ("contacts.oncall", c.oncall), ("contacts.oncall_url", c.oncall_url), ("contacts.phone", c.phone),
        ("contacts.chat", c.chat), ("contacts.email", c.email), ("contacts.status_page", c.status_page),
    ]
    for i, team in enumerate(org.teams):
        values += [(f"teams.{i}.chat", team.chat), (f"teams.{i}.email", team.email), (f"teams.{i}.pager", team.pager),
                   (f"teams.{i}.pager_url", team.pager_url), (f"teams.{i}.phone", team.phone)]
    return values


def example_contacts(org: Organisation) -> list[tuple[str, str]]:
    """(path, value) of every contact that is still an example: what the site's banner counts."""
    return [(path, value) for path, value in contact_values(org) if value is not None and is_placeholder(value)]


def placeholder_contacts(result: LoadResult) -> list[Problem]:
    """Every contact value in data/organisation.yaml that is still a placeholder, with its line."""
    if result.repo is None:
        return []
    return sorted(
        Problem(ORGANISATION_FILE, result.line(ORGANISATION_FILE, path), "RB503", path,
                f"{value!r} is a placeholder, not a real contact: put the team's own here")
        for path, value in example_contacts(result.repo.organisation)
    )


def example_contacts_note(result: LoadResult) -> str | None:
    """The one line `runbook lint` prints while example contacts remain, or None."""
    found = placeholder_contacts(result)
    if not found:
        return None
    first = found[0]
    return (f"{first.file}:{first.line}: RB503 note: {len(found)} contact(s) in {first.file} are still the example "
            "organisation's; the site shows a banner and a production build (RUNBOOKS_REQUIRE_REAL_CONTACTS=true) "
            "fails until they are real")
