"""Notification triggers and templates -> ready-to-apply ConfigMaps for Argo CD and Argo Rollouts (YAML strings).

Formats: Argo CD `argocd-notifications-cm` (operator-manual/notifications/triggers.md and templates.md) and Argo
Rollouts `argo-rollouts-notification-configmap` (features/notifications.md, manifests/notifications-install.yaml).
Every trigger and template value is itself a YAML document inside the ConfigMap's data.
"""

from __future__ import annotations

from typing import Any

from .. import urls
from ..alerts.load import AlertSet
from .alerts_rules import GENERATED, dump_yaml

ARGOCD_CONFIGMAP = ("argocd-notifications-cm", "argocd")
ROLLOUTS_CONFIGMAP = ("argo-rollouts-notification-configmap", "argo-rollouts")


def _link(runbook: str, cause: str | None, site_url: str) -> str:
    return urls.page_url(site_url, urls.runbook_doc(runbook), urls.cause_anchor(cause) if cause else "")


def _configmap(name: str, namespace: str, data: dict[str, str]) -> str:
    manifest = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": namespace},
                "data": data}
    return GENERATED + dump_yaml(manifest)


def _message(text: str, runbook: str, cause: str | None, site_url: str) -> str:
    return f"{text}\nRunbook: {_link(runbook, cause, site_url)}\n"


def argocd_configmap(alert_set: AlertSet, site_url: str) -> str:
    data: dict[str, str] = {}
    for t in alert_set.alerts.notifications.argocd:
        trigger: dict[str, Any] = {"description": t.description, "send": [t.template], "when": t.when}
        if t.once_per:
            trigger["oncePer"] = t.once_per
        data[f"trigger.{t.trigger}"] = dump_yaml([trigger])
        data[f"template.{t.template}"] = dump_yaml({"message": _message(t.message, t.runbook, t.cause, site_url)})
    return _configmap(*ARGOCD_CONFIGMAP, data)


def rollouts_configmap(alert_set: AlertSet, site_url: str) -> str:
    data: dict[str, str] = {}
    for t in alert_set.alerts.notifications.rollouts:
        data[f"trigger.{t.trigger}"] = dump_yaml([{"send": [t.template]}])
        data[f"template.{t.template}"] = dump_yaml({"message": _message(t.message, t.runbook, t.cause, site_url)})
    return _configmap(*ROLLOUTS_CONFIGMAP, data)
