"""Which version of each tool's in-cluster controller runs: the image tag of its workloads, found by label.

Helm and Kustomize installs rename workloads (`<release>-argocd-application-controller`), so the workloads are
found by the labels the upstream manifests and the argo-helm charts both set (`Tool.controllers`), never by name.
`runbook doctor` prints what this finds, so a reader knows which version-dependent statements apply.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .base import Controller

KINDS = "deployments,statefulsets"


@dataclass(frozen=True)
class Running:
    """One workload of a controller and the version its image tag names."""

    namespace: str
    kind: str
    name: str
    image: str
    version: str  # the image tag; "" when the image is pinned by digest only


def query(controller: Controller) -> list[str]:
    """kubectl arguments listing the controller's workloads in every namespace."""
    return ["get", KINDS, "--all-namespaces", "-l", controller.selector, "-o", "json"]


def image_tag(image: str) -> str:
    """`quay.io/argoproj/argocd:v3.1.16` -> `v3.1.16`; `repo@sha256:...` -> ``; a registry port is not a tag."""
    name = image.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else ""


def running(controller: Controller, kubectl_json: str) -> list[Running]:
    """The workloads in `kubectl get ... -o json` output, with the image of the controller's container."""
    try:
        data: Any = json.loads(kubectl_json)
    except ValueError:
        return []
    items = data.get("items", []) if isinstance(data, dict) else []
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        meta = item.get("metadata") or {}
        containers = (((item.get("spec") or {}).get("template") or {}).get("spec") or {}).get("containers") or []
        chosen = next((c for c in containers if c.get("name") == controller.container), None) if controller.container \
            else (containers[0] if containers else None)
        if not isinstance(chosen, dict) or not isinstance(chosen.get("image"), str):
            continue
        image = chosen["image"]
        found.append(Running(str(meta.get("namespace", "")), str(item.get("kind", "")), str(meta.get("name", "")),
                             image, image_tag(image)))
    return sorted(found, key=lambda r: (r.namespace, r.name))


def describe(r: Running) -> str:
    """One line for a reader: the version, and where it runs."""
    if not r.version:
        version = f"pinned by digest ({r.image.rsplit('@', 1)[-1][:19]}...)"
    elif r.version == "latest":
        version = "latest (the tag does not say which version: see the controller's startup log)"
    else:
        version = r.version
    return f"{version}  ({r.kind} {r.namespace}/{r.name}, image {r.image})"
