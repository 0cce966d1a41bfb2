"""The typed runbook model: one source for the site, the linter, the executor and every other view.

Field docstrings become the JSON Schema descriptions that editors show while a runbook is written,
so they are written for runbook authors.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from .placeholders import DOC_PLACEHOLDER_RE
from .placeholders import PLACEHOLDER_RE as PLACEHOLDER_RE  # importable from here, as before

# ----------------------------------------------------------------------------------------------------------------------
# Vocabulary
# ----------------------------------------------------------------------------------------------------------------------

Component = Literal["argocd", "rollouts", "kubernetes", "ingress", "gateway-api", "prometheus"]
Severity = Literal["P1", "P2", "P3", "P4"]

COMPONENT_TITLES: dict[str, str] = {
    "argocd": "Argo CD",
    "rollouts": "Argo Rollouts",
    "kubernetes": "Kubernetes workloads",
    "ingress": "Ingress and traffic",
    "gateway-api": "Gateway API",
    "prometheus": "Prometheus and analysis",
}

ParameterKind = Literal[
    "namespace",  # DNS-1123 label
    "name",  # DNS-1123 subdomain: most Kubernetes object names
    "label-selector",
    "url",
    "host",
    "port",
    "integer",
    "duration",
    "image",
    "text",
]

SignalKind = Literal["status", "event_reason", "condition", "error_message", "log_line", "http_status"]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
CauseId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$", max_length=60)]
ParamName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=40)]
RuleId = Annotated[str, StringConstraints(pattern=r"^(RB\d{3}|SC\d{4})$")]
AlertName = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z0-9]+$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Markdown = Annotated[str, StringConstraints(min_length=1)]
ShellCommand = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

# `<name>` in a command stands for a declared parameter (rbkb.placeholders.PLACEHOLDER_RE).


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


# ----------------------------------------------------------------------------------------------------------------------
# Building blocks
# ----------------------------------------------------------------------------------------------------------------------


class LintSuppression(_Model):
    """Silence named lint rules on one command. A reason is required, and reviewed like code."""

    ignore: list[RuleId] = Field(min_length=1, description="Rule ids to silence, e.g. RB402 or SC2086.")
    reason: Annotated[str, StringConstraints(min_length=10)] = Field(description="Why the rule does not apply here.")


# Which program prints a signature's text, and where: the paste box and `runbook diagnose` say so next to a match.
SignatureTool = Literal[
    "kubectl",  # kubectl get/describe output and kubectl's own errors
    "kubernetes-event",  # an Event from the kubelet, scheduler or a built-in controller (kubectl describe, get events)
    "argocd-cli",  # the argocd command's output and errors (`FATA[...] rpc error: ...`)
    "argocd-condition",  # an Application's status conditions and operation message (CLI, UI, kubectl)
    "argocd-log",  # Argo CD controller, server, repo-server or ApplicationSet controller log
    "rollouts-cli",  # kubectl argo rollouts get/status output
    "rollouts-status",  # a Rollout's or AnalysisRun's status message and conditions
    "rollouts-event",  # an Event the Argo Rollouts controller records
    "rollouts-log",  # the Argo Rollouts controller log
    "ingress-log",  # ingress-nginx (or another ingress controller) log
    "gateway-api",  # Gateway API status conditions
    "prometheus",  # Prometheus or a query's result
    "cert-manager",  # cert-manager resources, events and log
    "application",  # the workload's own log or a client such as curl, nslookup or a browser
]

# `argo-cd: ">=2.5,<3.0"`: products whose versions change behaviour or wording, and a PEP 440 style range.
Product = Literal["argo-cd", "argo-rollouts", "kubernetes", "ingress-nginx", "cert-manager", "gateway-api"]
PRODUCT_TITLES: dict[str, str] = {
    "argo-cd": "Argo CD",
    "argo-rollouts": "Argo Rollouts",
    "kubernetes": "Kubernetes",
    "ingress-nginx": "ingress-nginx",
    "cert-manager": "cert-manager",
    "gateway-api": "Gateway API",
}
VersionSpec = Annotated[
    str,
    StringConstraints(pattern=r"^(>=|<=|==|!=|>|<)\s*\d+(\.\d+){0,2}(\s*,\s*(>=|<=|==|!=|>|<)\s*\d+(\.\d+){0,2})*$"),
]
Versions = dict[Product, VersionSpec]
VERSIONS_DESCRIPTION = (
    "The versions this applies to, when behaviour or wording changed: product -> range, "
    'e.g. `{argo-rollouts: ">=1.8"}` or `{argo-cd: ">=2.5,<3.0"}`. Shown on the page and the card.'
)


class Example(_Model):
    """A verbatim line as a tool printed it, and where it was published."""

    text: Text = Field(description="Copied character for character from the source; it must match its signature.")
    source: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] = Field(
        description="The public page (issue, docs, source file at a commit) the line was copied from."
    )


class Signal(_Model):
    """Something an engineer sees and could paste into search: a status, an event reason, an error text.

    A signal that names a `cause` is also a signature: `runbook diagnose`, `runbook run` and the site's paste box
    recognise that cause when the text (or `pattern`) appears in pasted output.
    """

    kind: SignalKind
    text: Text = Field(description="The exact text as the tool prints it, e.g. `ImagePullBackOff`.")
    where: Text | None = Field(default=None, description="Where it shows up, e.g. `kubectl get pods` STATUS column.")
    cause: CauseId | None = Field(
        default=None,
        description="The cause (one of this runbook's causes) this text points at; makes the signal a signature.",
    )
    tool: SignatureTool | None = Field(default=None, description="Which program prints it. Required with `cause`.")
    pattern: str | None = Field(
        default=None,
        description="A regular expression (the subset Python and JavaScript agree on) used instead of `text` when "
        "the printed text varies, e.g. names or numbers in it. Without it, `text` is matched literally.",
    )
    ignore_case: bool = Field(default=False, description="Match regardless of letter case.")
    also: str | None = Field(
        default=None, description="A second expression the same line must also match, e.g. the tool's name."
    )
    unless: str | None = Field(
        default=None, description="A line that also matches this expression is not evidence (another cause owns it)."
    )
    confidence: float = Field(
        default=0.8, gt=0, le=1, description="How surely this text alone proves the cause, 0-1 (0.9: nearly always)."
    )
    versions: Versions | None = Field(default=None, description=VERSIONS_DESCRIPTION)
    example: Example | None = Field(
        default=None, description="A real line that shows this text, with its source. Required with `cause`."
    )


class Symptoms(_Model):
    """What the person on call notices."""

    summary: Markdown = Field(description="Prose: what is failing, as the user experiences it.")
    signals: list[Signal] = Field(min_length=1)


class Parameter(_Model):
    """A value the reader supplies; used in commands as `<name>`."""

    name: ParamName
    kind: ParameterKind
    description: Text
    example: Text = Field(description="A realistic value, shown in the parameter table.")
    default: Text | None = Field(default=None, description="Used when the reader gives no value, e.g. `argocd`.")


class Capture(_Model):
    """A value a check's output provides, so `runbook run` fills it in for the steps after it."""

    parameter: ParamName = Field(description="The declared parameter the value fills, e.g. `pod-hash`.")
    pattern: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(
        description="A regular expression (Python syntax) with exactly one group, searched in the command's "
        "standard output; the group of the first match is the value, e.g. `hash=([a-z0-9]+)`."
    )

    @field_validator("pattern")
    @classmethod
    def _one_group(cls, value: str) -> str:
        try:
            groups = re.compile(value).groups
        except re.error as e:
            raise ValueError(f"not a regular expression: {e}") from None
        if groups != 1:
            raise ValueError(f"needs exactly one group, (...) around the value; it has {groups}")
        return value


