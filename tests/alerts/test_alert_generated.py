"""deploy/ holds what the data files give, and every generated rule is complete and links an absolute URL."""

from __future__ import annotations

from pathlib import Path

import yaml
from alert_fixtures import alert_set, data_copy, data_copy_with_deploy, site_url  # noqa: F401  (fixtures)
from conftest import ROOT

from rbkb.alerts.load import AlertSet
from rbkb.alerts.model import SEVERITY_LABEL
from rbkb.commands.alerts import alerts, stale_files
from rbkb.render.alerts_files import PROMETHEUS_RULE, RULES, generated_files


def test_generated_files_are_current(alert_set: AlertSet, site_url: str) -> None:
    assert stale_files(ROOT, generated_files(alert_set, site_url)) == [], "run `runbook alerts` and commit deploy/"


def test_stale_file_is_detected_and_rewritten(tmp_path: Path, alert_set: AlertSet, site_url: str) -> None:
    files = generated_files(alert_set, site_url)
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    (tmp_path / RULES).write_text("groups: []\n")
    assert stale_files(tmp_path, files) == [RULES]


def test_check_mode_reports_without_writing(data_copy_with_deploy: Path) -> None:
    (data_copy_with_deploy / RULES).unlink()
    assert alerts(data_copy_with_deploy, check=True) == 1
    assert not (data_copy_with_deploy / RULES).exists()
    assert alerts(data_copy_with_deploy, check=False) == 0
    assert alerts(data_copy_with_deploy, check=True) == 0


def _rules() -> list[dict]:  # type: ignore[type-arg]
    data = yaml.safe_load((ROOT / RULES).read_text())
    return [r for g in data["groups"] for r in g["rules"]]


def test_every_rule_has_severity_summary_description_and_absolute_runbook_url(site_url: str,
                                                                               alert_set: AlertSet) -> None:
    rules = _rules()
    assert sorted(r["alert"] for r in rules) == sorted(a.name for a in alert_set.alerts.alerts)
    for r in rules:
        assert r["labels"]["severity"] == SEVERITY_LABEL[r["labels"]["priority"]], r["alert"]
        assert r["annotations"]["summary"] and r["annotations"]["description"], r["alert"]
        assert r["annotations"]["runbook_url"].startswith(site_url + "runbooks/"), r["alert"]


def test_prometheus_rule_carries_the_same_groups() -> None:
    manifest = yaml.safe_load((ROOT / PROMETHEUS_RULE).read_text())
    assert manifest["apiVersion"] == "monitoring.coreos.com/v1" and manifest["kind"] == "PrometheusRule"
    assert manifest["spec"] == yaml.safe_load((ROOT / RULES).read_text())
