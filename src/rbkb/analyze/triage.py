"""`runbook triage`: collect a namespace in as few API calls as possible and run every analyzer over it.

Calls: one `kubectl get <kinds> -o json` for all workload, network and storage kinds (plus the Argo Rollouts
kinds; if their CRDs are missing the call is repeated once without them), one `kubectl get events`, and
`argocd app get` only when an application is named. Each finding has a stable code per kind of finding.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..execute.process import ProcessResult, run_process
from .objects import ObjectFinding, analyze_objects
from .signatures import Table

Runner = Callable[[Sequence[str]], ProcessResult]

CORE_KINDS = "pods,deployments,replicasets,services,endpointslices,ingresses,persistentvolumeclaims"
ROLLOUT_KINDS = "rollouts.argoproj.io,analysisruns.argoproj.io"
SEVERITIES = ("info", "warning", "critical")


@dataclass(frozen=True)
class FindingKind:
    code: str
    severity: str  # critical: serving is broken or a rollout failed; warning: degraded or at risk; info: needs a look
    title: str


# Stable codes, one per kind of finding (documented on docs/reference/diagnose.md). Never renumber.
FINDING_KINDS: dict[str, FindingKind] = {
    "image_pull_error": FindingKind("TR101", "critical", "Container image cannot be pulled"),
    "crashloop": FindingKind("TR102", "critical", "Container in a crash loop"),
    "oom_killed": FindingKind("TR103", "critical", "Container killed for memory (OOMKilled)"),
    "insufficient_resources": FindingKind("TR104", "critical", "Pod unschedulable: not enough CPU or memory"),
    "unbound_pvc": FindingKind("TR105", "critical", "PersistentVolumeClaim not bound"),
    "missing_config_or_secret": FindingKind("TR106", "critical", "Referenced ConfigMap or Secret missing"),
    "readiness_probe_failure": FindingKind("TR107", "warning", "Readiness probe failing"),
    "liveness_probe_failure": FindingKind("TR108", "warning", "Liveness probe restarting the container"),
    "argocd_server_crash": FindingKind("TR109", "critical", "argocd-server pod not running"),
    "node_taint_not_tolerated": FindingKind("TR110", "critical", "Pod unschedulable: no node it tolerates"),
    "no_endpoints_selector_mismatch": FindingKind("TR201", "critical", "Service has no ready endpoints"),
    "service_port_mismatch": FindingKind("TR202", "critical", "Service targetPort matches no container port"),
    "ingress_controller_missing": FindingKind("TR203", "warning", "Ingress has no address from a controller"),
    "ingress_backend_missing": FindingKind("TR204", "critical", "Ingress backend Service missing"),
    "dns_failure": FindingKind("TR205", "critical", "Cluster DNS lookups failing"),
    "tls_certificate_error": FindingKind("TR206", "critical", "TLS certificate rejected"),
    "rollout_paused": FindingKind("TR301", "info", "Rollout paused"),
    "rollout_aborted": FindingKind("TR302", "critical", "Rollout aborted"),
    "progress_deadline_exceeded": FindingKind("TR303", "critical", "Progress deadline exceeded"),
    "rollout_invalid_spec": FindingKind("TR304", "critical", "Rollout spec invalid"),
    "canary_not_supported": FindingKind("TR305", "info", "Canary weights without a traffic router"),
    "canary_ingress_conflict": FindingKind("TR306", "critical", "Canary Ingress owned by another object"),
    "rollouts_controller_down": FindingKind("TR307", "critical", "Rollout never seen by the Argo Rollouts controller"),
    "analysis_failed_metric": FindingKind("TR401", "critical", "AnalysisRun failed on its metric"),
    "analysis_failed_provider_error": FindingKind("TR402", "critical", "AnalysisRun errored (metric provider)"),
    "analysis_inconclusive": FindingKind("TR403", "warning", "AnalysisRun inconclusive"),
    "prometheus_unreachable": FindingKind("TR404", "critical", "Prometheus unreachable for analysis"),
    "analysis_no_data": FindingKind("TR405", "critical", "Analysis query returned no data"),
    "out_of_sync": FindingKind("TR501", "warning", "Application OutOfSync"),
    "comparison_error": FindingKind("TR502", "critical", "Application ComparisonError"),
    "repo_access": FindingKind("TR503", "critical", "Argo CD cannot read the repository"),
    "sync_failed": FindingKind("TR504", "critical", "Sync operation failed"),
    "sync_hook_failed": FindingKind("TR505", "critical", "Sync hook failed"),
    "port_forward_failure": FindingKind("TR506", "warning", "Port-forward failing"),
}


@dataclass(frozen=True)
class TriageFinding:
    code: str
    severity: str
    cause: str
    title: str
    object: str
    confidence: float
    evidence: tuple[str, ...]
    runbook: str
    url: str


@dataclass
class Collection:
    objects: list[dict[str, Any]] = field(default_factory=list)
    calls: list[ProcessResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def kubectl_base(context: str | None, kubeconfig: str | None) -> list[str]:
    argv = ["kubectl"]
    if kubeconfig:
        argv += ["--kubeconfig", kubeconfig]
    if context:
        argv += ["--context", context]
    return argv


def collect(namespace: str, *, app: str | None = None, context: str | None = None, kubeconfig: str | None = None,
            runner: Runner | None = None, timeout: float = 30.0) -> Collection:
    run: Runner = runner or (lambda argv: run_process(argv, timeout=timeout))
    base, out = kubectl_base(context, kubeconfig), Collection()

    def call(argv: list[str]) -> dict[str, Any] | None:
        result = run(argv)
        out.calls.append(result)
        if not result.ok:
            return None
        try:
            return json.loads(result.stdout)
        except ValueError:
            out.errors.append(f"{' '.join(argv)}: output is not JSON")
            return None

    get = [*base, "get", f"{CORE_KINDS},{ROLLOUT_KINDS}", "-n", namespace, "-o", "json"]
    data = call(get)
    if data is None and "doesn't have a resource type" in out.calls[-1].stderr:
        data = call([*base, "get", CORE_KINDS, "-n", namespace, "-o", "json"])  # no Argo Rollouts CRDs here
    if data is None:
        out.errors.append(_failure(out.calls[-1]))
    else:
        out.objects += data.get("items") or []
    events = call([*base, "get", "events", "-n", namespace, "-o", "json"])
    if events is None:
        out.errors.append(_failure(out.calls[-1]))
    else:
        out.objects += events.get("items") or []
    if app:
        application = call(["argocd", "app", "get", app, "-o", "json"])
        if application is None:
            out.errors.append(_failure(out.calls[-1]))
        else:
            out.objects.append({"kind": "Application", **application})
    return out


def _failure(result: ProcessResult) -> str:
    why = "timed out" if result.timed_out else (result.stderr.strip().splitlines() or ["failed"])[-1]
    return f"{' '.join(result.argv)}: {why}"


def _in_scope(finding: ObjectFinding, rollout: str | None) -> bool:
    """With --rollout, Rollout-side objects (rollout, its ReplicaSets, pods, AnalysisRuns) of other rollouts go."""
    if rollout is None or finding.kind not in ("Rollout", "AnalysisRun", "ReplicaSet", "Pod"):
        return True
    return finding.name == rollout or finding.name.startswith(f"{rollout}-")


def triage(objects: list[dict[str, Any]], table: Table, *, rollout: str | None = None) -> list[TriageFinding]:
    merged: dict[tuple[str, str], list[ObjectFinding]] = {}
    for f in analyze_objects(objects, table.matcher):
        if f.cause in FINDING_KINDS and _in_scope(f, rollout):
            merged.setdefault((f.cause, f.ref), []).append(f)
    found = []
    for (cause, ref), group in merged.items():
        info = table.causes.get(cause)
        if info is None:
            continue
        kind = FINDING_KINDS[cause]
        evidence = tuple(dict.fromkeys(f"{path}: {value}" for f in group for path, value in f.evidence))
        found.append(TriageFinding(kind.code, kind.severity, cause, kind.title, ref,
                                   max(f.confidence for f in group), evidence, info.runbook, table.url(cause)))
    return sorted(found, key=lambda f: (-SEVERITIES.index(f.severity), f.code, f.object))


def fails(findings: Sequence[TriageFinding], fail_on: str) -> bool:
    if fail_on == "none":
        return False
    return any(SEVERITIES.index(f.severity) >= SEVERITIES.index(fail_on) for f in findings)
