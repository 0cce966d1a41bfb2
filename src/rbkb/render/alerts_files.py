"""Every file generated from data/alerts.yaml and data/metrics.yaml, by repository path. Pure: nothing is written."""

from __future__ import annotations

from ..alerts.load import AlertSet
from .alerts_grafana import grafana_dashboard
from .alerts_notifications import ARGOCD_CONFIGMAP, ROLLOUTS_CONFIGMAP, argocd_configmap, rollouts_configmap
from .alerts_rules import groups_of, prometheus_rule_manifest, prometheus_rules, promtool_tests

RULES = "deploy/prometheus/alerts.rules.yaml"
PROMETHEUS_RULE = "deploy/prometheus/prometheusrule.yaml"
TESTS_DIR = "deploy/prometheus/tests"
ARGOCD_NOTIFICATIONS = f"deploy/notifications/{ARGOCD_CONFIGMAP[0]}.yaml"
ROLLOUTS_NOTIFICATIONS = f"deploy/notifications/{ROLLOUTS_CONFIGMAP[0]}.yaml"


def dashboard_path(alert_set: AlertSet) -> str:
    return f"deploy/grafana/{alert_set.metrics.dashboard.uid}.json"


def promtool_test_path(group: str) -> str:
    return f"{TESTS_DIR}/{group}.test.yaml"


def generated_files(alert_set: AlertSet, site_url: str) -> dict[str, str]:
    files = {
        RULES: prometheus_rules(alert_set, site_url),
        PROMETHEUS_RULE: prometheus_rule_manifest(alert_set, site_url),
        ARGOCD_NOTIFICATIONS: argocd_configmap(alert_set, site_url),
        ROLLOUTS_NOTIFICATIONS: rollouts_configmap(alert_set, site_url),
        dashboard_path(alert_set): grafana_dashboard(alert_set.metrics.dashboard),
    }
    for group in groups_of(alert_set):  # promtool resolves rule_files from the test file's directory
        files[promtool_test_path(group)] = promtool_tests(alert_set, site_url, group, "../alerts.rules.yaml")
    return files
