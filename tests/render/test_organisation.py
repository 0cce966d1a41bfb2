"""Severity levels, escalation matrix, roles and communication pages are pure functions of the model: golden files."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, edit

from rbkb.load import load_repository
from rbkb.model import Repository
from rbkb.render.incident import communication_page
from rbkb.render.organisation import (
    contacts_table,
    escalation_page,
    minutes,
    roles_page,
    severity_levels_page,
    severity_summary,
)

ORG = "data/organisation.yaml"


def _repo(root: Path) -> Repository:
    repo, problems = load_repository(root)
    assert repo is not None, problems
    return repo


def test_organisation_pages_golden(mini_repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    """The mini repository's file has teams only: these pages show the guide's defaults."""
    repo = _repo(mini_repo)
    golden("render/severity-levels.md", severity_levels_page(repo))
    golden("render/escalation.md", escalation_page(repo))
    golden("render/roles.md", roles_page(repo))
    golden("render/communication.md", communication_page(repo))
    golden("render/severity-summary.md", severity_summary(repo, from_doc="incident/index.md"))


def test_guide_matrix_is_the_default(mini_repo: Path) -> None:
    org = _repo(mini_repo).organisation
    assert [(s.level, minutes(s.response_minutes), s.escalation) for s in org.severities] == [
        ("P1", "15 minutes", ["platform-oncall", "team-lead", "engineering-manager"]),
        ("P2", "1 hour", ["platform-team", "platform-oncall"]),
        ("P3", "4 hours", ["platform-team", "team-lead"]),
        ("P4", "24 hours", ["platform-team"]),
    ]
    assert (org.contacts.oncall, org.contacts.chat, org.contacts.email) == (
        "[PagerDuty/phone number]", "#deployments", "ops@company.com")
    assert {r.key for r in org.roles} == {"incident-commander", "scribe", "communications", "subject-expert"}


def test_contacts_come_from_the_organisation_file(mini_repo: Path) -> None:
    """Every contact on these pages is the file's value: change the file and every page follows."""
    shutil.copy(ROOT / ORG, mini_repo / ORG)
    edit(mini_repo / ORG, 'chat: "#deployments"\n  email: ops@company.com',
         'chat: "#inc-bridge"\n  email: oncall@acme.test\n  status_page: https://status.acme.test')
    edit(mini_repo / ORG, "email: network@company.com", "email: netops@acme.test")
    repo = _repo(mini_repo)
    table = contacts_table(repo.organisation)
    assert "| Incident chat | #inc-bridge |" in table and 'href="mailto:oncall@acme.test">oncall@acme.test</a>' in table
    assert "| Status page | https://status.acme.test |" in table
    escalation = escalation_page(repo)
    assert 'href="mailto:netops@acme.test"' in escalation and "network@company.com" not in escalation
    comms = communication_page(repo)
    assert "Post in #inc-bridge when the incident is declared." in comms
    assert "Publish on https://status.acme.test within 5 minutes." in comms


def test_severity_order_and_team_keys_are_checked_with_file_and_line(mini_repo: Path) -> None:
    shutil.copy(ROOT / ORG, mini_repo / ORG)
    edit(mini_repo / ORG, "escalation: [platform-team, team-lead]", "escalation: [platform-team, team-leads]")
    edit(mini_repo / ORG, "filled_by: platform-oncall", "filled_by: nobody")
    _, problems = load_repository(mini_repo)
    text = (mini_repo / ORG).read_text().splitlines()
    line_of = {key: n for n, line in enumerate(text, 1) for key in ("team-leads]", "filled_by: nobody") if key in line}
    assert [str(p) for p in problems] == [
        f"{ORG}:{line_of['team-leads]']}: RB008 severities.2.escalation.1: unknown team 'team-leads'",
        f"{ORG}:{line_of['filled_by: nobody']}: RB008 roles.0.filled_by: unknown team 'nobody'",
    ]
    edit(mini_repo / ORG, "  - level: P4\n", "  - level: P3\n")
    _, problems = load_repository(mini_repo)
    assert any(p.rule == "RB003" and p.path == "severities" and "P1, P2, P3 and P4 once each" in p.message
               for p in problems), problems


def test_default_severities_need_their_teams(mini_repo: Path) -> None:
    edit(mini_repo / ORG, "  - key: engineering-manager\n", "  - key: engineering-managers\n")
    _, problems = load_repository(mini_repo)
    messages = [p.message for p in problems if p.rule == "RB008"]
    assert messages == ["unknown team 'engineering-manager' (the default severities name it: add the team or "
                        "write your own severities)"]


def test_contacts_are_links_a_phone_can_act_on(mini_repo: Path) -> None:
    """Paging text links to the paging tool, numbers are tel: links with the digits only, addresses mailto:."""
    shutil.copy(ROOT / ORG, mini_repo / ORG)
    repo = _repo(mini_repo)
    c = repo.organisation.contacts
    assert c.phone and c.oncall_url, "the example organisation has a phone number and a paging link"
    table = contacts_table(repo.organisation)
    digits = "+" + "".join(ch for ch in c.phone if ch.isdigit())
    assert f'href="tel:{digits}">{c.phone}</a>' in table
    assert f'href="{c.oncall_url}">{c.oncall}</a>' in table
    escalation = escalation_page(repo)
    for team in repo.organisation.teams:
        if team.pager_url:
            assert f'href="{team.pager_url}"' in escalation, team.key
    assert "see the service catalogue" not in escalation


def test_contact_text_is_escaped_in_links(mini_repo: Path) -> None:
    shutil.copy(ROOT / ORG, mini_repo / ORG)
    edit(mini_repo / ORG, 'oncall: "PagerDuty: platform primary rotation"',
         'oncall: "<img src=x onerror=alert(1)> \\"quoted\\""')
    table = contacts_table(_repo(mini_repo).organisation)
    assert "<img" not in table and "&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;" in table
