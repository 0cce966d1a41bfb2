"""Controller versions from image tags."""

from __future__ import annotations

import json

import pytest

from rbkb.tools import get
from rbkb.tools.controllers import image_tag, query, running


@pytest.mark.parametrize(("image", "tag"), [
    ("quay.io/argoproj/argocd:v3.1.16", "v3.1.16"),
    ("registry.local:5000/argoproj/argo-rollouts:v1.8.4", "v1.8.4"),
    ("registry.local:5000/argoproj/argo-rollouts", ""),  # a registry port is not a tag
    ("quay.io/argoproj/argocd:v3.1.16@sha256:0123abcd", "v3.1.16"),
    ("quay.io/argoproj/argocd@sha256:0123abcd", ""),
])
def test_image_tag(image: str, tag: str) -> None:
    assert image_tag(image) == tag


def test_controllers_are_found_by_label_in_every_namespace() -> None:
    argocd = get("argocd").controllers[0]
    assert query(argocd)[:4] == ["get", "deployments,statefulsets", "--all-namespaces", "-l"]
    assert "app.kubernetes.io/component=application-controller" in argocd.selector
    assert "argocd-application-controller" not in " ".join(query(argocd))  # never an assumed workload name


def test_running_reads_kubectl_json_and_tolerates_garbage() -> None:
    argocd = get("argocd").controllers[0]
    assert running(argocd, "not json") == []
    assert running(argocd, json.dumps({"items": [{"kind": "Deployment", "metadata": {"name": "x"}}]})) == []
