"""Alert definitions -> site pages: one page per alert, the alerts index, and the monitoring page with downloads."""

from __future__ import annotations

import json
import posixpath
import re

from .. import urls
from ..alerts.load import AlertSet
from ..alerts.model import SEVERITY_LABEL, Alert, Metric
from ..model import COMPONENT_TITLES, Repository, cause_title
from .alerts_files import generated_files
from .blocks import cell, code_cell, command_block, join_blocks, md

ALERT_INDEX_DOC = "alerts/index.md"
MONITORING_DOC = "alerts/monitoring.md"
DOWNLOAD_DIR = "alerts/files"


def download_doc(path: str) -> str:
    """Where a generated deploy/ file is served on the site, so air-gapped readers can download it."""
    return f"{DOWNLOAD_DIR}/{posixpath.basename(path)}"


def alert_site(alert_set: AlertSet, repo: Repository, site_url: str) -> dict[str, str]:
    """Every page and download file the alerts add to the site, by docs-relative path."""
    pages = {ALERT_INDEX_DOC: alerts_index(alert_set, repo),
             MONITORING_DOC: monitoring_page(alert_set, repo, site_url)}
    pages.update({urls.alert_doc(a.name): alert_page(a, alert_set, repo) for a in alert_set.alerts.alerts})
    pages.update({download_doc(path): text for path, text in generated_files(alert_set, site_url).items()
                  if not path.startswith("deploy/prometheus/tests/")})
    return pages


def _front_matter(title: str, description: str, boost: float | None = None) -> str:
    """`boost` below 1 keeps an overview page (the monitoring page names every alert and metric) below the runbooks
    in search."""
    search = f"\nsearch:\n  boost: {boost}" if boost is not None else ""
    return (f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(' '.join(description.split()))}"
            f"{search}\n---")


def _placeholders(template: str) -> str:
    """A summary with `{{ $labels.x }}` shown as ‹x›, for tables."""
    return re.sub(r"\{\{ \$labels\.(\w+) \}\}", r"‹\1›", template)


def _runbook_link(alert: Alert, repo: Repository, from_doc: str) -> str:
    rb = repo.runbook(alert.runbook)
    anchor = urls.cause_anchor(alert.cause) if alert.cause else ""
    text = cell(rb.title)
    if alert.cause:
        text += " › " + cell(cause_title(next(c for c in rb.causes if c.id == alert.cause), repo))
    return f"[{text}]({urls.link(from_doc, urls.runbook_doc(rb.id), anchor)})"


# ----------------------------------------------------------------------------------------------------------------------
# One alert
# ----------------------------------------------------------------------------------------------------------------------


def alert_page(alert: Alert, alert_set: AlertSet, repo: Repository) -> str:
    doc = urls.alert_doc(alert.name)
    held = f" · fires after {alert.for_}" if alert.for_ else " · fires at once"
    meta = (f'<span class="rb-sev rb-sev--{alert.severity.lower()}">{alert.severity} {alert.severity_label}</span> '
            f"{COMPONENT_TITLES[alert.component]}{held} · [all alerts]({urls.link(doc, ALERT_INDEX_DOC)})")
    return join_blocks(
        _front_matter(alert.name, alert.meaning),
        f"# {alert.name}",
        meta,
        f"**Fix it:** {_runbook_link(alert, repo, doc)}",
        "## Meaning {#meaning}", md(alert.meaning),
        "## Impact {#impact}", md(alert.impact),
        _diagnosis(alert, repo, doc),
        _mitigation(alert, repo, doc),
        _runbooks(alert, repo, doc),
        _rule(alert),
    )


def _diagnosis(alert: Alert, repo: Repository, doc: str) -> str:
    rb = repo.runbook(alert.runbook)
    params = {p.name: p for p in rb.parameters}
    steps = []
    for n, step_id in enumerate(rb.quick_check, 1):
        d = rb.diagnostic(step_id)
        link = urls.link(doc, urls.runbook_doc(rb.id), urls.check_anchor(d.id))
        steps.append(join_blocks(f"**{n}. {cell(d.title)}** ([what to look for]({link}))",
                                 command_block(d.command, params)))
    confirm = ""
    if alert.cause:
        cause = next(c for c in rb.causes if c.id == alert.cause)
        confirm = join_blocks(f"**Confirm: {cell(cause_title(cause, repo))}**",
                              command_block(cause.confirm.command, params),
                              md(cause.confirm.evidence))
    labels = ", ".join(f"`{label}`" for label in alert.examples.fires.labels)
    where = f"The alert's labels {labels} name the object; put them in for the placeholders." if labels else ""
    return join_blocks("## Diagnosis {#diagnosis}", md(alert.diagnosis or ""), where,
                       f"The quick checks of the runbook *{cell(rb.title)}*:", *steps, confirm)


