"""Pages rendered from data/organisation.yaml and the runbooks' severity, owner and escalation fields:
severity levels, the escalation matrix with every contact, and incident roles."""

from __future__ import annotations

import html
import json
import re

from .. import urls
from ..model import COMPONENT_TITLES, Contacts, Organisation, Repository, Runbook, SeverityLevel, Team
from .blocks import cell, join_blocks

_SOURCE_NOTE = "Generated from `data/organisation.yaml` and the runbooks; change it there."


def minutes(n: int) -> str:
    """15 -> "15 minutes", 60 -> "1 hour", 1440 -> "24 hours" (the guide's wording)."""
    if n % 60:
        return f"{n} minute{'s' * (n != 1)}"
    return f"{n // 60} hour{'s' * (n != 60)}"


# The incident pages rank first in search for on-call words (escalation, on-call, page, SEV1, pagerduty).
_ONCALL_BOOST = 3


def _front_matter(title: str, description: str, tags: list[str]) -> str:
    """Tags are the words people search with when they want whoever is on call (Material's search weighs tags)."""
    return (f'---\ntitle: "{title}"\ndescription: "{description}"\ntags: {json.dumps(tags)}\n'
            f"search:\n  boost: {_ONCALL_BOOST}\n---")


def sev_alias(sev: SeverityLevel) -> str:
    """P1 -> SEV1: the name other teams and paging tools use for the same level."""
    return "SEV" + sev.level[1:]


def severity_label(sev: SeverityLevel) -> str:
    return f"{sev.level} {sev.name}"


def severity_badge(sev: SeverityLevel) -> str:
    return f'<span class="rb-sev rb-sev--{sev.level.lower()}">{sev.level} {sev.name.lower()}</span>'


def team_link(team: Team, from_doc: str) -> str:
    return f"[{cell(team.name)}]({urls.link(from_doc, urls.ESCALATION_DOC, urls.team_anchor(team.key))})"


# ----------------------------------------------------------------------------------------------------------------------
# Contacts as links a phone can act on: tel:, mailto: and the paging tool's page
# ----------------------------------------------------------------------------------------------------------------------


