"""The metric catalogue holds only metrics that exist, and every query in the project uses only those."""

from __future__ import annotations

import json

import yaml
from alert_fixtures import alert_set  # noqa: F401  (fixtures)
from conftest import ROOT

from rbkb.alerts.check import expr_problems
from rbkb.alerts.load import AlertSet
from rbkb.alerts.promql import scan

# Names the research notes list as seen in public material but absent from every exporter (argo-facts.md §3).
NON_EXISTENT = ["argocd_app_health_status", "argocd_app_reconcile_duration_seconds", "argo_rollout_info",
                "rollout_info_replicas_paused", "rollout_reconcile_duration_seconds", "rollout_completed_total",
                "kube_endpoint_address_available", "kube_endpoint_address_not_ready"]


def test_non_existent_names_are_traps_not_metrics(alert_set: AlertSet) -> None:
    known = alert_set.metrics.by_series_name()
    assert [n for n in NON_EXISTENT if n in known] == []
    assert sorted(t.name for t in alert_set.metrics.traps) == sorted(NON_EXISTENT)


def test_rollout_phase_has_no_healthy_or_degraded(alert_set: AlertSet) -> None:
    phase = alert_set.metrics.by_series_name()["rollout_info"].label("phase")
    assert phase is not None and phase.values is not None
    assert {"Abort", "Timeout", "Error", "InvalidSpec"} <= set(phase.values)
    assert not {"Healthy", "Degraded"} & set(phase.values)


def test_traps_and_closed_values_are_reported(alert_set: AlertSet) -> None:
    cat = alert_set.metrics
    found = list(expr_problems('rollout_info{phase="Degraded"} == 1', cat))
    assert found == [("RB602", "rollout_info{phase} is never 'Degraded' (its values: Completed, Progressing, Paused, "
                               "Timeout, Error, Abort, InvalidSpec)")]
    (rule, message), = expr_problems("sum(kube_endpoint_address_available)", cat)
    assert rule == "RB601" and "removed in kube-state-metrics v2.14.0" in message
    (rule, message), = expr_problems('rollout_info{rollout="checkout"}', cat)
    assert rule == "RB602" and "has no label 'rollout'" in message
    (rule, message), = expr_problems("sum by (pod) (rollout_info)", cat)
    assert rule == "RB602" and "'pod'" in message
    quantile = "histogram_quantile(0.9, sum by (le) (rate(argocd_app_reconcile_bucket[5m])))"
    assert list(expr_problems(quantile, cat)) == []


def _rule_exprs() -> list[str]:
    rules = yaml.safe_load((ROOT / "deploy/prometheus/alerts.rules.yaml").read_text())
    return [r["expr"] for g in rules["groups"] for r in g["rules"]]


def _panel_exprs() -> list[str]:
    dashboards = [json.loads(p.read_text()) for p in (ROOT / "deploy/grafana").glob("*.json")]
    return [t["expr"] for d in dashboards for p in d["panels"] for t in p.get("targets", [])]


def test_every_query_shipped_uses_only_catalogue_metrics(alert_set: AlertSet) -> None:
    known = alert_set.metrics.by_series_name()
    exprs = _rule_exprs() + _panel_exprs()
    assert len(exprs) > 40
    unknown = {name for e in exprs for name in scan(e).metric_names if name not in known}
    assert unknown == set()
    assert [e for e in exprs if scan(e).errors] == []