def _mitigation(alert: Alert, repo: Repository, doc: str) -> str:
    fix = ""
    if alert.cause:
        rb = repo.runbook(alert.runbook)
        cause = next(c for c in rb.causes if c.id == alert.cause)
        link = urls.link(doc, urls.runbook_doc(rb.id), urls.cause_anchor(cause.id))
        titles = "\n".join(f"{n}. {cell(step.title)}" for n, step in enumerate(cause.fix, 1))
        fix = join_blocks(f"The runbook's fix for this cause ([steps and commands]({link})):", titles)
    return join_blocks("## Mitigation {#mitigation}", alert.mitigation, fix)


def _runbooks(alert: Alert, repo: Repository, doc: str) -> str:
    items = [f"- {_runbook_link(alert, repo, doc)} (the alert's `runbook_url`)"]
    items += [f"- [{cell(repo.runbook(r).title)}]({urls.link(doc, urls.runbook_doc(r))})" for r in alert.see_also]
    return join_blocks("## Runbooks {#runbooks}", "\n".join(items))


def _rule(alert: Alert) -> str:
    rows = [f"| For | {code_cell(alert.for_) if alert.for_ else 'fires on the first evaluation'} |",
            f"| Labels | {code_cell(f'severity={alert.severity_label}')} {code_cell(f'priority={alert.severity}')} |",
            f"| Summary | {code_cell(alert.summary)} |",
            f"| Description | {code_cell(alert.description)} |"]
    if alert.upstream:
        rows.append(f"| Public equivalent | {cell(alert.upstream)} |")
    return join_blocks("## Rule {#rule}", f"```promql\n{alert.expr.strip()}\n```",
                       "| | |\n|---|---|\n" + "\n".join(rows))


# ----------------------------------------------------------------------------------------------------------------------
# Index and monitoring page
# ----------------------------------------------------------------------------------------------------------------------

_SEVERITY_MEANING = {"P1": "page now", "P2": "page now", "P3": "working hours", "P4": "information, no page"}


def severity_table() -> str:
    rows = [f"| {p} | `{label}` | {_SEVERITY_MEANING[p]} |" for p, label in SEVERITY_LABEL.items()]
    return "| Priority (`priority` label) | `severity` label | Means |\n|---|---|---|\n" + "\n".join(rows)


def alerts_index(alert_set: AlertSet, repo: Repository) -> str:
    doc = ALERT_INDEX_DOC
    sections = []
    for component, title in COMPONENT_TITLES.items():
        alerts = [a for a in alert_set.alerts.alerts if a.component == component]
        if not alerts:
            continue
        rows = [f"| [{a.name}]({urls.link(doc, urls.alert_doc(a.name))}) | {a.severity} "
                f"| {cell(_placeholders(a.summary))} | {_runbook_link(a, repo, doc)} |" for a in alerts]
        sections.append(join_blocks(f"## {title}", "| Alert | Priority | What fired | Runbook |\n|---|---|---|---|\n"
                                    + "\n".join(rows)))
    return join_blocks(
        _front_matter("Alerts", "Every alert the runbooks ship, and the runbook each one opens."),
        "# Alerts",
        f"{len(alert_set.alerts.alerts)} alerting rules, generated from `data/alerts.yaml`. Each alert's "
        "`runbook_url` opens the runbook section that fixes it; each page below explains the alert. How to install "
        f"the rules, notifications and dashboard: [Monitoring]({urls.link(doc, MONITORING_DOC)}).",
        "Every rule carries two labels for routing:",
        severity_table(),
        *sections,
    )


def _downloads(alert_set: AlertSet, site_url: str, doc: str) -> str:
    described = {
        "alerts.rules.yaml": "Prometheus rule file, for `rule_files:` in `prometheus.yml`",
        "prometheusrule.yaml": "the same rules as a prometheus-operator `PrometheusRule`",
        "argocd-notifications-cm.yaml": "Argo CD notification triggers and templates (namespace `argocd`)",
        "argo-rollouts-notification-configmap.yaml": "Argo Rollouts notification triggers and templates "
                                                     "(namespace `argo-rollouts`)",
    }
    items = []
    for path in generated_files(alert_set, site_url):
        name = posixpath.basename(path)
        if path.startswith("deploy/prometheus/tests/"):
            continue
        what = described.get(name, "Grafana dashboard: Argo CD and Argo Rollouts health")
        items.append(f"- [`{name}`]({urls.link(doc, download_doc(path))}): {what} (`{path}` in the repository)")
    return "\n".join(items)


def _metric_row(m: Metric) -> str:
    labels = ", ".join(f"`{lb.name}`" + (f" ({', '.join(lb.values)})" if lb.values else "") for lb in m.labels)
    return f"| [`{m.name}`]({m.source}) | {m.type} | {m.exporter} | {cell(labels) or '—'} | {cell(m.note or '')} |"