def tel_href(phone: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def _a(href: str, text: str, cls: str) -> str:
    return f'<a class="rb-contact {cls}" href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def page_link(text: str, url: str | None) -> str:
    """The paging text, as a link to the paging tool when there is one."""
    return _a(url, text, "rb-contact--page") if url else cell(text)


def phone_link(phone: str | None) -> str:
    return _a(tel_href(phone), phone, "rb-contact--tel") if phone else ""


def mail_link(email: str) -> str:
    return _a(f"mailto:{email}", email, "rb-contact--mail")


def team_contact_line(team: Team) -> str:
    """Page · call · chat · mail, on one line (a table cell). The paging tool's name stays on the escalation page:
    written on every runbook, it made each runbook outrank the matrix in a search for "pagerduty"."""
    page = _a(team.pager_url, "Page", "rb-contact--page") if team.pager_url else cell(team.pager)
    parts = [page, phone_link(team.phone), cell(team.chat), mail_link(team.email)]
    return " · ".join(p for p in parts if p)


def escalation_path(sev: SeverityLevel, repo: Repository, from_doc: str) -> str:
    return " → ".join(team_link(repo.team(key), from_doc) for key in sev.escalation)


def update_rule(sev: SeverityLevel) -> str:
    return f"at least every {minutes(sev.update_minutes)}" if sev.update_minutes else "on each change of status"


def postmortem_rule(sev: SeverityLevel) -> str:
    return f"review within {sev.postmortem_days} days" if sev.postmortem_days else "when on-call had to intervene"


def _by_severity(repo: Repository) -> dict[str, list[Runbook]]:
    groups: dict[str, list[Runbook]] = {s.level: [] for s in repo.organisation.severities}
    for rb in sorted(repo.runbooks, key=lambda r: r.title.lower()):
        groups[rb.severity].append(rb)
    return groups


def _runbook_link(rb: Runbook, from_doc: str) -> str:
    return f"[{cell(rb.title)}]({urls.link(from_doc, urls.runbook_doc(rb.id))})"


# ----------------------------------------------------------------------------------------------------------------------
# Contacts (also a macro on hand-written pages)
# ----------------------------------------------------------------------------------------------------------------------


def contacts_table(org: Organisation) -> str:
    c = org.contacts
    rows = [f"| Page on-call | {page_link(c.oncall, c.oncall_url)} |"]
    if c.phone:
        rows.append(f"| Call on-call | {phone_link(c.phone)} |")
    rows += [f"| Incident chat | {cell(c.chat)} |", f"| Email | {mail_link(c.email)} |"]
    if c.status_page:
        rows.append(f"| Status page | {cell(c.status_page)} |")
    return "| How to reach on-call | Contact |\n|---|---|\n" + "\n".join(rows) + "\n"


def oncall_line(c: Contacts) -> str:
    """Page · call · chat: the one line the home page and the header show."""
    parts = [page_link(c.oncall, c.oncall_url), phone_link(c.phone), cell(c.chat), mail_link(c.email)]
    return " · ".join(p for p in parts if p)


def _team_section(team: Team, repo: Repository, doc: str) -> str:
    owns = [rb for rb in sorted(repo.runbooks, key=lambda r: r.title.lower()) if rb.owner == team.key]
    called = [rb for rb in sorted(repo.runbooks, key=lambda r: r.title.lower())
              if any(e.to == team.key for e in rb.escalation)]
    levels = [s.level for s in repo.organisation.severities if team.key in s.escalation]
    facts = [f"- **Page:** {page_link(team.pager, team.pager_url)}"]
    if team.phone:
        facts.append(f"- **Call:** {phone_link(team.phone)}")
    facts += [f"- **Chat:** {cell(team.chat)}", f"- **Email:** {mail_link(team.email)}"]
    if levels:
        facts.append(f"- **Escalation path of:** {', '.join(levels)}")
    lists = []
    if owns:
        lists.append(f"**Owns {len(owns)} runbook(s):** " + ", ".join(_runbook_link(rb, doc) for rb in owns))
    if called:
        lists.append(f"**Called from {len(called)} runbook(s):** " + ", ".join(_runbook_link(rb, doc) for rb in called))
    more = ""
    if lists:  # long lists of links: closed, so the contacts above them stay together on screen
        body = "\n\n".join(lists)
        more = f'??? note "Runbooks that name this team"\n\n    {body.replace(chr(10), chr(10) + "    ")}\n'
    return join_blocks(f"### {cell(team.name)} {{#{urls.team_anchor(team.key)}}}", "\n".join(facts), more)


# ----------------------------------------------------------------------------------------------------------------------
# Pages
# ----------------------------------------------------------------------------------------------------------------------


def severity_levels_page(repo: Repository) -> str:
    doc = urls.SEVERITY_DOC
    org = repo.organisation
    counts = _by_severity(repo)
    rows = "\n".join(
        f"| [{severity_label(s)}](#{urls.severity_anchor(s.level)}) | {cell(s.definition)} | "
        f"{minutes(s.response_minutes)} | {escalation_path(s, repo, doc)} |"
        for s in org.severities
    )
    sections = []
    for s in org.severities:
        matrix = urls.link(doc, urls.ESCALATION_DOC, f"runbooks-{urls.severity_anchor(s.level)}")
        facts = "\n".join([
            f"- **Respond within:** {minutes(s.response_minutes)}",
            f"- **Escalation path:** {escalation_path(s, repo, doc)}",
            f"- **Status updates:** {update_rule(s)}",
            f"- **Postmortem:** {postmortem_rule(s)}",
            f"- **Runbooks that default to {s.level}:** [{len(counts[s.level])}]({matrix})",
        ])
        examples = "\n".join(f"- {e}" for e in s.examples)
        sections.append(join_blocks(
            f"## {severity_label(s)} ({sev_alias(s)}) {{#{urls.severity_anchor(s.level)}}}",
            f"{severity_badge(s)} {s.definition}",
            facts,
            "**Examples**",
            examples,
            f"**Expected response:** {s.expected_response}",
        ))
    return join_blocks(
        _front_matter("Severity levels", "P1 to P4 (SEV1 to SEV4): what each means, how fast on-call answers and "
                      "whom to page.", ["SEV1", "SEV2", "SEV3", "SEV4", "On-call"]),
        "# Severity levels",
        "Set the severity when the incident starts, from what users see, not from what the cause turns out to be. "
        "Every runbook names the severity its problem has by default in production. P1 to P4 are what other "
        "teams call SEV1 to SEV4. Who to page for each: the "
        f"[escalation matrix]({urls.link(doc, urls.ESCALATION_DOC)}).",
        '!!! tip "Unsure between two levels? Pick the higher one."\n\n'
        "    Lowering the severity later costs nothing; answering a P1 late does.",
        "| Severity | Meaning | Respond within | Escalation path |\n|---|---|---|---|\n" + rows,
        *sections,
        f"<small>{_SOURCE_NOTE}</small>",
    )


def escalation_page(repo: Repository) -> str:
    doc = urls.ESCALATION_DOC
    org = repo.organisation
    groups = _by_severity(repo)
    matrix = "\n".join(
        f"| [{severity_label(s)}]({urls.link(doc, urls.SEVERITY_DOC, urls.severity_anchor(s.level))}) | "
        f"< {minutes(s.response_minutes)} | {escalation_path(s, repo, doc)} | "
        f"[{len(groups[s.level])}](#runbooks-{urls.severity_anchor(s.level)}) |"
        for s in org.severities
    )
    by_severity = []
    for s in org.severities:
        rbs = groups[s.level]
        rows = "\n".join(
            f"| {_runbook_link(rb, doc)} | {COMPONENT_TITLES[rb.component]} | {team_link(repo.team(rb.owner), doc)} | "
            + ", ".join(dict.fromkeys(team_link(repo.team(e.to), doc) for e in rb.escalation)) + " |"
            for rb in rbs
        )
        table = "| Runbook | Component | Owner | Escalates to |\n|---|---|---|---|\n" + rows if rbs else "None."
        by_severity.append(join_blocks(f"### {severity_label(s)} {{#runbooks-{urls.severity_anchor(s.level)}}}",
                                       table))
    return join_blocks(
        _front_matter("Escalation matrix", "Who to page when on-call: PagerDuty, phone, chat and email for every "
                      "team, and whom to call for a P1 (SEV1) to P4 incident.",
                      ["On-call", "Oncall", "PagerDuty", "Escalation", "Who to page"]),
        "# Escalation matrix",
        "Who to page, how fast, and in which order. If nobody on a step answers within the response time, "
        "page the next one.",
        "## Page on-call now {#contacts}",
        contacts_table(org),
        "## By severity {#by-severity}",
        "P1 to P4 are also called SEV1 to SEV4 ([severity levels]"
        f"({urls.link(doc, urls.SEVERITY_DOC)})).",
        "| Severity | Response time | Escalation path | Runbooks |\n|---|---|---|---|\n" + matrix,
        "## Teams {#teams}",
        *(_team_section(t, repo, doc) for t in org.teams),
        "## Runbooks by default severity {#runbooks-by-severity}",
        "Each runbook's own Escalation section says when to stop and call whom; this is the overview.",
        *by_severity,
        f"<small>{_SOURCE_NOTE}</small>",
    )


def roles_page(repo: Repository) -> str:
    doc = urls.ROLES_DOC
    org = repo.organisation

    def filled_by(key: str | None) -> str:
        return team_link(repo.team(key), doc) if key else "whoever the incident commander asks"

    rows = "\n".join(f"| [{cell(r.name)}](#{r.key}) | {cell(r.summary)} | {filled_by(r.filled_by)} |"
                     for r in org.roles)
    sections = [
        join_blocks(f"## {r.name} {{#{r.key}}}", r.summary, f"**Usually filled by:** {filled_by(r.filled_by)}",
                    "**Duties**", "\n".join(f"- {d}" for d in r.duties))
        for r in org.roles
    ]
    return join_blocks(
        '---\ntitle: "Incident roles"\n---',
        "# Incident roles",
        "Name the roles in the incident channel as soon as the incident is declared. In a small incident one "
        "person may hold several roles, but the incident commander does not also run the fix.",
        "| Role | In short | Usually filled by |\n|---|---|---|\n" + rows,
        *sections,
        f"<small>{_SOURCE_NOTE}</small>",
    )


def severity_summary(repo: Repository, *, from_doc: str) -> str:
    """A compact matrix for hand-written pages: level, response time, first call."""
    rows = "\n".join(
        f"| [{severity_label(s)}]({urls.link(from_doc, urls.SEVERITY_DOC, urls.severity_anchor(s.level))}) | "
        f"{cell(s.definition)} | < {minutes(s.response_minutes)} | {escalation_path(s, repo, from_doc)} |"
        for s in repo.organisation.severities
    )
    return "| Severity | Meaning | Respond within | Escalation path |\n|---|---|---|---|\n" + rows + "\n"
