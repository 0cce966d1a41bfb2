"""The dashboard in data/metrics.yaml -> Grafana dashboard JSON (a string), with a Prometheus data source variable."""

from __future__ import annotations

import json
from typing import Any

from ..alerts.model import Dashboard, Panel

_WIDTH = {"stat": 6, "timeseries": 12, "table": 24}
_HEIGHT = {"stat": 4, "timeseries": 8, "table": 8}
DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}


def _panel(panel: Panel, panel_id: int, x: int, y: int) -> dict[str, Any]:
    target: dict[str, Any] = {"refId": "A", "datasource": DATASOURCE, "expr": panel.expr}
    if panel.legend:
        target["legendFormat"] = panel.legend
    if panel.type in ("stat", "table"):
        target["instant"] = True
    if panel.type == "table":
        target["format"] = "table"
    return {
        "id": panel_id, "type": panel.type, "title": panel.title, "datasource": DATASOURCE,
        "gridPos": {"x": x, "y": y, "w": _WIDTH[panel.type], "h": _HEIGHT[panel.type]},
        "fieldConfig": {"defaults": {"unit": panel.unit}, "overrides": []},
        "targets": [target],
    }


def grafana_dashboard(dashboard: Dashboard) -> str:
    panels: list[dict[str, Any]] = []
    y = 0
    next_id = 1
    for row in dashboard.rows:
        panels.append({"id": next_id, "type": "row", "title": row.title, "collapsed": False,
                       "gridPos": {"x": 0, "y": y, "w": 24, "h": 1}, "panels": []})
        next_id += 1
        y += 1
        x = 0
        row_height = 0
        for panel in row.panels:
            width = _WIDTH[panel.type]
            if x + width > 24:
                x, y, row_height = 0, y + row_height, 0
            panels.append(_panel(panel, next_id, x, y))
            next_id += 1
            x += width
            row_height = max(row_height, _HEIGHT[panel.type])
        y += row_height
    doc = {
        "uid": dashboard.uid,
        "title": dashboard.title,
        "tags": ["argo-cd", "argo-rollouts", "runbooks"],
        "timezone": "browser",
        "schemaVersion": 39,
        "version": 1,
        "editable": True,
        "time": {"from": "now-6h", "to": "now"},
        "refresh": "1m",
        "templating": {"list": [{"name": "datasource", "label": "Data source", "type": "datasource",
                                 "query": "prometheus", "current": {}, "hide": 0}]},
        "annotations": {"list": []},
        "panels": panels,
    }
    return json.dumps(doc, indent=2) + "\n"
