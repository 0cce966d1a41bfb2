"""Golden output of the alert renderers on a frozen mini repository (tests/alerts/fixtures + tests/fixtures)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit

from rbkb.alerts.load import check_alerts
from rbkb.load import load_repository
from rbkb.render.alerts_files import generated_files
from rbkb.render.alerts_pages import alert_site

FIXTURES = Path(__file__).parent / "fixtures"
SITE_URL = "https://runbooks.example.internal/"


@pytest.fixture
def mini_site(mini_repo: Path) -> dict[str, str]:
    for name in ("metrics.yaml", "alerts.yaml"):
        shutil.copy(FIXTURES / name, mini_repo / "data" / name)
    edit(mini_repo / "runbooks/rollout-not-starting.yaml", "alerts: []",
         "alerts: [RolloutPausedTooLong, ArgoRolloutsControllerDown]")
    repo, problems = load_repository(mini_repo)
    assert repo is not None, problems
    alert_set, problems = check_alerts(mini_repo, repo)
    assert alert_set is not None, problems
    return {**generated_files(alert_set, SITE_URL), **alert_site(alert_set, repo, SITE_URL)}


GOLDEN = ["deploy/prometheus/alerts.rules.yaml", "deploy/prometheus/prometheusrule.yaml",
          "deploy/prometheus/tests/rollouts.test.yaml", "deploy/notifications/argocd-notifications-cm.yaml",
          "deploy/notifications/argo-rollouts-notification-configmap.yaml", "deploy/grafana/mini.json",
          "alerts/index.md", "alerts/monitoring.md", "alerts/rolloutpausedtoolong.md",
          "alerts/argorolloutscontrollerdown.md"]


def test_golden_outputs(mini_site: dict[str, str], golden: Callable[[str, str], None]) -> None:
    for path in GOLDEN:
        golden(f"render/alerts/{path.replace('/', '__')}", mini_site[path])