class Diagnostic(_Model):
    """One read-only check, in the order an expert would run it."""

    id: Slug
    title: Text
    command: ShellCommand = Field(description="Read-only command; `<param>` placeholders must be declared.")
    look_for: Markdown = Field(description="What in the output matters and what it means.")
    captures: list[Capture] = Field(
        default_factory=list,
        description="Values this check reads for the checks after it, such as the new revision's pod hash: "
        "`runbook run` takes them from the output instead of asking the reader up front, and checks each against "
        "its parameter's kind first. A value given with `--set` wins; when nothing matches, the reader is asked.",
    )
    versions: Versions | None = Field(default=None, description=VERSIONS_DESCRIPTION)
    lint: LintSuppression | None = None


class Confirm(_Model):
    """How to prove a cause: one check and the evidence it shows."""

    command: ShellCommand
    evidence: Markdown = Field(description="The output that proves this cause, as it appears.")
    lint: LintSuppression | None = None


class FixStep(_Model):
    """One step of a fix. Steps that change the cluster are marked on the page from their command."""

    title: Text
    command: ShellCommand | None = Field(default=None, description="Omit for steps done in Git or a console.")
    details: Markdown | None = None
    warning: Markdown | None = Field(
        default=None,
        description="Required for destructive commands: what it destroys and what to check first.",
    )
    versions: Versions | None = Field(default=None, description=VERSIONS_DESCRIPTION)
    lint: LintSuppression | None = None