def monitoring_page(alert_set: AlertSet, repo: Repository, site_url: str) -> str:
    doc = MONITORING_DOC
    catalogue = alert_set.metrics
    notifications = alert_set.alerts.notifications
    def linked(runbook: str, cause: str | None) -> str:
        target = urls.link(doc, urls.runbook_doc(runbook), urls.cause_anchor(cause) if cause else "")
        return f"[{cell(repo.runbook(runbook).title)}]({target})"

    trigger_rows = [f"| Argo CD | `{t.trigger}` | {code_cell(t.when)} | {linked(t.runbook, t.cause)} |"
                    for t in notifications.argocd]
    trigger_rows += [f"| Argo Rollouts | `{t.trigger}` | the controller's event of that name | "
                     f"{linked(t.runbook, t.cause)} |" for t in notifications.rollouts]
    dashboard_file = download_doc(f"{alert_set.metrics.dashboard.uid}.json")
    panel_rows = [f"| {cell(row.title)} | {cell(p.title)} | {code_cell(p.expr)} |"
                  for row in catalogue.dashboard.rows for p in row.panels]
    trap_rows = [f"| `{t.name}` | {cell(t.instead)} |" for t in catalogue.traps]
    return join_blocks(
        _front_matter("Monitoring", "Prometheus rules, notifications and a Grafana dashboard for Argo CD, Argo "
                                    "Rollouts, kube-state-metrics and ingress-nginx.", boost=0.2),
        "# Monitoring",
        f"Alerting rules, notification wiring and a dashboard, generated from one metric catalogue and the "
        f"[alert definitions]({urls.link(doc, ALERT_INDEX_DOC)}). Every alert and every notification links the runbook "
        "that fixes it.",
        "## Downloads {#downloads}",
        _downloads(alert_set, site_url, doc),
        "## Scraping {#scraping}",
        "The rules expect the metrics of the Argo CD application controller and repo-server, the Argo Rollouts "
        "controller (Service `argo-rollouts-metrics`, port 8090), kube-state-metrics and the ingress-nginx "
        "controller (port 10254). Scrape the Argo CD and Argo Rollouts metrics with `honorLabels: true` (`honor_labels`"
        " in a scrape config): their `namespace` label is the Application's or Rollout's namespace, and without it "
        "Prometheus renames it `exported_namespace` and the alerts name the controller's namespace instead "
        "([scrape_config](https://prometheus.io/docs/prometheus/latest/configuration/configuration/#scrape_config)).",
        "`ArgoCdComponentDown` matches `up{job=~\"argocd-.*\"}`: the job names are the metrics Services' names, which "
        "start with `argocd-` in the plain manifests and in the Helm chart with its default names; adjust the regular "
        "expression if yours differ. A `PrometheusRule` is picked up only if "
        "its labels match the Prometheus `ruleSelector` (with kube-prometheus-stack, usually `release: <name>`): add "
        "that label when you apply it.",
        "## Testing the rules {#testing}",
        "Each alert has a firing example and a near miss in `data/alerts.yaml`; they are generated into "
        "`deploy/prometheus/tests/` and run by the test suite with `promtool test rules`, next to "
        "`promtool check rules` on both rule files. The severity labels:",
        severity_table(),
        "## Notifications {#notifications}",
        "Apply the ConfigMaps, add your `service.*` entries (Slack, email, webhook) to them, and subscribe objects "
        "with "
        "the annotation `notifications.argoproj.io/subscribe.<trigger>.<service>: <recipient>`. Argo CD evaluates the "
        "condition on every Application change; Argo Rollouts fires a trigger when it records the event the trigger is "
        "named after (`RolloutAborted` → `on-rollout-aborted`) and ignores conditions, and its templates see only "
        "`.rollout` and `.recipient`.",
        "| Engine | Trigger | When | Runbook linked |\n|---|---|---|---|\n" + "\n".join(trigger_rows),
        "## Dashboard {#dashboard}",
        f"[`{posixpath.basename(dashboard_file)}`]({urls.link(doc, dashboard_file)}) "
        "imports into Grafana (Dashboards › New › Import) and asks for a Prometheus data source. Its panels:",
        "| Row | Panel | Query |\n|---|---|---|\n" + "\n".join(panel_rows),
        "## Metric catalogue {#metrics}",
        "`data/metrics.yaml` lists every metric the rules and the dashboard may use, with the labels the exporter's "
        "code sets; `runbook lint` rejects anything else, including label values outside a closed set.",
        "| Metric | Type | Exporter | Labels (closed value sets) | Note |\n|---|---|---|---|---|\n"
        + "\n".join(_metric_row(m) for m in catalogue.metrics),
        "These names appear in blog posts and public rules but no exporter has them:",
        "| Name | Instead |\n|---|---|\n" + "\n".join(trap_rows),
    )
