"""A recorded-shape namespace for triage tests and the benchmark: 200 pods plus services, ingresses, a Rollout.

GENERATED, not captured: there is no cluster here. Every object follows the shape `kubectl get -o json` prints,
copied from real output (the Pod of https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/,
the Rollout and AnalysisRun status of the Argo Rollouts docs), with names and a few planted problems varied.
Deterministic: the same call returns the same objects, so counts in tests are exact.
"""

from __future__ import annotations

from typing import Any

NAMESPACE = "shop"

# What the planted problems must produce: (code, object).
PLANTED = {
    ("TR101", "Pod/checkout-7d9c4b8f6c-0"), ("TR103", "Pod/reports-5f6d7c8b9a-0"),
    ("TR201", "Service/payments"), ("TR202", "Service/web"), ("TR204", "Ingress/shop"),
    ("TR301", "Rollout/checkout"), ("TR401", "AnalysisRun/checkout-7d9c4b8f6c-2"),
    ("TR105", "PersistentVolumeClaim/data-db-0"),
}


def _meta(name: str, labels: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:
    return {"name": name, "namespace": NAMESPACE, "uid": f"uid-{name}", "resourceVersion": "1364",
            "creationTimestamp": "2022-02-17T21:51:01Z", "labels": labels or {}, **extra}


def _pod(name: str, app: str, image: str, state: dict[str, Any], ready: bool, *, last: dict[str, Any] | None = None,
         restarts: int = 0, port: int = 8080) -> dict[str, Any]:
    rs = name.rsplit("-", 1)[0]
    return {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": _meta(name, {"app": app, "pod-template-hash": rs.rsplit("-", 1)[-1]}, ownerReferences=[
            {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": rs, "controller": True, "uid": f"uid-{rs}"}]),
        "spec": {"containers": [{"name": app, "image": image, "imagePullPolicy": "Always",
                                 "ports": [{"name": "http", "containerPort": port, "protocol": "TCP"}],
                                 "readinessProbe": {"httpGet": {"path": "/healthz", "port": port}},
                                 "resources": {"limits": {"cpu": "500m", "memory": "128Mi"},
                                               "requests": {"cpu": "500m", "memory": "128Mi"}}}],
                 "nodeName": "kube-worker-1", "restartPolicy": "Always"},
        "status": {
            "phase": "Running" if "running" in state else "Pending",
            "conditions": [{"type": "Ready", "status": "True" if ready else "False"},
                           {"type": "PodScheduled", "status": "True"}],
            "containerStatuses": [{"name": app, "image": image, "ready": ready, "restartCount": restarts,
                                   "started": ready, "state": state, "lastState": last or {}}],
            "hostIP": "192.168.0.113", "podIP": "10.88.0.3", "qosClass": "Guaranteed"},
    }


def _service(name: str, selector: dict[str, str], target: int) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Service", "metadata": _meta(name),
            "spec": {"type": "ClusterIP", "selector": selector,
                     "ports": [{"name": "http", "port": 80, "protocol": "TCP", "targetPort": target}]}}


def namespace_list(pods: int = 200) -> dict[str, Any]:
    running = {"running": {"startedAt": "2022-02-17T21:51:05Z"}}
    items: list[dict[str, Any]] = []
    for i in range(pods - 8):
        items.append(_pod(f"frontend-67d4bdd6f5-{i}", "frontend", "nginx:1.25", running, True, port=80))
    for i in range(5):
        items.append(_pod(f"checkout-7d9c4b8f6c-{i}", "checkout", "registry.example/checkout:v1.8.0",
                          {"waiting": {"reason": "ImagePullBackOff",
                                       "message": 'Back-off pulling image "registry.example/checkout:v1.8.0"'}},
                          False))
    for i in range(3):
        items.append(_pod(f"reports-5f6d7c8b9a-{i}", "reports", "registry.example/reports:2.1",
                          {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed"}},
                          False, restarts=7, last={"terminated": {"reason": "OOMKilled", "exitCode": 137}}))
    items += [
        _service("frontend", {"app": "frontend"}, 80),
        _service("payments", {"app": "payment"}, 8080),  # the pods are labelled app=payments-api: selects nothing
        _service("web", {"app": "frontend"}, 8081),  # frontend containers listen on 80
        {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": _meta("shop"),
         "spec": {"ingressClassName": "nginx", "rules": [{"host": "shop.example.com", "http": {"paths": [
             {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "frontend", "port": {"number": 80}}}},
             {"path": "/api", "pathType": "Prefix",
              "backend": {"service": {"name": "shop-frontend", "port": {"number": 80}}}}]}}]},
         "status": {"loadBalancer": {"ingress": [{"ip": "192.168.0.200"}]}}},
        {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": _meta("data-db-0"),
         "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "10Gi"}},
                  "storageClassName": "fast"}, "status": {"phase": "Pending"}},
        {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": _meta("checkout"),
         "spec": {"replicas": 5, "strategy": {"canary": {
             "canaryService": "checkout-canary", "stableService": "checkout-stable",
             "trafficRouting": {"nginx": {"stableIngress": "shop"}},
             "steps": [{"setWeight": 20}, {"pause": {}}, {"setWeight": 50}]}}},
         "status": {"phase": "Paused", "message": "CanaryPauseStep", "currentStepIndex": 1,
                    "pauseConditions": [{"reason": "CanaryPauseStep", "startTime": "2022-02-17T21:55:01Z"}]}},
        {"apiVersion": "argoproj.io/v1alpha1", "kind": "AnalysisRun", "metadata": _meta("checkout-7d9c4b8f6c-2"),
         "status": {"phase": "Failed",
                    "message": 'Metric "success-rate" assessed Failed due to failed (3) > failureLimit (2)',
                    "metricResults": [{"name": "success-rate", "phase": "Failed", "failed": 3, "count": 3}]}},
    ]
    return {"apiVersion": "v1", "kind": "List", "items": items, "metadata": {"resourceVersion": ""}}


def events_list() -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": [
        {"apiVersion": "v1", "kind": "Event", "type": "Warning", "reason": "Failed", "count": 12,
         "metadata": _meta("checkout-7d9c4b8f6c-0.17c1"),
         "involvedObject": {"kind": "Pod", "name": "checkout-7d9c4b8f6c-0", "namespace": NAMESPACE},
         "message": 'Failed to pull image "registry.example/checkout:v1.8.0": rpc error: code = NotFound desc = '
                    'failed to pull and unpack image "registry.example/checkout:v1.8.0": not found'},
        {"apiVersion": "v1", "kind": "Event", "type": "Normal", "reason": "Scheduled", "count": 1,
         "metadata": _meta("frontend-67d4bdd6f5-0.17c0"),
         "involvedObject": {"kind": "Pod", "name": "frontend-67d4bdd6f5-0", "namespace": NAMESPACE},
         "message": "Successfully assigned shop/frontend-67d4bdd6f5-0 to kube-worker-1"},
    ]}


def healthy_list() -> dict[str, Any]:
    data = namespace_list(20)
    data["items"] = [o for o in data["items"] if o["metadata"]["name"].startswith("frontend")]
    return data
