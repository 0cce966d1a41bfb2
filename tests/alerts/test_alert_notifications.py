"""The notification ConfigMaps follow the documented formats and every message links a real runbook section.

Field paths are checked against the Application and Rollout CRDs' OpenAPI schemas in the shared reference copy
(verbatim upstream files, see /work/shared/reference/README.md). Go template syntax is checked by promtool, whose
rule files use the same text/template parser.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from alert_fixtures import PROMTOOL
from conftest import ROOT

from rbkb.alerts.check import ROLLOUT_TRIGGERS, template_fields, trigger_for_reason, when_fields
from rbkb.render.alerts_files import ARGOCD_NOTIFICATIONS, ROLLOUTS_NOTIFICATIONS

CRDS = Path("/work/shared/reference/crds")


def _schema(path: Path) -> dict:  # type: ignore[type-arg]
    crd = yaml.safe_load(path.read_text())
    return crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]


def _exists(schema: dict, path: tuple[str, ...]) -> bool:  # type: ignore[type-arg]
    if path[:1] == ("metadata",):  # ObjectMeta is not spelled out in CRD schemas
        return path[1:2] in (("name",), ("namespace",), ("labels",), ("annotations",))
    node = schema
    for key in path:
        node = node.get("items", node)
        props = node.get("properties", {})
        if key not in props:
            return False
        node = props[key]
    return True


def _configmap(rel: str) -> tuple[dict, dict, dict]:  # type: ignore[type-arg]
    data = yaml.safe_load((ROOT / rel).read_text())["data"]
    assert all(k.startswith(("trigger.", "template.")) for k in data), sorted(data)
    triggers = {k.removeprefix("trigger."): yaml.safe_load(v) for k, v in data.items() if k.startswith("trigger.")}
    templates = {k.removeprefix("template."): yaml.safe_load(v) for k, v in data.items() if k.startswith("template.")}
    return data, triggers, templates


@pytest.mark.parametrize(("rel", "name", "namespace"), [
    (ARGOCD_NOTIFICATIONS, "argocd-notifications-cm", "argocd"),
    (ROLLOUTS_NOTIFICATIONS, "argo-rollouts-notification-configmap", "argo-rollouts"),
])
def test_configmap_names_and_trigger_shape(rel: str, name: str, namespace: str) -> None:
    manifest = yaml.safe_load((ROOT / rel).read_text())
    assert (manifest["kind"], manifest["metadata"]["name"], manifest["metadata"]["namespace"]) == \
        ("ConfigMap", name, namespace)
    _, triggers, templates = _configmap(rel)
    assert triggers and templates
    for trigger, conditions in triggers.items():
        assert trigger.startswith("on-") and isinstance(conditions, list) and conditions, trigger
        for condition in conditions:
            assert set(condition) <= {"description", "when", "send", "oncePer"}, trigger
            assert condition["send"] and all(t in templates for t in condition["send"]), trigger
    for template in templates.values():
        assert "\nRunbook: https://runbooks.example.internal/runbooks/" in template["message"]


def test_argocd_conditions_read_real_application_fields() -> None:
    schema = _schema(CRDS / "argo-cd/application-crd.yaml")
    _, triggers, templates = _configmap(ARGOCD_NOTIFICATIONS)
    paths = [p for conditions in triggers.values() for c in conditions for p in when_fields(c["when"])]
    paths += [p for t in templates.values() for p in template_fields(t["message"], "app")]
    assert len(paths) >= 8
    assert [".".join(p) for p in paths if not _exists(schema, p)] == []
    assert not _exists(schema, ("status", "health", "phase"))  # the check can fail


def test_rollouts_triggers_are_event_reasons_and_templates_read_real_fields() -> None:
    schema = _schema(CRDS / "argo-rollouts/rollout-crd.yaml")
    _, triggers, templates = _configmap(ROLLOUTS_NOTIFICATIONS)
    for trigger, conditions in triggers.items():
        assert trigger in ROLLOUT_TRIGGERS, trigger
        assert all("when" not in c for c in conditions), f"{trigger}: the controller ignores conditions"
    paths = [p for t in templates.values() for p in template_fields(t["message"], "rollout")]
    assert paths and [".".join(p) for p in paths if not _exists(schema, p)] == []


def test_trigger_names_follow_the_controller() -> None:
    # Pairs from argo-rollouts manifests/notifications-install.yaml and the reasons the controller records.
    assert trigger_for_reason("ScalingReplicaSet") == "on-scaling-replica-set"
    assert trigger_for_reason("RolloutStepCompleted") == "on-rollout-step-completed"
    assert trigger_for_reason("AnalysisRunFailed") == "on-analysis-run-failed"


def _template_check(tmp_path: Path, messages: list[str]) -> subprocess.CompletedProcess[str]:
    rules = [{"alert": f"T{i}", "expr": "vector(1)", "annotations": {"message": m}} for i, m in enumerate(messages)]
    (tmp_path / "templates.yaml").write_text(yaml.safe_dump({"groups": [{"name": "t", "rules": rules}]}))
    return subprocess.run([PROMTOOL, "check", "rules", str(tmp_path / "templates.yaml")],
                          capture_output=True, text=True, timeout=60)


def test_templates_parse_as_go_templates(tmp_path: Path) -> None:
    messages = [t["message"] for rel in (ARGOCD_NOTIFICATIONS, ROLLOUTS_NOTIFICATIONS)
                for t in _configmap(rel)[2].values()]
    result = _template_check(tmp_path, messages)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _template_check(tmp_path, ["{{.app.metadata.name"]).returncode == 1
