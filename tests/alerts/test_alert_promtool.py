"""Prometheus' own tools accept the generated rules, and every alert fires on its example and not on its near miss."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from alert_fixtures import PROMTOOL, alert_set, site_url  # noqa: F401  (fixtures)
from conftest import ROOT

from rbkb.alerts.load import AlertSet
from rbkb.render.alerts_files import PROMETHEUS_RULE, RULES, promtool_test_path
from rbkb.render.alerts_rules import groups_of, prometheus_rules


def promtool(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PROMTOOL, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd)


def test_check_rules_accepts_the_rule_file_and_the_prometheus_rule(tmp_path: Path) -> None:
    spec = yaml.safe_load((ROOT / PROMETHEUS_RULE).read_text())["spec"]
    (tmp_path / "from-manifest.yaml").write_text(yaml.safe_dump(spec))
    result = promtool("check", "rules", ROOT / RULES, tmp_path / "from-manifest.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    count = len(yaml.safe_load((ROOT / RULES).read_text())["groups"])
    assert result.stdout.count("SUCCESS") == 2 and count > 0


def test_check_rules_rejects_a_broken_expression(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("groups:\n- name: x\n  rules:\n  - alert: X\n    expr: rate(up[5m]\n")
    result = promtool("check", "rules", tmp_path / "bad.yaml")
    assert result.returncode == 1 and "parse error" in result.stdout + result.stderr


def _group_run(group: str, tmp: Path, alert_set: AlertSet, site_url: str,
               tweak: str | None = None) -> subprocess.CompletedProcess[str]:
    """The shipped tests of one group, against that group's rules only (promtool evaluates every rule it loads)."""
    tests = yaml.safe_load((ROOT / promtool_test_path(group)).read_text())
    tests["rule_files"] = [f"{group}.rules.yaml"]
    if tweak:  # expect an alert where the shipped test expects none
        case = next(t for t in tests["tests"] if t["alert_rule_test"][0]["exp_alerts"] == []
                    and t["alert_rule_test"][0]["alertname"] == tweak)
        case["alert_rule_test"][0]["exp_alerts"] = [{"exp_labels": {}}]
    (tmp / f"{group}.rules.yaml").write_text(prometheus_rules(alert_set, site_url, group))
    (tmp / f"{group}.test.yaml").write_text(yaml.safe_dump(tests))
    return promtool("test", "rules", f"{group}.test.yaml", cwd=tmp)


def test_every_alert_fires_on_its_example_and_not_on_its_near_miss(tmp_path: Path, alert_set: AlertSet,
                                                                    site_url: str) -> None:
    groups = groups_of(alert_set)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda g: _group_run(g, tmp_path, alert_set, site_url), groups))
    failures = {g: r.stdout + r.stderr for g, r in zip(groups, results, strict=True) if r.returncode != 0}
    assert failures == {}


def test_a_wrong_expectation_fails(tmp_path: Path, alert_set: AlertSet, site_url: str) -> None:
    result = _group_run("services", tmp_path, alert_set, site_url, tweak="ServiceNoReadyEndpoints")
    assert result.returncode == 1 and "ServiceNoReadyEndpoints" in result.stdout + result.stderr


@pytest.fixture(scope="module")
def shipped_cases() -> list[dict]:  # type: ignore[type-arg]
    cases = []
    for path in sorted((ROOT / "deploy/prometheus/tests").glob("*.test.yaml")):
        data = yaml.safe_load(path.read_text())
        assert data["rule_files"] == ["../alerts.rules.yaml"], path.name
        cases += [c for t in data["tests"] for c in t["alert_rule_test"]]
    return cases


def test_every_alert_has_a_firing_and_a_quiet_case(shipped_cases: list[dict],  # type: ignore[type-arg]
                                                    alert_set: AlertSet) -> None:
    for alert in alert_set.alerts.alerts:
        mine = [c for c in shipped_cases if c["alertname"] == alert.name]
        assert any(c["exp_alerts"] for c in mine), f"{alert.name}: no case where it fires"
        assert any(c["exp_alerts"] == [] for c in mine), f"{alert.name}: no case where it stays quiet"
        fired = next(c for c in mine if c["exp_alerts"])["exp_alerts"][0]
        assert fired["exp_annotations"]["runbook_url"].startswith("https://"), alert.name
