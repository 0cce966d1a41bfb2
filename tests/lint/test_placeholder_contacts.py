"""RB503: the guide's placeholder contacts, found with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from rbkb.lint.contacts import is_placeholder, placeholder_contacts
from rbkb.load import load

ORG = "data/organisation.yaml"


@pytest.mark.parametrize("value", ["[PagerDuty/phone number]", "#deployments", "ops@company.com",
                                   "platform@company.com", "oncall@example.com", "[phone]", "+1 202 555 0100",
                                   "https://example.pagerduty.com/schedules/P1", "https://backstage.example.com/x"])
def test_placeholders(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize("value", ["#inc-payments", "sre@acme.io", "PagerDuty: payments primary", "+44 20 7946 0000",
                                   "+1 202 555 0200", "https://acme.pagerduty.com/schedules/P1"])
def test_real_values(value: str) -> None:
    assert not is_placeholder(value)


def test_each_placeholder_is_reported_at_its_line(mini_repo: Path) -> None:
    shutil.copy(ROOT / ORG, mini_repo / ORG)
    lines = (mini_repo / ORG).read_text().splitlines()
    found = placeholder_contacts(load(mini_repo))
    phone = next(n for n, line in enumerate(lines, 1) if line.startswith('  phone: "+1 202 555 0100'))
    assert f"{ORG}:{phone}: RB503 contacts.phone: '+1 202 555 0100' is a placeholder, not a real contact: " \
           "put the team's own here" in [str(p) for p in found]
    assert {p.path for p in found} >= {"contacts.oncall_url", "contacts.phone", "contacts.chat", "contacts.email",
                                       "teams.0.email", "teams.0.pager_url", "teams.0.phone"}
    for problem in found:  # each line holds the value it complains about
        assert problem.message.split("'")[1] in lines[problem.line - 1], problem


def test_real_contacts_pass(mini_repo: Path) -> None:
    text = (mini_repo / ORG).read_text()
    text = text.replace("@company.com", "@acme.io").replace('"#deployments"', '"#inc-platform"')
    text += 'contacts:\n  oncall: "PagerDuty: platform primary"\n  chat: "#inc-platform"\n  email: sre@acme.io\n'
    (mini_repo / ORG).write_text(text)
    assert placeholder_contacts(load(mini_repo)) == []


def test_lint_notes_the_example_contacts_without_failing_strict(mini_repo: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from rbkb.commands.lint import lint

    shutil.copy(ROOT / ORG, mini_repo / ORG)
    code = lint(mini_repo, strict=True)
    err = capsys.readouterr().err
    assert "RB503 note:" in err and "production build" in err
    assert code == 0, err
