"""Resource types kubectl may be given: built-in kinds and the custom resources this platform's users run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import GENERATOR

K8S_DOC = "https://kubernetes.io/docs/reference/kubectl/#resource-types"
# (plural, singular, short names, group, namespaced, kind)
BUILTIN = [
    ("bindings", "binding", [], "", True, "Binding"),
    ("componentstatuses", "componentstatus", ["cs"], "", False, "ComponentStatus"),
    ("configmaps", "configmap", ["cm"], "", True, "ConfigMap"),
    ("endpoints", "endpoints", ["ep"], "", True, "Endpoints"),
    ("events", "event", ["ev"], "", True, "Event"),
    ("limitranges", "limitrange", ["limits"], "", True, "LimitRange"),
    ("namespaces", "namespace", ["ns"], "", False, "Namespace"),
    ("nodes", "node", ["no"], "", False, "Node"),
    ("persistentvolumeclaims", "persistentvolumeclaim", ["pvc"], "", True, "PersistentVolumeClaim"),
    ("persistentvolumes", "persistentvolume", ["pv"], "", False, "PersistentVolume"),
    ("pods", "pod", ["po"], "", True, "Pod"),
    ("podtemplates", "podtemplate", [], "", True, "PodTemplate"),
    ("replicationcontrollers", "replicationcontroller", ["rc"], "", True, "ReplicationController"),
    ("resourcequotas", "resourcequota", ["quota"], "", True, "ResourceQuota"),
    ("secrets", "secret", [], "", True, "Secret"),
    ("serviceaccounts", "serviceaccount", ["sa"], "", True, "ServiceAccount"),
    ("services", "service", ["svc"], "", True, "Service"),
    ("mutatingwebhookconfigurations", "mutatingwebhookconfiguration", [], "admissionregistration.k8s.io", False,
     "MutatingWebhookConfiguration"),
    ("validatingwebhookconfigurations", "validatingwebhookconfiguration", [], "admissionregistration.k8s.io", False,
     "ValidatingWebhookConfiguration"),
    ("validatingadmissionpolicies", "validatingadmissionpolicy", [], "admissionregistration.k8s.io", False,
     "ValidatingAdmissionPolicy"),
    ("validatingadmissionpolicybindings", "validatingadmissionpolicybinding", [], "admissionregistration.k8s.io",
     False, "ValidatingAdmissionPolicyBinding"),
    ("customresourcedefinitions", "customresourcedefinition", ["crd", "crds"], "apiextensions.k8s.io", False,
     "CustomResourceDefinition"),
    ("apiservices", "apiservice", [], "apiregistration.k8s.io", False, "APIService"),
    ("controllerrevisions", "controllerrevision", [], "apps", True, "ControllerRevision"),
    ("daemonsets", "daemonset", ["ds"], "apps", True, "DaemonSet"),
    ("deployments", "deployment", ["deploy"], "apps", True, "Deployment"),
    ("replicasets", "replicaset", ["rs"], "apps", True, "ReplicaSet"),
    ("statefulsets", "statefulset", ["sts"], "apps", True, "StatefulSet"),
    ("selfsubjectreviews", "selfsubjectreview", [], "authentication.k8s.io", False, "SelfSubjectReview"),
    ("tokenreviews", "tokenreview", [], "authentication.k8s.io", False, "TokenReview"),
    ("localsubjectaccessreviews", "localsubjectaccessreview", [], "authorization.k8s.io", True,
     "LocalSubjectAccessReview"),
    ("selfsubjectaccessreviews", "selfsubjectaccessreview", [], "authorization.k8s.io", False,
     "SelfSubjectAccessReview"),
    ("selfsubjectrulesreviews", "selfsubjectrulesreview", [], "authorization.k8s.io", False, "SelfSubjectRulesReview"),
    ("subjectaccessreviews", "subjectaccessreview", [], "authorization.k8s.io", False, "SubjectAccessReview"),
    ("horizontalpodautoscalers", "horizontalpodautoscaler", ["hpa"], "autoscaling", True, "HorizontalPodAutoscaler"),
    ("cronjobs", "cronjob", ["cj"], "batch", True, "CronJob"),
    ("jobs", "job", [], "batch", True, "Job"),
    ("certificatesigningrequests", "certificatesigningrequest", ["csr"], "certificates.k8s.io", False,
     "CertificateSigningRequest"),
    ("leases", "lease", [], "coordination.k8s.io", True, "Lease"),
    ("endpointslices", "endpointslice", [], "discovery.k8s.io", True, "EndpointSlice"),
    ("events", "event", ["ev"], "events.k8s.io", True, "Event"),
    ("flowschemas", "flowschema", [], "flowcontrol.apiserver.k8s.io", False, "FlowSchema"),
    ("prioritylevelconfigurations", "prioritylevelconfiguration", [], "flowcontrol.apiserver.k8s.io", False,
     "PriorityLevelConfiguration"),
    ("ingressclasses", "ingressclass", [], "networking.k8s.io", False, "IngressClass"),
    ("ingresses", "ingress", ["ing"], "networking.k8s.io", True, "Ingress"),
    ("networkpolicies", "networkpolicy", ["netpol"], "networking.k8s.io", True, "NetworkPolicy"),
    ("runtimeclasses", "runtimeclass", [], "node.k8s.io", False, "RuntimeClass"),
    ("poddisruptionbudgets", "poddisruptionbudget", ["pdb"], "policy", True, "PodDisruptionBudget"),
    ("clusterrolebindings", "clusterrolebinding", [], "rbac.authorization.k8s.io", False, "ClusterRoleBinding"),
    ("clusterroles", "clusterrole", [], "rbac.authorization.k8s.io", False, "ClusterRole"),
    ("rolebindings", "rolebinding", [], "rbac.authorization.k8s.io", True, "RoleBinding"),
    ("roles", "role", [], "rbac.authorization.k8s.io", True, "Role"),
    ("priorityclasses", "priorityclass", ["pc"], "scheduling.k8s.io", False, "PriorityClass"),
    ("csidrivers", "csidriver", [], "storage.k8s.io", False, "CSIDriver"),
    ("csinodes", "csinode", [], "storage.k8s.io", False, "CSINode"),
    ("csistoragecapacities", "csistoragecapacity", [], "storage.k8s.io", True, "CSIStorageCapacity"),
    ("storageclasses", "storageclass", ["sc"], "storage.k8s.io", False, "StorageClass"),
    ("volumeattachments", "volumeattachment", [], "storage.k8s.io", False, "VolumeAttachment"),
]
BUILTIN_SOURCE = (
    K8S_DOC + " (table 'accurate as of Kubernetes 1.25.0', kubernetes/website "
    "content/en/docs/reference/kubectl/_index.md), adjusted for v1.32: podsecuritypolicies removed (v1.25); "
    "validatingadmissionpolicies/-bindings (GA v1.30) and selfsubjectreviews (GA v1.28) added"
)

PROM_SRC = "https://github.com/prometheus-operator/prometheus-operator"
PROMETHEUS_OPERATOR = [
    ("servicemonitors", "servicemonitor", ["smon"], "ServiceMonitor", True,
     PROM_SRC + "/blob/01b1a0ea3113af46d69ae3d2ee717bd10b2de1d1/example/prometheus-operator-crd/"
     "monitoring.coreos.com_servicemonitors.yaml (operator v0.84.1)"),
    ("podmonitors", "podmonitor", ["pmon"], "PodMonitor", True,
     PROM_SRC + "/blob/0ff52b38b82db983c210eae0147d7d675a23ca70/example/prometheus-operator-crd/"
     "monitoring.coreos.com_podmonitors.yaml (operator v0.87.0)"),
    ("prometheusrules", "prometheusrule", ["promrule"], "PrometheusRule", True,
     PROM_SRC + "/blob/2de7fa35f1dae33ca3dfc392b27dbf06a93d5c4d/example/prometheus-operator-crd/"
     "monitoring.coreos.com_prometheusrules.yaml (operator v0.76.0)"),
    ("probes", "probe", ["prb"], "Probe", True,
     PROM_SRC + " pkg/apis/monitoring/v1/probe_types.go (+kubebuilder:resource shortName=\"prb\")"),
    ("prometheuses", "prometheus", ["prom"], "Prometheus", True,
     PROM_SRC + " pkg/apis/monitoring/v1/prometheus_types.go (+kubebuilder:resource shortName=\"prom\")"),
    ("prometheusagents", "prometheusagent", ["promagent"], "PrometheusAgent", True,
     PROM_SRC + " pkg/apis/monitoring/v1alpha1/prometheusagent_types.go (shortName=\"promagent\")"),
    ("alertmanagers", "alertmanager", ["am"], "Alertmanager", True,
     PROM_SRC + " pkg/apis/monitoring/v1/alertmanager_types.go (shortName=\"am\")"),
    ("alertmanagerconfigs", "alertmanagerconfig", ["amcfg"], "AlertmanagerConfig", True,
     PROM_SRC + " pkg/apis/monitoring/v1alpha1/alertmanager_config_types.go (shortName=\"amcfg\")"),
    ("scrapeconfigs", "scrapeconfig", ["scfg"], "ScrapeConfig", True,
     PROM_SRC + " pkg/apis/monitoring/v1alpha1/scrapeconfig_types.go (shortName=\"scfg\")"),
    ("thanosrulers", "thanosruler", ["ruler"], "ThanosRuler", True,
     PROM_SRC + " pkg/apis/monitoring/v1/thanos_types.go (shortName=\"ruler\")"),
]

GW_SRC = "https://github.com/kubernetes-sigs/gateway-api"
GATEWAY_API = [
    ("gateways", "gateway", ["gtw"], "Gateway", True,
     GW_SRC + "/blob/818768c3c5317d50d03025b533b43558369a1768/config/crd/standard/"
     "gateway.networking.k8s.io_gateways.yaml (bundle v1.0.0)"),
    ("gatewayclasses", "gatewayclass", ["gc"], "GatewayClass", False,
     GW_SRC + " apis/v1/gatewayclass_types.go (+kubebuilder:resource scope=Cluster,shortName=gc)"),
    ("httproutes", "httproute", [], "HTTPRoute", True, GW_SRC + " config/crd/standard (no shortNames)"),
    ("grpcroutes", "grpcroute", [], "GRPCRoute", True, GW_SRC + " config/crd/standard (no shortNames)"),
    ("referencegrants", "referencegrant", ["refgrant"], "ReferenceGrant", True,
     GW_SRC + " apis/v1beta1/referencegrant_types.go (+kubebuilder:resource shortName=refgrant)"),
    ("tlsroutes", "tlsroute", [], "TLSRoute", True, GW_SRC + " config/crd/standard"),
    ("tcproutes", "tcproute", [], "TCPRoute", True, GW_SRC + " config/crd/experimental"),
    ("udproutes", "udproute", [], "UDPRoute", True, GW_SRC + " config/crd/experimental"),
    ("backendtlspolicies", "backendtlspolicy", [], "BackendTLSPolicy", True, GW_SRC + " config/crd/standard"),
]


def crd_rows(text: str, source: str) -> list[dict[str, Any]]:
    """One resource row per CustomResourceDefinition in a (multi-document) YAML text (libyaml's parser when PyYAML
    has it: the CRD files are megabytes of schema)."""
    import yaml  # PyYAML is a project dependency

    from ...yamlpos import FAST_LOADER

    rows = []
    for doc in yaml.load_all(text, Loader=FAST_LOADER):  # a safe loader: CSafeLoader or SafeLoader
        if not isinstance(doc, dict) or doc.get("kind") != "CustomResourceDefinition":
            continue
        names = doc["spec"]["names"]
        rows.append({
            "plural": names["plural"],
            "singular": names.get("singular") or names["kind"].lower(),
            "short_names": list(names.get("shortNames") or []),
            "group": doc["spec"]["group"],
            "namespaced": doc["spec"]["scope"] == "Namespaced",
            "kind": names["kind"],
            "categories": list(names.get("categories") or []),
            "source": source,
        })
    return rows


def gen_resources(shared: Path) -> dict[str, Any]:
    from .crd_catalogue import CRDS

    res: list[dict[str, Any]] = []
    for plural, singular, shorts, group, ns, kind in BUILTIN:
        if (plural, group) in {(r["plural"], r["group"]) for r in res}:
            continue
        res.append({"plural": plural, "singular": singular, "short_names": shorts, "group": group,
                    "namespaced": ns, "kind": kind, "categories": [], "source": K8S_DOC})
    all_cat = {"pods", "services", "daemonsets", "deployments", "replicasets", "statefulsets",
               "horizontalpodautoscalers", "cronjobs", "jobs", "replicationcontrollers"}
    for r in res:
        if r["plural"] in all_cat:
            r["categories"] = ["all"]

    crd_dir = shared / "reference" / "crds"
    readme = (shared / "reference" / "README.md").read_text(encoding="utf-8")
    crd_sources = {}
    for folder, repo in (("argo-rollouts", "argoproj/argo-rollouts"), ("argo-cd", "argoproj/argo-cd")):
        sec = readme.split(f"## crds/{folder}/", 1)[1].split("\n## ", 1)[0]
        m = re.search(r"Commit: `([0-9a-f]{40})`", sec)
        if m is None:
            raise ValueError(f"reference README: no commit for crds/{folder}/")
        crd_sources[folder] = f"https://github.com/{repo}/blob/{m.group(1)}/manifests/crds/"
    for path in sorted(crd_dir.glob("*/*.yaml")):
        res += crd_rows(path.read_text(encoding="utf-8"), crd_sources[path.parent.name] + path.name)
    for table, group, cat in ((PROMETHEUS_OPERATOR, "monitoring.coreos.com", "prometheus-operator"),
                              (GATEWAY_API, "gateway.networking.k8s.io", "gateway-api")):
        for plural, singular, shorts, kind, ns, src in table:
            res.append({"plural": plural, "singular": singular, "short_names": shorts, "group": group,
                        "namespaced": ns, "kind": kind, "categories": [cat], "source": src})
    known = {(r["group"], r["plural"]) for r in res}
    res += [dict(row) for row in CRDS if (row["group"], row["plural"]) not in known]
    for r in res:
        # which meaning of a shared short name (`ar`: Argo Rollouts AnalysisRun or APISIX ApisixRoute) comes first
        r["rank"] = 0 if r["source"] == K8S_DOC else 1 if r["group"] == "argoproj.io" else 2
    res.sort(key=lambda r: (r["group"], r["plural"]))
    return {
        "_source": {
            "builtin": BUILTIN_SOURCE,
            "argo": "CustomResourceDefinitions in shared/reference/crds (see each entry's source)",
            "prometheus-operator": PROM_SRC + " (CRD YAML / kubebuilder markers, see each entry's source)",
            "gateway-api": GW_SRC + " (CRD YAML / kubebuilder markers, see each entry's source)",
            "traffic routers and cert-manager": "CustomResourceDefinitions of each project at a pinned commit "
            "(rbkb.tools.generate.crd_catalogue, see each entry's source)",
            "generator": GENERATOR + " resources",
            "note": "kubectl cannot list resource types without a server (kubectl api-resources needs one)",
        },
        "resources": res,
    }
