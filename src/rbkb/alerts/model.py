"""The metric catalogue (data/metrics.yaml) and the alert definitions (data/alerts.yaml), typed.

Field docstrings become JSON Schema descriptions, so they are written for the people who edit those files.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..model import AlertName, CauseId, Component, Markdown, Severity, Slug, Text, _Model

MetricName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
LabelName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z_][a-zA-Z0-9_]*$")]
Url = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]
Duration = Annotated[str, StringConstraints(pattern=r"^([0-9]+(ms|s|m|h|d|w|y))+$")]
MetricType = Literal["counter", "gauge", "histogram", "summary"]
Exporter = Literal[
    "argocd-application-controller", "argocd-server", "argocd-repo-server", "argocd-applicationset-controller",
    "argocd-notifications-controller", "argo-rollouts", "kube-state-metrics", "ingress-nginx", "prometheus",
]

# P1-P4 -> the `severity` label Alertmanager routes on (kubernetes-mixin's values). P1 and P2 page someone now;
# P3 is for working hours; P4 is information. The exact priority travels too, as the `priority` label.
SEVERITY_LABEL: dict[str, str] = {"P1": "critical", "P2": "critical", "P3": "warning", "P4": "info"}

# Annotation text may only interpolate labels: then the expected text of every example is known exactly.
_TEMPLATE_RE = re.compile(r"\{\{(.*?)\}\}")
_LABEL_REF_RE = re.compile(r"^ \$labels\.([a-zA-Z_][a-zA-Z0-9_]*) $")


def label_refs(template: str) -> list[str]:
    """Label names a summary or description interpolates (`{{ $labels.name }}`), in order."""
    return [m.group(1) for part in _TEMPLATE_RE.findall(template) if (m := _LABEL_REF_RE.match(part))]


def render_template(template: str, labels: dict[str, str]) -> str:
    """What Prometheus makes of a label-only template (a missing label renders as an empty string)."""
    def value(m: re.Match[str]) -> str:
        ref = _LABEL_REF_RE.match(m.group(1))
        return labels.get(ref.group(1), "") if ref else m.group(0)

    return _TEMPLATE_RE.sub(value, template)


# ----------------------------------------------------------------------------------------------------------------------
# Metric catalogue
# ----------------------------------------------------------------------------------------------------------------------


class Label(_Model):
    """A label the exporter sets on a metric."""

    name: LabelName
    values: list[str] | None = Field(
        default=None, description="The closed set of values, when the exporter's code fixes them; omit otherwise.")


class Metric(_Model):
    """A metric that exists, with the labels its exporter's code sets."""

    name: MetricName
    type: MetricType
    help: Text
    labels: list[Label] = Field(default_factory=list)
    exporter: Exporter
    source: Url = Field(description="Documentation (or code, when the docs omit it) that proves the name and labels.")
    note: Markdown | None = Field(default=None, description="A trap or caveat worth knowing before using it.")

    def series_names(self) -> list[str]:
        """The names this metric is queried by: histograms and summaries expose several series."""
        if self.type == "histogram":
            return [f"{self.name}_bucket", f"{self.name}_sum", f"{self.name}_count"]
        if self.type == "summary":
            return [self.name, f"{self.name}_sum", f"{self.name}_count"]
        return [self.name]

    def label(self, name: str) -> Label | None:
        return next((lb for lb in self.labels if lb.name == name), None)


class Trap(_Model):
    """A metric name seen in blogs and public rules that no exporter has (or no longer has)."""

    name: MetricName
    instead: Markdown = Field(description="What to query instead.")
    source: Url


class Panel(_Model):
    """One dashboard panel: a PromQL query over catalogue metrics."""

    title: Text
    type: Literal["stat", "timeseries", "table"]
    expr: Text
    legend: Text | None = Field(default=None, description="Grafana legend format, e.g. `{{namespace}}/{{name}}`.")
    unit: Literal["short", "percentunit", "s", "reqps"] = "short"


class DashboardRow(_Model):
    title: Text
    panels: list[Panel] = Field(min_length=1)


class Dashboard(_Model):
    """The Grafana dashboard generated into deploy/grafana/."""

    uid: Slug
    title: Text
    rows: list[DashboardRow] = Field(min_length=1)


class MetricCatalogue(_Model):
    """Every metric alerts and dashboards may use, the names they must not use, and the dashboard."""

    metrics: list[Metric] = Field(min_length=1)
    traps: list[Trap] = Field(default_factory=list)
    dashboard: Dashboard

    def by_series_name(self) -> dict[str, Metric]:
        return {name: m for m in self.metrics for name in m.series_names()}

    def trap(self, name: str) -> Trap | None:
        return next((t for t in self.traps if t.name == name), None)


# ----------------------------------------------------------------------------------------------------------------------
# Alerts
# ----------------------------------------------------------------------------------------------------------------------


class InputSeries(_Model):
    """One input series of a promtool unit test, in promtool's own notation."""

    series: Text = Field(description='A series with all its labels, e.g. `rollout_info{namespace="shop",...}`.')
    values: Text = Field(description="promtool expanding notation, one sample per `interval`, e.g. `1x60` or `0+1x30`.")