class Cause(_Model):
    """A cause from the shared catalogue, with its proof, fix, root cause and prevention for this problem."""

    id: CauseId = Field(description="An id from data/causes.yaml.")
    title: Text | None = Field(default=None, description="Overrides the catalogue title for this runbook.")
    versions: Versions | None = Field(default=None, description=VERSIONS_DESCRIPTION)
    confirm: Confirm
    fix: list[FixStep] = Field(min_length=1)
    root_cause: Markdown
    prevention: list[Markdown] = Field(min_length=1)


class Escalation(_Model):
    """When to stop and call someone, and whom (a team key from data/organisation.yaml)."""

    when: Markdown
    to: Slug


class Source(_Model):
    """Official documentation the content rests on."""

    title: Text
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")]


# ----------------------------------------------------------------------------------------------------------------------
# Runbook
# ----------------------------------------------------------------------------------------------------------------------


class Runbook(_Model):
    """One problem, from symptom to fix."""

    id: Slug = Field(description="Equal to the file name without .yaml; part of the page URL.")
    title: Text
    summary: Markdown = Field(description="One or two sentences: what this runbook resolves.")
    component: Component
    severity: Severity = Field(description="Default incident severity when this problem hits production.")
    tags: list[Slug] = Field(default_factory=list)
    owner: Slug = Field(description="Team key from data/organisation.yaml that keeps this runbook true.")
    last_verified: dt.date
    symptoms: Symptoms
    parameters: list[Parameter] = Field(default_factory=list)
    quick_check: list[Slug] = Field(
        min_length=1, max_length=3, description="Ids of the 1-3 diagnostics that settle it fastest."
    )
    diagnostics: list[Diagnostic] = Field(min_length=1)
    causes: list[Cause] = Field(min_length=1)
    escalation: list[Escalation] = Field(min_length=1)
    related: list[Slug] = Field(default_factory=list, description="Ids of related runbooks.")
    alerts: list[AlertName] = Field(default_factory=list, description="Alert names that link to this runbook.")
    sources: list[Source] = Field(min_length=1)

    def diagnostic(self, step_id: str) -> Diagnostic:
        return next(d for d in self.diagnostics if d.id == step_id)

    def parameter(self, name: str) -> Parameter:
        return next(p for p in self.parameters if p.name == name)


# ----------------------------------------------------------------------------------------------------------------------
# Catalogue and organisation (each one file in data/)
# ----------------------------------------------------------------------------------------------------------------------


class CatalogueCause(_Model):
    """A cause that several runbooks, the analyzer and the alerts refer to by id."""

    id: CauseId
    title: Text
    component: Component
    summary: Markdown
    runbook: Slug | None = Field(
        default=None, description="The runbook whose section on this cause `runbook diagnose` links to."
    )
    in_output: bool = Field(
        default=True,
        description="False for a cause no tool prints a recognisable text for (e.g. a memory leak), so it needs no "
        "signature.",
    )
    signature_wanted: Text | None = Field(
        default=None,
        description="Why this cause, which does show in output, has no signature yet: what was searched and not found. "
        "Remove it once a runbook signal names the cause.",
    )


class CauseCatalogue(_Model):
    causes: list[CatalogueCause] = Field(min_length=1)


Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")]
# A number as dialled from anywhere: `+`, country code, then digits with optional spaces, dots or dashes.
Phone = Annotated[str, StringConstraints(pattern=r"^\+[1-9][0-9]{0,3}(?:[ .-]?[0-9]){4,14}$")]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s\"'<>]+$")]


