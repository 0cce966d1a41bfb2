"""Cross-checks of the alert definitions against the metric catalogue, the runbooks and the notification formats.

Every finding is a Problem pointing at the line to change. The rule ids are registered in rbkb.lint.rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from ..model import Repository
from ..problems import Problem
from .model import Alert, AlertFile, ArgoCdTrigger, MetricCatalogue, RolloutsTrigger, label_refs
from .promql import scan

LineOf = Callable[[str, tuple[str | int, ...]], int]

# Labels Prometheus attaches to every scraped series, whatever the exporter.
TARGET_LABELS = frozenset(("job", "instance"))

# Event reasons the Argo Rollouts controller records on a Rollout (each can fire the trigger named after it).
# Source: RO:utils/record/record.go (translateReasonToTrigger), RO:rollout/*.go, RO:rollout/analysis.go
# ("AnalysisRun" + phase), manifests/notifications-install.yaml.
ROLLOUT_EVENT_REASONS = (
    "RolloutAborted", "RolloutPaused", "RolloutResumed", "RolloutStepCompleted", "RolloutCompleted", "RolloutUpdated",
    "ScalingReplicaSet", "SwitchService", "TrafficWeightUpdated", "TrafficRoutingError",
    "AnalysisRunPending", "AnalysisRunRunning", "AnalysisRunSuccessful", "AnalysisRunFailed", "AnalysisRunError",
    "AnalysisRunInconclusive",
)

# Template variables each notification engine passes (Argo CD: operator-manual/notifications/templates.md;
# Rollouts: features/notifications.md and InitGetVars in RO:utils/record/record.go, which passes only `rollout`).
TEMPLATE_ROOTS = {"argocd": frozenset(("app", "context", "serviceType", "recipient")),
                  "rollouts": frozenset(("rollout", "recipient"))}
_TEMPLATE_FIELD_RE = re.compile(r"\{\{[^}]*?(?<![\w\])])\.([a-zA-Z_]\w*)")
_WHEN_APP_RE = re.compile(r"\bapp((?:\.[a-zA-Z_]\w*)+)")


def trigger_for_reason(reason: str) -> str:
    """The trigger name the Rollouts controller derives from an event reason (port of translateReasonToTrigger)."""
    trigger = re.sub(r"(.)([A-Z][a-z]+)", r"\1-\2", reason)
    trigger = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", trigger)
    return "on-" + trigger.lower()


ROLLOUT_TRIGGERS = {trigger_for_reason(r): r for r in ROLLOUT_EVENT_REASONS}


def expr_problems(expr: str, catalogue: MetricCatalogue) -> Iterator[tuple[str, str]]:
    """(rule, message) for every unknown metric, label, label value or function in one PromQL expression."""
    result = scan(expr)
    for error in result.errors:
        yield "RB601", f"cannot check the expression: {error}"
    known = catalogue.by_series_name()
    used_labels: set[str] = set(TARGET_LABELS)
    all_known = True
    for sel in result.selectors:
        metric = known.get(sel.name)
        if metric is None:
            all_known = False
            trap = catalogue.trap(sel.name)
            hint = f": it does not exist; {trap.instead}" if trap else " (data/metrics.yaml)"
            yield "RB601", f"unknown metric {sel.name}{hint}"
            continue
        labels = {lb.name for lb in metric.labels} | TARGET_LABELS
        if sel.name.endswith("_bucket") and metric.type == "histogram":
            labels.add("le")
        used_labels |= labels
        for m in sel.matchers:
            if m.label not in labels:
                yield "RB602", f"{sel.name} has no label {m.label!r} (it has: {', '.join(sorted(labels))})"
                continue
            allowed = metric.label(m.label).values if metric.label(m.label) else None  # type: ignore[union-attr]
            for value in _literal_values(m.op, m.value):
                if allowed is not None and value not in allowed:
                    yield "RB602", (f"{sel.name}{{{m.label}}} is never {value!r} "
                                    f"(its values: {', '.join(allowed)})")
    for label in result.grouping_labels if all_known else ():  # with an unknown metric, its labels are unknown
        if label not in used_labels:
            yield "RB602", f"grouping label {label!r} is on none of the metrics in the expression"


def _literal_values(op: str, value: str) -> list[str]:
    """The values a matcher names literally: `a` for =/!=, each branch of a plain `a|b` regex. Other regexes: none."""
    if op in ("=", "!="):
        return [value] if value else []
    branches = value.split("|")
    return branches if all(re.fullmatch(r"[A-Za-z0-9_-]+", b) for b in branches) else []


def catalogue_problems(catalogue: MetricCatalogue, rel: str, line_of: LineOf) -> Iterator[Problem]:
    names = Counter(name for m in catalogue.metrics for name in m.series_names())
    for i, metric in enumerate(catalogue.metrics):
        if any(names[n] > 1 for n in metric.series_names()):
            yield Problem(rel, line_of(rel, ("metrics", i, "name")), "RB604", f"metrics.{i}.name",
                          f"{metric.name} is listed twice")
    for i, trap in enumerate(catalogue.traps):
        if trap.name in names:
            yield Problem(rel, line_of(rel, ("traps", i, "name")), "RB601", f"traps.{i}.name",
                          f"{trap.name} is listed as non-existent and as a metric: it is one or the other")
    for r, row in enumerate(catalogue.dashboard.rows):
        for p, panel in enumerate(row.panels):
            path = ("dashboard", "rows", r, "panels", p, "expr")
            for rule, message in expr_problems(panel.expr, catalogue):
                yield Problem(rel, line_of(rel, path), rule, ".".join(map(str, path)), message)


def alert_problems(alerts: AlertFile, catalogue: MetricCatalogue, repo: Repository | None, rel: str,
                   line_of: LineOf) -> Iterator[Problem]:
    names = Counter(a.name for a in alerts.alerts)
    for i, alert in enumerate(alerts.alerts):
        def at(*path: str | int, _i: int = i) -> tuple[str, int]:
            full = ("alerts", _i, *path)
            return ".".join(map(str, full)), line_of(rel, full)

        if names[alert.name] > 1:
            yield _problem(rel, at("name"), "RB604", f"alert {alert.name} is defined twice")
        for rule, message in expr_problems(alert.expr, catalogue):
            yield _problem(rel, at("expr"), rule, message)
        for label in alert.examples.fires.labels:
            if label not in label_refs(alert.description):
                yield _problem(rel, at("description"), "RB605",
                              f"does not mention {{{{ $labels.{label} }}}}, which identifies the object")
        if repo is not None:
            yield from _reference_problems(alert, repo, rel, at)


def _problem(rel: str, where: tuple[str, int], rule: str, message: str) -> Problem:
    path, line = where
    return Problem(rel, line, rule, path, message)


def _reference_problems(alert: Alert, repo: Repository, rel: str,
                        at: Callable[..., tuple[str, int]]) -> Iterator[Problem]:
    ids = {rb.id for rb in repo.runbooks}
    if alert.runbook not in ids:
        yield _problem(rel, at("runbook"), "RB604", f"no runbook {alert.runbook!r}")
    elif alert.cause and alert.cause not in {c.id for c in repo.runbook(alert.runbook).causes}:
        yield _problem(rel, at("cause"), "RB604", f"runbook {alert.runbook!r} has no section on cause {alert.cause!r}")
    for j, other in enumerate(alert.see_also):
        if other not in ids:
            yield _problem(rel, at("see_also", j), "RB604", f"no runbook {other!r}")
        elif other == alert.runbook:
            yield _problem(rel, at("see_also", j), "RB604", "the alert's own runbook cannot be in see_also")


def link_problems(alerts: AlertFile, repo: Repository, rel: str, line_of: LineOf) -> Iterator[Problem]:
    """Runbooks and alerts name each other, and agree: a runbook lists exactly the alerts that lead to it."""
    leads_to: dict[str, set[str]] = {rb.id: set() for rb in repo.runbooks}
    for alert in alerts.alerts:
        for rb_id in (alert.runbook, *alert.see_also):
            leads_to.setdefault(rb_id, set()).add(alert.name)
    defined = {a.name: i for i, a in enumerate(alerts.alerts)}
    for rb in repo.runbooks:
        rb_rel = repo.sources.get(rb.id, f"runbooks/{rb.id}.yaml")
        for j, name in enumerate(rb.alerts):
            if name not in defined:
                yield Problem(rb_rel, line_of(rb_rel, ("alerts", j)), "RB603", f"alerts.{j}",
                              f"alert {name} is not defined in {rel}")
            elif name not in leads_to[rb.id]:
                yield Problem(rb_rel, line_of(rb_rel, ("alerts", j)), "RB603", f"alerts.{j}",
                              f"alert {name} does not link here: add {rb.id!r} to its runbook or see_also in {rel}")
        for name in sorted(leads_to[rb.id] - set(rb.alerts)):
            i = defined[name]
            yield Problem(rel, line_of(rel, ("alerts", i, "runbook")), "RB603", f"alerts.{i}",
                          f"alert {name} links runbook {rb.id!r}, which does not list it under alerts:")


def notification_problems(alerts: AlertFile, repo: Repository | None, rel: str, line_of: LineOf) -> Iterator[Problem]:
    engines: tuple[tuple[str, Sequence[ArgoCdTrigger | RolloutsTrigger]], ...] = (
        ("argocd", alerts.notifications.argocd), ("rollouts", alerts.notifications.rollouts))
    for engine, triggers in engines:
        seen: Counter[str] = Counter(t.trigger for t in triggers)
        for i, trig in enumerate(triggers):
            def at(field: str, _i: int = i, _engine: str = engine) -> tuple[str, int]:
                path = ("notifications", _engine, _i, field)
                return ".".join(map(str, path)), line_of(rel, path)

            if seen[trig.trigger] > 1:
                yield _problem(rel, at("trigger"), "RB606", f"trigger {trig.trigger} is defined twice")
            if repo is not None:
                if trig.runbook not in {rb.id for rb in repo.runbooks}:
                    yield _problem(rel, at("runbook"), "RB604", f"no runbook {trig.runbook!r}")
                elif trig.cause and trig.cause not in {c.id for c in repo.runbook(trig.runbook).causes}:
                    yield _problem(rel, at("cause"), "RB604",
                                  f"runbook {trig.runbook!r} has no section on cause {trig.cause!r}")
            if engine == "rollouts" and trig.trigger not in ROLLOUT_TRIGGERS:
                yield _problem(rel, at("trigger"), "RB606",
                              f"{trig.trigger} matches no Rollout event reason, so the controller never fires it "
                              f"(known: {', '.join(sorted(ROLLOUT_TRIGGERS))})")
            for root in _TEMPLATE_FIELD_RE.findall(trig.message):
                if root not in TEMPLATE_ROOTS[engine]:
                    yield _problem(rel, at("message"), "RB606",
                                  f"templates get no .{root} here (only {', '.join(sorted(TEMPLATE_ROOTS[engine]))})")
            if isinstance(trig, ArgoCdTrigger):
                for path in when_fields(trig.when):
                    if path[0] not in ("metadata", "spec", "status", "operation"):
                        yield _problem(rel, at("when"), "RB606",
                                       f"app.{'.'.join(path)} is not a field of an Application")


def when_fields(condition: str) -> list[tuple[str, ...]]:
    """The Application field paths an Argo CD trigger condition reads, e.g. ('status', 'health', 'status')."""
    return [tuple(m.group(1).strip(".").split(".")) for m in _WHEN_APP_RE.finditer(condition)]


def template_fields(message: str, root: str) -> list[tuple[str, ...]]:
    """The field paths a notification template reads under `.root`, e.g. ('metadata', 'name') for `.app`."""
    return [tuple(m.group(1).strip(".").split(".")) for m in re.finditer(rf"\.{root}((?:\.[a-zA-Z_]\w*)+)", message)]
