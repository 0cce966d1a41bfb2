"""Communication templates and their timing rules, with the contacts and cadence from data/organisation.yaml.

The templates' own placeholders are written `[LIKE THIS]` inside text blocks of a generated page: no template
engine ever sees them.
"""

from __future__ import annotations

from .. import urls
from ..model import Repository
from .blocks import join_blocks
from .organisation import minutes, postmortem_rule, severity_label, update_rule

# PagerDuty's external communication guidelines: first post within 5 minutes of starting the call, scope within
# the next 5, updates every 20 minutes for the first two hours (response.pagerduty.com, "During an incident").
FIRST_POST_MINUTES = 5
SCOPE_POST_MINUTES = 5
LONG_INCIDENT_HOURS = 2


def _template(title: str, anchor: str, when: str, body: str) -> str:
    return join_blocks(f"### {title} {{#{anchor}}}", when, f"```text\n{body.strip()}\n```")


def communication_page(repo: Repository) -> str:
    doc = urls.COMMUNICATION_DOC
    org = repo.organisation
    chat = org.contacts.chat
    status_page = org.contacts.status_page or "the status page"
    cadence = "\n".join(
        f"| [{severity_label(s)}]({urls.link(doc, urls.SEVERITY_DOC, urls.severity_anchor(s.level))}) | "
        f"{update_rule(s)} | {postmortem_rule(s)} |"
        for s in org.severities
    )
    rules = "\n".join([
        f"1. **First message within {FIRST_POST_MINUTES} minutes** of declaring the incident, straight from the "
        "template: do not wait until you know the cause.",
        f"2. **Scope within the next {SCOPE_POST_MINUTES} minutes:** who is affected, which services, which "
        "clusters or regions.",
        "3. **Updates on the cadence below**, each saying when the next one comes. Post one even when nothing "
        "changed: silence reads as nobody working on it.",
        f"4. **After {LONG_INCIDENT_HOURS} hours**, agree a slower cadence (hourly) and say so in an update.",
        "5. **The resolved message** says whether any data was lost and whether any impact lingers.",
    ])
    internal = [
        _template("First message", "internal-first", f"Post in {chat} when the incident is declared.", f"""
[SEVERITY] incident: [ONE LINE: WHAT IS BROKEN]
Impact: [WHO OR WHAT IS AFFECTED, AND HOW]
Started: [HH:MM UTC] · Detected by: [ALERT NAME OR PERSON]
Incident commander: [NAME] · Runbook: [RUNBOOK URL]
Working in {chat}. Please keep this channel for the response; questions to [COMMUNICATIONS NAME].
Next update: [HH:MM UTC]"""),
        _template("Update", "internal-update", "Post on the cadence of the severity, in the same thread.", """
[SEVERITY] update [N]: [ONE LINE: WHAT IS BROKEN]
Status: investigating | identified | mitigating | monitoring
What we know: [CAUSE OR LEADING HYPOTHESIS, AND HOW IT WAS CONFIRMED]
What we are doing: [CURRENT ACTION, E.G. ABORTING THE ROLLOUT]
Impact now: [UNCHANGED | SMALLER | LARGER: DETAIL]
Next update: [HH:MM UTC]"""),
        _template("Resolved", "internal-resolved", "Post when the incident commander declares the incident over.", """
RESOLVED [SEVERITY]: [ONE LINE: WHAT WAS BROKEN]
Impact: [FROM HH:MM TO HH:MM UTC], [WHO WAS AFFECTED]. Data lost: [NONE | DETAIL]
Fixed by: [WHAT ENDED THE IMPACT]
Lingering: [NONE | WHAT IS STILL DEGRADED AND WHO IS ON IT]
Postmortem: [OWNER], review by [DATE]"""),
    ]
    external = [
        _template("First message", "status-first", f"Publish on {status_page} within {FIRST_POST_MINUTES} minutes.", """
Investigating: [SERVICE NAME] is [UNAVAILABLE | SLOW | RETURNING ERRORS] for [SOME | ALL] users
since [HH:MM UTC]. We are investigating and will post an update by [HH:MM UTC]."""),
        _template("Update", "status-update", "Publish on the same cadence as internal updates; no internal detail.", """
[IDENTIFIED | MONITORING]: We have found the cause of the [ERRORS | SLOWNESS] in [SERVICE NAME]
and are [ROLLING BACK A CHANGE | APPLYING A FIX]. [WHAT USERS CAN DO MEANWHILE, IF ANYTHING.]
Next update by [HH:MM UTC]."""),
        _template("Resolved", "status-resolved", "Publish once impact has ended and monitoring confirms it.", """
Resolved: From [HH:MM] to [HH:MM UTC], [SERVICE NAME] [WAS UNAVAILABLE | RETURNED ERRORS] for
[SOME | ALL] users. The cause has been fixed. [NO DATA WAS LOST | DETAIL OF DATA LOST].
We are reviewing the incident to prevent it happening again."""),
    ]
    return join_blocks(
        '---\ntitle: "Communication templates"\n---',
        "# Communication templates",
        "The communications role posts these; the incident commander approves the first one. Copy a template, "
        "replace every `[BRACKETED]` part, and post it.",
        "## Timing rules {#timing}",
        rules,
        "| Severity | Updates | Postmortem |\n|---|---|---|\n" + cadence,
        f"Response times: {', '.join(f'{s.level} {minutes(s.response_minutes)}' for s in org.severities)} "
        f"([escalation matrix]({urls.link(doc, urls.ESCALATION_DOC)})).",
        f"## Internal: {chat} {{#internal}}",
        *internal,
        "## Status page {#status-page}",
        "For customers: no names, no internal systems, no guesses about the cause.",
        *external,
        "<small>Generated from `data/organisation.yaml` (contacts and cadence); change it there.</small>",
    )