class Team(_Model):
    """A team or role people escalate to."""

    key: Slug
    name: Text
    chat: Text = Field(description="Chat channel, e.g. #deployments.")
    email: Email
    pager: Text = Field(description="How to page them: rotation tool and schedule.")
    pager_url: HttpsUrl | None = Field(
        default=None, description="Where the page link goes: the rotation or escalation policy in the paging tool, "
        "or the service catalogue that lists each service's rotation.")
    phone: Phone | None = Field(default=None, description="A number to call, international form: +44 20 7946 0000.")


class Contacts(_Model):
    """How anyone reaches the people on call. The defaults are the guide's placeholders: replace them."""

    oncall: Text = Field(default="[PagerDuty/phone number]",
                         description="On-call rotation tool and schedule, or a phone number.")
    oncall_url: HttpsUrl | None = Field(default=None, description="Link to page on-call: the rotation in the paging "
                                        "tool, or its incident form.")
    phone: Phone | None = Field(default=None, description="The on-call phone number, international form.")
    chat: Text = Field(default="#deployments", description="The incident chat channel.")
    email: Email = "ops@company.com"
    status_page: Text | None = Field(default=None, description="Where customers read incident updates.")


class SeverityLevel(_Model):
    """One incident severity: what it means, how fast someone answers, and who is called in which order."""

    level: Severity
    name: Text = Field(description="One word, e.g. Critical.")
    definition: Markdown
    examples: list[Markdown] = Field(min_length=1)
    response_minutes: int = Field(gt=0, description="Time to first response.")
    escalation: list[Slug] = Field(min_length=1, description="Team keys, in the order they are called.")
    expected_response: Markdown
    update_minutes: int | None = Field(default=None, gt=0,
                                       description="Post an update at least this often; omit for: on each change.")
    postmortem_days: int | None = Field(default=None, gt=0,
                                        description="Hold the postmortem review within this many days, if required.")


class IncidentRole(_Model):
    """A role someone holds during an incident. One person may hold several in a small incident."""

    key: Slug
    name: Text
    summary: Markdown
    duties: list[Markdown] = Field(min_length=1)
    filled_by: Slug | None = Field(default=None, description="Team key that usually fills the role.")


def _guide_severities() -> list[SeverityLevel]:
    """The guide's escalation matrix (P1 < 15 min ... P4 < 24 h); update cadence and review deadlines as PagerDuty's."""
    def level(lv: Severity, name: str, minutes: int, path: list[str], update: int | None, review: int | None,
              definition: str, examples: list[str], response: str) -> SeverityLevel:
        return SeverityLevel(level=lv, name=name, definition=definition, examples=examples, response_minutes=minutes,
                             escalation=path, expected_response=response, update_minutes=update,
                             postmortem_days=review)

    return [
        level("P1", "Critical", 15, ["platform-oncall", "team-lead", "engineering-manager"], 20, 3,
              "Production is down or failing for most users, or data is at risk, and there is no workaround.",
              ["A promoted version returns errors for every request.", "No ingress routes traffic."],
              "Page on-call now. Name an incident commander. Roll back first, diagnose after."),
        level("P2", "High", 60, ["platform-team", "platform-oncall"], 20, 7,
              "Production is degraded for some users, or deploying and rolling back production is blocked.",
              ["A canary on a bad version is stuck serving part of the traffic.",
               "Argo CD cannot sync any application."],
              "On-call takes it. Stop further promotions; roll back if the last change is the cause."),
        level("P3", "Medium", 240, ["platform-team", "team-lead"], None, None,
              "A deploy is stuck or failing, but production keeps serving the previous version.",
              ["A Rollout does not start after a change.", "Analysis fails on a query that returns nothing."],
              "Handle in working hours; no page out of hours. Track it in a ticket."),
        level("P4", "Low", 1440, ["platform-team"], None, None,
              "No user impact: a non-production environment, a noisy alert, or a wrong page.",
              ["A staging application drifts OutOfSync.", "A runbook command no longer matches the CLI."],
              "Ticket, handled within a working day."),
    ]


