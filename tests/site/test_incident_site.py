"""Incident pages in the real site build: "Suggest a change" targets, the template download, the postmortems index,
and the strict-contacts mode that production builds use."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site, mkdocs_build

from rbkb.commands.postmortem import new_postmortem
from rbkb.render.postmortem import postmortem_document

ORG = "data/organisation.yaml"
EDIT = "https://git.example.internal/platform/runbooks/-/edit/main/"
POSTMORTEM = "docs/postmortems/2026-11-20-canary-stuck-on-checkout.md"


def build(src: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return mkdocs_build(src, site, **env)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real sources with real contacts and one postmortem, built in strict-contacts mode.

    Links are checked on the real build (conftest.real_site); this one checks what the pages say.
    """
    src = copy_site(tmp_path_factory.mktemp("incident") / "src")
    org = (src / ORG).read_text(encoding="utf-8")
    org = (org.replace("@company.com", "@acme.io").replace('"#deployments"', '"#inc-platform"')
           .replace('oncall: "PagerDuty: platform primary rotation"', 'oncall: "PagerDuty: platform primary, +44 20 '
                    '7946 0000"')
           .replace("example.pagerduty.com", "acme.pagerduty.com").replace("backstage.example.com", "backstage.acme.io")
           .replace('"+1 202 555 01', '"+1 202 555 02'))
    (src / ORG).write_text(org, encoding="utf-8")
    assert new_postmortem(src, "Canary stuck on checkout", log_dir=FIXTURES / "incident-log",
                          date=dt.date(2026, 11, 20)) == 0
    pm = src / POSTMORTEM
    pm.write_text(pm.read_text().replace("resolved: null", "resolved: 2026-11-20T04:02:05Z"))
    out = src.parent / "site"
    result = build(src, out, RUNBOOKS_REQUIRE_REAL_CONTACTS="true", RUNBOOKS_CHECK_LINKS="false")
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("WARNING")] == []
    return out


def _edit_url(page: Path) -> str:
    found = re.findall(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"', page.read_text())
    assert found, f"no edit button on {page}"
    return found[0]


@pytest.mark.parametrize(("page", "source"), [
    ("runbooks/rollout-not-starting/index.html", "runbooks/rollout-not-starting.yaml"),
    ("incident/severity-levels/index.html", ORG),
    ("incident/escalation/index.html", ORG),
    ("incident/index.html", "docs/incident/index.md"),
    ("postmortems/2026-11-20-canary-stuck-on-checkout/index.html", POSTMORTEM),
])
def test_suggest_a_change_opens_the_source_file(site: Path, page: str, source: str) -> None:
    assert _edit_url(site / page) == EDIT + source


def test_contacts_on_pages_come_from_the_organisation_file(site: Path) -> None:
    escalation = (site / "incident/escalation/index.html").read_text()
    playbook = (site / "incident/index.html").read_text()
    for page in (escalation, playbook):
        assert "PagerDuty: platform primary, +44 20 7946 0000" in page and "#inc-platform" in page
        assert "company.com" not in page and "[PagerDuty/phone number]" not in page
        assert 'href="tel:+12025550200"' in page


def test_no_example_banner_once_the_contacts_are_real(site: Path) -> None:
    for page in ("index.html", "runbooks/rollout-not-starting/index.html"):
        assert "rb-example-banner" not in (site / page).read_text(), page


def test_postmortem_template_downloads_as_markdown(site: Path) -> None:
    served = (site / "incident/postmortem-template.txt").read_text()
    assert served.startswith('---\ntitle: "Short title of the incident"\n')
    template = postmortem_document("Short title of the incident", "2000-01-01")
    assert served.split("\n", 3)[3] == template.split("\n", 3)[3]
    page = (site / "incident/postmortem-template/index.html").read_text()
    assert '<a download="postmortem-template.md" href="../postmortem-template.txt">' in page


def test_postmortems_index_lists_and_charts_them(site: Path) -> None:
    index = (site / "postmortems/index.html").read_text()
    assert 'href="2026-11-20-canary-stuck-on-checkout/"' in index
    assert "<td>48 min</td>" in index  # 03:14:05 (first command of the log) to 04:02:05
    chart = re.findall(r'<figure class="rb-chart">.*?</figure>', index, re.DOTALL)
    assert len(chart) == 1 and chart[0].count("<rect ") == 1
    assert (site / "reference/needs-review/index.html").exists()
    assert 'id="rb501"' in (site / "reference/lint-rules/index.html").read_text()


def test_strict_contacts_fail_the_build_at_each_placeholder(tmp_path: Path) -> None:
    src = copy_site(tmp_path / "src")
    result = build(src, tmp_path / "out", RUNBOOKS_REQUIRE_REAL_CONTACTS="true")
    assert result.returncode != 0
    lines = (src / ORG).read_text().splitlines()
    email = next(n for n, line in enumerate(lines, 1) if line == "  email: ops@company.com")
    assert "require_real_contacts: the guide's placeholder contacts are still in place" in result.stderr
    assert "RB503 contacts.phone: '+1 202 555 0100'" in result.stderr
    assert (f"{ORG}:{email}: RB503 contacts.email: 'ops@company.com' is a placeholder, not a real contact: "
            "put the team's own here") in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()
