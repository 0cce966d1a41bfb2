"""Analyzers over Kubernetes, Argo Rollouts and Argo CD objects (parsed `-o json`/`-o yaml` output).

Each analyzer reads one kind and returns what is wrong with each object, as a cause id with the fields that show
it. Cross-object checks (a Service and the pods it selects, an Ingress and its backends) use the `Namespace`
view of everything collected together; they only judge what was collected, never guess about what was not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .signatures import Matcher

Obj = dict[str, Any]


@dataclass(frozen=True)
class ObjectFinding:
    cause: str
    confidence: float
    kind: str
    name: str
    evidence: tuple[tuple[str, str], ...]  # (field path, value as shown in the object)

    @property
    def ref(self) -> str:
        return f"{self.kind}/{self.name}"


@dataclass
class Namespace:
    """Everything collected from one namespace, indexed by kind."""

    objects: list[Obj]
    matcher: Matcher  # reads the messages inside objects (conditions, events, measurements)
    by_kind: dict[str, list[Obj]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for obj in self.objects:
            self.by_kind.setdefault(str(obj.get("kind")), []).append(obj)

    def of(self, kind: str) -> list[Obj]:
        return self.by_kind.get(kind, [])

    def has(self, kind: str) -> bool:
        return kind in self.by_kind


def _name(obj: Obj) -> str:
    return str((obj.get("metadata") or {}).get("name", "?"))


def _found(cause: str, confidence: float, obj: Obj, *evidence: tuple[str, Any]) -> ObjectFinding:
    return ObjectFinding(cause, confidence, str(obj.get("kind")), _name(obj),
                         tuple((path, str(value)) for path, value in evidence if value not in (None, "")))


def _text_causes(obj: Obj, path: str, text: Any, ns: Namespace) -> Iterator[ObjectFinding]:
    """Messages (conditions, events, measurements) read with the same signatures as pasted text."""
    if not isinstance(text, str) or not text:
        return
    for line in text.splitlines() or [text]:
        for sig in ns.matcher.match(line):
            yield _found(sig.cause, sig.confidence, obj, (path, text))


# ----------------------------------------------------------------------------------------------------------------------
# Workloads
# ----------------------------------------------------------------------------------------------------------------------

_WAITING = {
    "ImagePullBackOff": ("image_pull_error", 0.9), "ErrImagePull": ("image_pull_error", 0.9),
    "InvalidImageName": ("image_pull_error", 0.9), "CrashLoopBackOff": ("crashloop", 0.85),
    "CreateContainerConfigError": ("missing_config_or_secret", 0.85),
}


def pod(obj: Obj, ns: Namespace) -> Iterator[ObjectFinding]:
    status = obj.get("status") or {}
    spec = obj.get("spec") or {}
    probes = {c.get("name"): c for c in (spec.get("containers") or [])}
    statuses = [("initContainerStatuses", s) for s in status.get("initContainerStatuses") or []]
    statuses += [("containerStatuses", s) for s in status.get("containerStatuses") or []]
    for group, cs in statuses:
        at = f"status.{group}[{cs.get('name')}]"
        waiting = (cs.get("state") or {}).get("waiting") or {}
        if waiting.get("reason") in _WAITING:
            cause, conf = _WAITING[waiting["reason"]]
            yield _found(cause, conf, obj, (f"{at}.state.waiting.reason", waiting["reason"]),
                         (f"{at}.state.waiting.message", waiting.get("message")))
        for state in ("state", "lastState"):
            term = (cs.get(state) or {}).get("terminated") or {}
            if term.get("reason") == "OOMKilled":
                yield _found("oom_killed", 0.95, obj, (f"{at}.{state}.terminated.reason", "OOMKilled"),
                             (f"{at}.{state}.terminated.exitCode", term.get("exitCode")))
        running = "running" in (cs.get("state") or {})
        container = probes.get(cs.get("name")) or {}
        if group == "containerStatuses" and running and not cs.get("ready") and container.get("readinessProbe"):
            yield _found("readiness_probe_failure", 0.6, obj, (f"{at}.ready", "false"))
    for cond in status.get("conditions") or []:
        if cond.get("type") == "PodScheduled" and cond.get("status") == "False":
            yield from _text_causes(obj, "status.conditions[PodScheduled].message", cond.get("message"), ns)
    if _name(obj).startswith("argocd-server-") and not all(
            cs.get("ready") for cs in status.get("containerStatuses") or [{}]):
        yield _found("argocd_server_crash", 0.8, obj, ("status.phase", status.get("phase")))


def deployment(obj: Obj, ns: Namespace) -> Iterator[ObjectFinding]:
    for cond in (obj.get("status") or {}).get("conditions") or []:
        if cond.get("type") == "Progressing" and cond.get("reason") == "ProgressDeadlineExceeded":
            yield _found("progress_deadline_exceeded", 0.9, obj, ("status.conditions[Progressing].reason",
                                                                  "ProgressDeadlineExceeded"),
                         ("status.conditions[Progressing].message", cond.get("message")))


def pvc(obj: Obj, ns: Namespace) -> Iterator[ObjectFinding]:
    if (obj.get("status") or {}).get("phase") == "Pending":
        yield _found("unbound_pvc", 0.85, obj, ("status.phase", "Pending"))


# ----------------------------------------------------------------------------------------------------------------------
# Services and ingress
# ----------------------------------------------------------------------------------------------------------------------

def _selects(selector: dict[str, str], pod_obj: Obj) -> bool:
    labels = (pod_obj.get("metadata") or {}).get("labels") or {}
    return all(labels.get(k) == v for k, v in selector.items())


def _pod_ready(pod_obj: Obj) -> bool:
    return any(c.get("type") == "Ready" and c.get("status") == "True"
               for c in (pod_obj.get("status") or {}).get("conditions") or [])


def service(obj: Obj, ns: Namespace) -> Iterator[ObjectFinding]:
    spec = obj.get("spec") or {}
    selector = spec.get("selector") or {}
    if not selector or spec.get("type") == "ExternalName" or not ns.has("Pod"):
        return  # without a selector, endpoints are managed by hand; without pods there is nothing to judge
    shown = ",".join(f"{k}={v}" for k, v in sorted(selector.items()))
    selected = [p for p in ns.of("Pod") if _selects(selector, p)]
    if not selected:
        yield _found("no_endpoints_selector_mismatch", 0.9, obj, ("spec.selector", shown), ("pods selected", "0"))
        return
    if not any(_pod_ready(p) for p in selected):
        yield _found("no_endpoints_selector_mismatch", 0.75, obj, ("spec.selector", shown),
                     ("ready pods selected", f"0 of {len(selected)}"))
    ports = [(c, p) for pod_obj in selected for c in (pod_obj.get("spec") or {}).get("containers") or []
             for p in c.get("ports") or []]
    if not ports:
        return  # containers that declare no ports may still listen; nothing to compare
    for sp in spec.get("ports") or []:
        target = sp.get("targetPort", sp.get("port"))
        if isinstance(target, str) and not target.isdigit():
            ok = any(p.get("name") == target for _, p in ports)
        else:
            ok = any(p.get("containerPort") == int(target) for _, p in ports)
        if not ok:
            declared = ",".join(sorted({f"{p.get('name') or '-'}={p.get('containerPort')}" for _, p in ports}))
            yield _found("service_port_mismatch", 0.8, obj, (f"spec.ports[{sp.get('name') or sp.get('port')}]"
                                                             ".targetPort", target), ("container ports", declared))


def endpoints(obj: Obj, ns: Namespace) -> Iterator[ObjectFinding]:
    if ns.has("Service"):
        return  # judged from the Service, which also says why
    subsets = obj.get("subsets") or []
    if not any(s.get("addresses") for s in subsets):
        yield _found("no_endpoints_selector_mismatch", 0.75, obj, ("subsets", "[]"))


def endpointslice(obj: Obj, ns: Namespace) -> Iterator[ObjectFinding]:
    if ns.has("Service"):
        return
    eps = obj.get("endpoints") or []
    if not any((e.get("conditions") or {}).get("ready", True) for e in eps):
        yield _found("no_endpoints_selector_mismatch", 0.7, obj, ("endpoints", "no ready endpoint"))


def _backends(spec: Obj) -> Iterator[tuple[str, str]]:
    default = (spec.get("defaultBackend") or spec.get("backend") or {})
    if default:
        yield "spec.defaultBackend", (default.get("service") or {}).get("name") or default.get("serviceName", "")
    for i, rule in enumerate(spec.get("rules") or []):
        for j, path in enumerate((rule.get("http") or {}).get("paths") or []):
            backend = path.get("backend") or {}
            name = (backend.get("service") or {}).get("name") or backend.get("serviceName")
            if name:
                yield f"spec.rules[{i}].http.paths[{j}].backend", name


def ingress(obj: Obj, ns: Namespace) -> Iterator[ObjectFinding]:
    lb = ((obj.get("status") or {}).get("loadBalancer") or {}).get("ingress")
    if not lb:
        yield _found("ingress_controller_missing", 0.6, obj, ("status.loadBalancer", "{}"))
    if not ns.has("Service"):
        return
    services = {_name(s): s for s in ns.of("Service")}
    for path, name in _backends(obj.get("spec") or {}):
        if name and name not in services:
            yield _found("ingress_backend_missing", 0.9, obj, (path, name), ("service", "not found"))


# ----------------------------------------------------------------------------------------------------------------------
# Argo Rollouts
# ----------------------------------------------------------------------------------------------------------------------

def rollout(obj: Obj, ns: Namespace) -> Iterator[ObjectFinding]:
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    if not status and (obj.get("metadata") or {}).get("creationTimestamp"):
        # Read from a cluster (it has a creation time) yet never given a status: no controller has seen it.
        yield _found("rollouts_controller_down", 0.6, obj, ("status", "(none)"),
                     ("metadata.creationTimestamp", obj["metadata"]["creationTimestamp"]))
    for cond in status.get("pauseConditions") or []:
        inconclusive = cond.get("reason") in ("InconclusiveAnalysisRun", "InconclusiveExperiment")
        cause = "analysis_inconclusive" if inconclusive else "rollout_paused"
        yield _found(cause, 0.85, obj, ("status.pauseConditions[].reason", cond.get("reason")))
    if status.get("phase") == "Paused" or spec.get("paused"):
        yield _found("rollout_paused", 0.85, obj, ("status.phase", status.get("phase")),
                     ("status.message", status.get("message")))
    if status.get("abort"):
        yield _found("rollout_aborted", 0.9, obj, ("status.abort", "true"), ("status.message", status.get("message")))
    for cond in status.get("conditions") or []:
        if cond.get("type") == "InvalidSpec" and cond.get("status") == "True":
            yield _found("rollout_invalid_spec", 0.95, obj, ("status.conditions[InvalidSpec].message",
                                                             cond.get("message")))
        if cond.get("reason") == "ProgressDeadlineExceeded":
            yield _found("progress_deadline_exceeded", 0.9, obj, ("status.conditions[Progressing].message",
                                                                  cond.get("message")))
    canary = (spec.get("strategy") or {}).get("canary")
    if isinstance(canary, dict) and not canary.get("trafficRouting") and any(
            "setWeight" in (s or {}) for s in canary.get("steps") or []):
        yield _found("canary_not_supported", 0.5, obj, ("spec.strategy.canary.trafficRouting", "(none)"))


_RUN_PHASES = {"Failed": ("analysis_failed_metric", 0.9), "Error": ("analysis_failed_provider_error", 0.9),
               "Inconclusive": ("analysis_inconclusive", 0.9)}


def analysisrun(obj: Obj, ns: Namespace) -> Iterator[ObjectFinding]:
    status = obj.get("status") or {}
    if status.get("phase") in _RUN_PHASES:
        cause, conf = _RUN_PHASES[status["phase"]]
        yield _found(cause, conf, obj, ("status.phase", status["phase"]), ("status.message", status.get("message")))
    for result in status.get("metricResults") or []:
        yield from _text_causes(obj, f"status.metricResults[{result.get('name')}].message", result.get("message"), ns)
        for m in (result.get("measurements") or [])[-3:]:
            yield from _text_causes(obj, f"status.metricResults[{result.get('name')}].measurements[].message",
                                    m.get("message"), ns)
            if m.get("value") == "[]":  # the query returned no series: the metric has nothing to judge
                yield _found("analysis_no_data", 0.8, obj,
                             (f"status.metricResults[{result.get('name')}].measurements[].value", "[]"))


# ----------------------------------------------------------------------------------------------------------------------
# Argo CD and events
# ----------------------------------------------------------------------------------------------------------------------

def application(obj: Obj, ns: Namespace) -> Iterator[ObjectFinding]:
    status = obj.get("status") or {}
    if (status.get("sync") or {}).get("status") == "OutOfSync":
        yield _found("out_of_sync", 0.7, obj, ("status.sync.status", "OutOfSync"))
    for cond in status.get("conditions") or []:
        if cond.get("type") == "ComparisonError":
            yield _found("comparison_error", 0.85, obj, ("status.conditions[ComparisonError].message",
                                                         cond.get("message")))
        yield from _text_causes(obj, f"status.conditions[{cond.get('type')}].message", cond.get("message"), ns)
    op = status.get("operationState") or {}
    if op.get("phase") in ("Failed", "Error"):
        yield _found("sync_failed", 0.8, obj, ("status.operationState.phase", op["phase"]),
                     ("status.operationState.message", op.get("message")))
    for res in (op.get("syncResult") or {}).get("resources") or []:
        if res.get("hookType") and res.get("hookPhase") in ("Failed", "Error"):
            yield _found("sync_hook_failed", 0.9, obj, ("syncResult.resources[].hookType", res["hookType"]),
                         (f"{res.get('kind')}/{res.get('name')}", res.get("message")))


def event(obj: Obj, ns: Namespace) -> Iterator[ObjectFinding]:
    if obj.get("type") == "Normal" and obj.get("reason") not in ("Killing", "BackOff"):
        return
    involved = obj.get("involvedObject") or obj.get("regarding") or {}
    target = {"kind": involved.get("kind", "Event"), "metadata": {"name": involved.get("name", _name(obj))}}
    yield from _text_causes(target, f"event {obj.get('reason')}", obj.get("message") or obj.get("note"), ns)


ANALYZERS: dict[str, Callable[[Obj, Namespace], Iterator[ObjectFinding]]] = {
    "Pod": pod, "Deployment": deployment, "PersistentVolumeClaim": pvc, "Service": service,
    "Endpoints": endpoints, "EndpointSlice": endpointslice, "Ingress": ingress, "Rollout": rollout,
    "AnalysisRun": analysisrun, "Application": application, "Event": event,
}


def analyze_objects(objects: list[Obj], matcher: Matcher) -> list[ObjectFinding]:
    """Every analyzer over every object it knows; unknown kinds yield nothing."""
    ns = Namespace(objects, matcher)
    found: list[ObjectFinding] = []
    for obj in objects:
        analyzer = ANALYZERS.get(str(obj.get("kind")))
        if analyzer:
            found.extend(analyzer(obj, ns))
    return found