def _default_roles() -> list[IncidentRole]:
    return [
        IncidentRole(key="incident-commander", name="Incident commander", filled_by="platform-oncall",
                     summary="Runs the incident and decides; does not fix.",
                     duties=["Set the severity.", "Assign the other roles.", "Decide on rollbacks.",
                             "Declare the incident resolved."]),
        IncidentRole(key="scribe", name="Scribe", summary="Writes down what happens, when.",
                     duties=["Keep the timeline in UTC.", "Record decisions and who made them."]),
        IncidentRole(key="communications", name="Communications", summary="Keeps everyone outside the fix informed.",
                     duties=["Post updates on time.", "Answer questions so responders need not."]),
        IncidentRole(key="subject-expert", name="Subject experts", filled_by="platform-team",
                     summary="Diagnose and fix, as the incident commander directs.",
                     duties=["Run the runbook's checks.", "Propose and carry out fixes."]),
    ]


class Organisation(_Model):
    """Filled in once by the team: who is called, how, and how fast.

    Only `name` and `teams` are required: files written before contacts, severities and roles existed
    get the guide's defaults for those.
    """

    name: Text
    teams: list[Team] = Field(min_length=1)
    contacts: Contacts = Field(default_factory=Contacts)
    severities: list[SeverityLevel] = Field(default_factory=_guide_severities,
                                            description="Exactly one entry for each of P1, P2, P3 and P4.")
    roles: list[IncidentRole] = Field(default_factory=_default_roles, min_length=1)
    review_period_days: int = Field(default=90, gt=0,
                                    description="A runbook whose last_verified is older than this needs review.")

    @field_validator("severities")
    @classmethod
    def _one_of_each_severity(cls, severities: list[SeverityLevel]) -> list[SeverityLevel]:
        levels = [s.level for s in severities]
        if levels != ["P1", "P2", "P3", "P4"]:
            raise ValueError(f"list P1, P2, P3 and P4 once each, in that order (found {', '.join(levels) or 'none'})")
        return severities

    def severity(self, level: str) -> SeverityLevel:
        return next(s for s in self.severities if s.level == level)


# ----------------------------------------------------------------------------------------------------------------------
# The loaded whole
# ----------------------------------------------------------------------------------------------------------------------


class Repository(_Model):
    """Everything loaded and cross-checked: what every renderer and command works from."""

    runbooks: tuple[Runbook, ...]
    catalogue: CauseCatalogue
    organisation: Organisation
    sources: dict[str, str] = Field(default_factory=dict, description="Runbook id -> file path, for messages.")

    def runbook(self, runbook_id: str) -> Runbook:
        return next(rb for rb in self.runbooks if rb.id == runbook_id)

    def cause(self, cause_id: str) -> CatalogueCause:
        return next(c for c in self.catalogue.causes if c.id == cause_id)

    def team(self, key: str) -> Team:
        return next(t for t in self.organisation.teams if t.key == key)

    def by_component(self) -> dict[str, list[Runbook]]:
        groups: dict[str, list[Runbook]] = {c: [] for c in COMPONENT_TITLES}
        for rb in sorted(self.runbooks, key=lambda r: r.title.lower()):
            groups[rb.component].append(rb)
        return {c: rbs for c, rbs in groups.items() if rbs}


def cause_title(cause: Cause, repo: Repository) -> str:
    return cause.title or repo.cause(cause.id).title


def commands_of(rb: Runbook) -> list[tuple[str, str, LintSuppression | None]]:
    """Every command in a runbook with its field path, in page order."""
    found: list[tuple[str, str, LintSuppression | None]] = []
    for i, d in enumerate(rb.diagnostics):
        found.append((f"diagnostics.{i}.command", d.command, d.lint))
    for i, c in enumerate(rb.causes):
        found.append((f"causes.{i}.confirm.command", c.confirm.command, c.confirm.lint))
        for j, step in enumerate(c.fix):
            if step.command:
                found.append((f"causes.{i}.fix.{j}.command", step.command, step.lint))
    return found


def placeholders(command: str) -> list[str]:
    """Every `<word>` in a command. A documentation-style `<APPNAME>` is listed too, so the loader reports it as
    undeclared (RB009) instead of bash reading it as a redirection when the runbook runs."""
    return DOC_PLACEHOLDER_RE.findall(command)