class Example(_Model):
    """Input series and the moment to evaluate the alert at."""

    series: list[InputSeries] = Field(min_length=1)
    at: Duration = Field(description="Evaluation time from the start of the series, e.g. `30m`.")
    interval: Duration = Field(default="1m", description="Time between samples; day-long examples run faster at 5m.")


class FiringExample(Example):
    labels: dict[LabelName, str] = Field(
        description="Every label the firing alert carries besides alertname, severity and priority: the labels that "
                    "identify the object. The description must mention each one; `{}` for "
                    "an alert on the whole system (an absent controller).")


class Examples(_Model):
    """A case where the alert fires and a near miss where it must not: both run as promtool unit tests."""

    fires: FiringExample
    quiet: Example


class Alert(_Model):
    """One alerting rule, the runbook it sends people to, and the page that explains it."""

    name: AlertName
    group: Literal["argocd", "rollouts", "pods", "services", "ingress", "anomalies"]
    component: Component = Field(description="Where the problem lives; groups the alerts index.")
    expr: Text = Field(description="PromQL. Only metrics, labels and label values from data/metrics.yaml.")
    for_: Duration | None = Field(default=None, alias="for", description="How long the condition must hold.")
    severity: Severity = Field(description="P1-P4; the rule carries it as `priority` and maps it to `severity`.")
    summary: Text = Field(description="One line. May use `{{ $labels.<name> }}` and nothing else.")
    description: Text = Field(description="What fired, on which object. May use `{{ $labels.<name> }}` only.")
    runbook: Slug = Field(description="The runbook `runbook_url` opens; it must list this alert under `alerts:`.")
    cause: CauseId | None = Field(default=None, description="The runbook's cause section `runbook_url` opens at.")
    see_also: list[Slug] = Field(
        default_factory=list, description="Other runbooks for this alert; each must list it under `alerts:` too.")
    upstream: Text | None = Field(default=None, description="The public rule this corresponds to, if any.")
    meaning: Markdown = Field(description="What the alert means, in one paragraph.")
    impact: Markdown = Field(description="What users and deployments suffer while it fires.")
    diagnosis: Markdown | None = Field(default=None, description="What to look at first, beyond the runbook's checks.")
    mitigation: Markdown = Field(description="How to stop the bleeding before the root cause is fixed.")
    examples: Examples

    @field_validator("summary", "description")
    @classmethod
    def _labels_only(cls, text: str) -> str:
        for part in _TEMPLATE_RE.findall(text):
            if not _LABEL_REF_RE.match(part):
                raise ValueError(f"only `{{{{ $labels.<name> }}}}` may be interpolated, not `{{{{{part}}}}}`")
        if "{{" in _TEMPLATE_RE.sub("", text) or "}}" in _TEMPLATE_RE.sub("", text):
            raise ValueError("unbalanced `{{` or `}}`")
        return text

    @model_validator(mode="after")
    def _fires_labels_are_identifying(self) -> Alert:
        reserved = {"alertname", "severity", "priority"} & set(self.examples.fires.labels)
        if reserved:
            raise ValueError(f"examples.fires.labels must not set {sorted(reserved)}: the rule adds them")
        return self

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABEL[self.severity]




# ----------------------------------------------------------------------------------------------------------------------
# Notifications (Argo CD notifications and Argo Rollouts notifications, rendered into ConfigMaps)
# ----------------------------------------------------------------------------------------------------------------------

TriggerName = Annotated[str, StringConstraints(pattern=r"^on-[a-z]+(-[a-z]+)*$")]
TemplateName = Annotated[str, StringConstraints(pattern=r"^[a-z]+(-[a-z]+)*$")]


class ArgoCdTrigger(_Model):
    """A trigger in argocd-notifications-cm: a condition on the Application, evaluated on every change."""

    trigger: TriggerName
    template: TemplateName
    description: Text
    when: Text = Field(description="An expr-lang condition over `app`, e.g. `app.status.health.status == 'Degraded'`.")
    once_per: Text | None = Field(default=None, alias="oncePer",
                                  description="Send once per value of this field, e.g. the sync revision.")
    runbook: Slug = Field(description="The runbook the message links.")
    cause: CauseId | None = Field(default=None, description="The runbook's cause section the link opens at.")
    message: Text = Field(description="Go template over `.app`; the runbook link is appended.")


class RolloutsTrigger(_Model):
    """A trigger in argo-rollouts-notification-configmap. The controller fires it on the Rollout event whose reason
    it is named after (RolloutAborted -> on-rollout-aborted); it takes no condition."""

    trigger: TriggerName
    template: TemplateName
    runbook: Slug = Field(description="The runbook the message links.")
    cause: CauseId | None = Field(default=None, description="The runbook's cause section the link opens at.")
    message: Text = Field(description="Go template over `.rollout`; the runbook link is appended.")


class Notifications(_Model):
    argocd: list[ArgoCdTrigger] = Field(min_length=1)
    rollouts: list[RolloutsTrigger] = Field(min_length=1)


class AlertFile(_Model):
    """data/alerts.yaml: the alerting rules and the notification triggers that link the same runbooks."""

    alerts: list[Alert] = Field(min_length=1)
    notifications: Notifications

    def alert(self, name: str) -> Alert:
        return next(a for a in self.alerts if a.name == name)
