"""Pages rendered from data/organisation.yaml and the runbooks' severity, owner and escalation fields:
severity levels, the escalation matrix with every contact, and incident roles."""

from __future__ import annotations

from .. import urls
from ..model import COMPONENT_TITLES, Organisation, Repository, Runbook, SeverityLevel, Team
from .blocks import cell, join_blocks

_SOURCE_NOTE = "Generated from `data/organisation.yaml` and the runbooks; change it there."


def minutes(n: int) -> str:
    """15 -> "15 minutes", 60 -> "1 hour", 1440 -> "24 hours" (the guide's wording)."""
    if n % 60:
        return f"{n} minute{'s' * (n != 1)}"
    return f"{n // 60} hour{'s' * (n != 60)}"


def severity_label(sev: SeverityLevel) -> str:
    return f"{sev.level} {sev.name}"


def severity_badge(sev: SeverityLevel) -> str:
    return f'<span class="rb-sev rb-sev--{sev.level.lower()}">{sev.level} {sev.name.lower()}</span>'


def team_link(team: Team, from_doc: str) -> str:
    return f"[{cell(team.name)}]({urls.link(from_doc, urls.ESCALATION_DOC, urls.team_anchor(team.key))})"


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
    rows = [f"| On-call rotation | {cell(c.oncall)} |", f"| Incident chat | {cell(c.chat)} |",
            f"| Email | <{c.email}> |"]
    if c.status_page:
        rows.append(f"| Status page | {cell(c.status_page)} |")
    return "| How to reach on-call | |\n|---|---|\n" + "\n".join(rows) + "\n"


def _team_section(team: Team, repo: Repository, doc: str) -> str:
    owns = [rb for rb in sorted(repo.runbooks, key=lambda r: r.title.lower()) if rb.owner == team.key]
    called = [rb for rb in sorted(repo.runbooks, key=lambda r: r.title.lower())
              if any(e.to == team.key for e in rb.escalation)]
    levels = [s.level for s in repo.organisation.severities if team.key in s.escalation]
    facts = [f"- **Page:** {team.pager}", f"- **Chat:** {team.chat}", f"- **Email:** <{team.email}>"]
    if levels:
        facts.append(f"- **Escalation path of:** {', '.join(levels)}")
    if owns:
        facts.append(f"- **Owns {len(owns)} runbook(s):** " + ", ".join(_runbook_link(rb, doc) for rb in owns))
    if called:
        facts.append(f"- **Called from {len(called)} runbook(s):** "
                     + ", ".join(_runbook_link(rb, doc) for rb in called))
    return join_blocks(f"### {team.name} {{#{urls.team_anchor(team.key)}}}", "\n".join(facts))


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
            f"## {severity_label(s)} {{#{urls.severity_anchor(s.level)}}}",
            f"{severity_badge(s)} {s.definition}",
            facts,
            "**Examples**",
            examples,
            f"**Expected response:** {s.expected_response}",
        ))
    return join_blocks(
        '---\ntitle: "Severity levels"\n---',
        "# Severity levels",
        "Set the severity when the incident starts, from what users see, not from what the cause turns out to be. "
        "Every runbook names the severity its problem has by default in production.",
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
        '---\ntitle: "Escalation matrix"\n---',
        "# Escalation matrix",
        "Who to call, how fast, and in which order. If nobody on a step answers within the response time, "
        "call the next one.",
        "## By severity {#by-severity}",
        "| Severity | Response time | Escalation path | Runbooks |\n|---|---|---|---|\n" + matrix,
        "## Contacts {#contacts}",
        contacts_table(org),
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
