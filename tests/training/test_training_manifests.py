"""Every practice-lab manifest is valid for the cluster it targets.

Argo Rollouts objects are checked with jsonschema against the `openAPIV3Schema` of the CRDs vendored in schema/crds
(see its NOTICE.md); built-in kinds against the Kubernetes 1.32 schemas that the kubernetes-validate package ships.
Both reject unknown fields, as `kubectl apply` does by default (server-side field validation `Strict`).
"""

from __future__ import annotations

import copy
import functools
import hashlib
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml
from conftest import ROOT

from rbkb.training.load import load_training
from rbkb.training.model import Manifest

KUBERNETES_VERSION = "1.32.0"  # the supported version closest to the clusters this knowledge base targets
CRD_DIR = ROOT / "schema/crds"


def _strict(schema: Any) -> Any:
    """Close every object schema that lists its properties, unless it keeps unknown fields on purpose."""
    if isinstance(schema, dict):
        schema = {k: _strict(v) for k, v in schema.items()}
        if ("properties" in schema and "additionalProperties" not in schema
                and not schema.get("x-kubernetes-preserve-unknown-fields")):
            schema["additionalProperties"] = False
        return schema
    if isinstance(schema, list):
        return [_strict(v) for v in schema]
    return schema


@functools.cache
def crd_schemas() -> dict[tuple[str, str], dict[str, Any]]:
    """(apiVersion, kind) -> strict openAPIV3Schema, for every served version of every vendored CRD."""
    schemas = {}
    for path in sorted(CRD_DIR.rglob("*.yaml")):
        crd = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            if version.get("served"):
                schemas[(f"{group}/{version['name']}", kind)] = _strict(version["schema"]["openAPIV3Schema"])
    return schemas


def validation_errors(obj: dict[str, Any]) -> list[str]:
    """Why the API server would reject `obj`; empty when it is valid."""
    api_version, kind = obj.get("apiVersion", ""), obj.get("kind", "")
    if api_version.startswith("argoproj.io/"):
        schema = crd_schemas().get((api_version, kind))
        if schema is None:
            return [f"no CRD for {api_version} {kind} in schema/crds: copy it there (with its licence note)"]
        validator = jsonschema.Draft7Validator(schema)
        return [f"{'.'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(obj)]
    try:
        kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as e:
        return [f"{'.'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"]
    return []


def _manifests() -> list[Manifest]:
    from rbkb.load import load_repository

    repo, _ = load_repository(ROOT)
    training, problems = load_training(ROOT, repo)
    assert training is not None, problems
    return [m for lab in training.labs for m in lab.manifests]


MANIFESTS = _manifests()


@pytest.mark.parametrize("manifest", MANIFESTS, ids=[m.file.removeprefix("training/labs/") for m in MANIFESTS])
def test_lab_manifest_is_valid(manifest: Manifest) -> None:
    assert validation_errors(manifest.data) == []


def test_every_custom_resource_kind_has_a_vendored_crd() -> None:
    custom = {(m.data["apiVersion"], m.kind) for m in MANIFESTS if m.data["apiVersion"].startswith("argoproj.io/")}
    assert custom == {("argoproj.io/v1alpha1", "Rollout"), ("argoproj.io/v1alpha1", "AnalysisTemplate")}
    assert custom <= crd_schemas().keys()


def _lab_object(file: str) -> dict[str, Any]:
    return copy.deepcopy(next(m.data for m in MANIFESTS if m.file.endswith(file)))


def _set(obj: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    *parents, last = [int(k) if k.isdigit() else k for k in path.split(".")]
    node: Any = obj
    for key in parents:
        node = node[key]
    node[last] = value
    return obj


@pytest.mark.parametrize(
    ("file", "path", "value", "expected"),
    [
        ("rollout-wrong-image-tag/manifests/20-rollout.yaml", "spec.strategy.canary.stepz", [],
         "'stepz' was unexpected"),
        ("rollout-wrong-image-tag/manifests/20-rollout.yaml", "spec.replicas", "two", "'two' is not of type 'integer'"),
        ("analysis-no-data/manifests/10-analysistemplate.yaml", "spec.metrics.0.provider.prometheus.querry", "up",
         "'querry' was unexpected"),
        ("bluegreen-manual-promotion/manifests/20-rollout.yaml", "spec.strategy.blueGreen.autoPromotionEnabled",
         "no", "'no' is not of type 'boolean'"),
        ("service-selector-mismatch/manifests/10-deployment.yaml", "spec.replica", 2, "'replica' was unexpected"),
        ("service-selector-mismatch/manifests/20-service.yaml", "spec.ports.0.port", "eighty",
         "'eighty' is not of type 'integer'"),
        ("canary-no-traffic-routing/manifests/20-ingress.yaml", "spec.rules.0.http.paths.0.pathType", 7,
         "7 is not of type 'string'"),
    ],
)
def test_a_broken_manifest_fails_validation(file: str, path: str, value: Any, expected: str) -> None:
    broken = _set(_lab_object(file), path, value)
    errors = validation_errors(broken)
    assert any(expected in e for e in errors), errors


def test_an_argo_kind_without_a_vendored_crd_fails() -> None:
    obj = {"apiVersion": "argoproj.io/v1alpha1", "kind": "Experiment", "metadata": {"name": "x"}, "spec": {}}
    assert validation_errors(obj) == ["no CRD for argoproj.io/v1alpha1 Experiment in schema/crds: copy it there "
                                      "(with its licence note)"]


def test_vendored_crds_keep_their_notice() -> None:
    notice = (CRD_DIR / "NOTICE.md").read_text(encoding="utf-8")
    assert "Apache License, Version 2.0" in notice
    assert "9f8d111d8f8e3e88b6d7f8bbdf62fd3cd863ef9d" in notice
    for path in sorted(CRD_DIR.rglob("*.yaml")):
        assert path.name in notice, f"{path} is not listed in schema/crds/NOTICE.md"


def test_vendored_crds_are_unmodified_upstream_copies() -> None:
    """Each file's git blob hash, as NOTICE.md records it for the upstream commit."""
    notice = (CRD_DIR / "NOTICE.md").read_text(encoding="utf-8")
    for path in sorted(CRD_DIR.rglob("*.yaml")):
        data = path.read_bytes()
        blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        assert f"`{path.name}`: blob `{blob}`" in notice, f"{path.name} differs from the upstream copy"
