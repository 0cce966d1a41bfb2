"""The Grafana dashboard loads, queries only catalogue metrics, and lays its panels out without overlap."""

from __future__ import annotations

import json

from alert_fixtures import alert_set  # noqa: F401  (fixtures)
from conftest import ROOT

from rbkb.alerts.check import expr_problems
from rbkb.alerts.load import AlertSet
from rbkb.render.alerts_files import dashboard_path


def test_dashboard_panels_use_known_metrics(alert_set: AlertSet) -> None:
    dashboard = json.loads((ROOT / dashboard_path(alert_set)).read_text())
    assert dashboard["uid"] == alert_set.metrics.dashboard.uid
    assert dashboard["templating"]["list"][0] == {"name": "datasource", "label": "Data source", "type": "datasource",
                                                  "query": "prometheus", "current": {}, "hide": 0}
    panels = [p for p in dashboard["panels"] if p["type"] != "row"]
    assert len(panels) == sum(len(r.panels) for r in alert_set.metrics.dashboard.rows)
    for panel in panels:
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, panel["title"]
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            assert list(expr_problems(target["expr"], alert_set.metrics)) == [], panel["title"]
    assert list(expr_problems('sum(argocd_app_health_status{health_status="Degraded"})', alert_set.metrics))


def test_panel_ids_are_unique_and_panels_do_not_overlap(alert_set: AlertSet) -> None:
    panels = json.loads((ROOT / dashboard_path(alert_set)).read_text())["panels"]
    assert len({p["id"] for p in panels}) == len(panels)
    cells = set()
    for p in panels:
        g = p["gridPos"]
        assert g["x"] + g["w"] <= 24, p["title"]
        mine = {(x, y) for x in range(g["x"], g["x"] + g["w"]) for y in range(g["y"], g["y"] + g["h"])}
        assert not cells & mine, p["title"]
        cells |= mine
