"""What people type or paste into the site's search, and where each must land: the sets the search tests
(tests/site/test_browser.py, test_search.py) and `make bench` (scripts/bench_site.py) measure.

- SYMPTOM_SEARCHES: the signal texts as the runbooks quote them, each with the runbook that must be in the top 3.
- REAL_ERRORS: error texts copied verbatim from public issues and docs, each with its source and the cause it shows
  (the same captures tests/fixtures/outputs/ keeps for the analyzer, where the whole output is). A search passes
  when a runbook with a section on that cause (data/causes.yaml id) is among the first three results.
- ONCALL_SEARCHES: what someone looking for whom to page types; the escalation matrix or the severity levels must
  be in the top 3.
- signal_searches(repo): every error-message and event-reason signal of every runbook, with the runbooks that list
  it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rbkb import urls
from rbkb.model import Repository

# What an engineer on call pastes or types, and the runbook that must be among the first three results. Texts are
# the tools' own output as the runbooks quote it. A bare number in a paste (`0/3 nodes`, `ActualWeight: 0`) is left
# out on purpose: Material adds a trailing wildcard to every term, so `0` matches every number on the site.
SYMPTOM_SEARCHES: list[tuple[str, str]] = [
    ("ImagePullBackOff", "pods-not-starting"),
    ("ErrImagePull", "pods-not-starting"),
    ("CrashLoopBackOff", "pods-not-starting"),
    ("Init:CrashLoopBackOff", "pods-not-starting"),
    ("CreateContainerConfigError", "pods-not-starting"),
    ("FailedScheduling", "pods-not-starting"),
    ("Insufficient cpu", "pods-not-starting"),
    ("502 Bad Gateway", "ingress-not-working"),
    ("ingress does not contain a valid IngressClass", "ingress-not-working"),
    ("OutOfSync", "argocd-app-not-syncing"),
    ("failed to list refs: authentication required", "argocd-app-not-syncing"),
    ("ComparisonError", "argocd-comparison-error"),
    ("ProgressDeadlineExceeded", "rollout-progress-deadline-exceeded"),
    ("connection refused", "service-not-accessible"),
    ("no endpoints", "service-not-accessible"),
    ("metric result is nil or empty", "analysis-failing"),
    ("assessed Failed due to failed", "analysis-failing"),
    ("InconclusiveAnalysisRun", "analysis-inconclusive"),
    ("InvalidSpec", "rollout-invalid-spec"),
    ("OOMKilled", "pod-oomkilled"),
    ("Exit Code 137", "pod-oomkilled"),
    ("java.lang.OutOfMemoryError: Java heap space", "pod-oomkilled"),
    ("Evicted", "pod-evicted-node-pressure"),
    ("The node was low on resource: memory.", "pod-evicted-node-pressure"),
    ("DiskPressure", "pod-evicted-node-pressure"),
    ("Kubernetes Ingress Controller Fake Certificate", "ingress-tls-certificate"),
    ("x509: certificate signed by unknown authority", "argocd-x509-certificate-error"),
    ("nginx.ingress.kubernetes.io/canary-weight", "traffic-not-shifting"),
    ("backendRef was not found in httpRoute", "gateway-api-traffic-not-shifting"),
    ("server misbehaving", "cluster-dns-failure"),
    ("Temporary failure in name resolution", "cluster-dns-failure"),
    ("[FATAL] plugin/loop: Loop", "cluster-dns-failure"),
    ("Liveness probe failed", "probe-failures"),
    ("Readiness probe failed: HTTP probe failed with statuscode: 503", "probe-failures"),
    ("BlueGreenPause", "bluegreen-promotion-problems"),
    ("Job has reached the specified backoff limit", "argocd-sync-hook-or-wave-failed"),
    ("Manifest generation error (cached)", "argocd-manifest-generation-error"),
    ("Invalid username or password", "argocd-login-sso-failure"),
    ("string field contains invalid UTF-8", "argocd-redis-secret-invalid-utf8"),
    ('error: the server doesn\'t have a resource type "rollouts"', "rollouts-controller-not-running"),
    ("ApplicationGenerationFromParamsError", "applicationset-no-applications"),
    ("Cannot evict pod as it would violate the pod's disruption budget.", "rollout-restart-downtime"),
    ("upstream timed out (110: Connection timed out)", "networkpolicy-blocking-traffic"),
    ("FailedGetScale", "rollout-hpa-conflict"),
    ("Failed to load live state: failed to get cluster info", "argocd-cluster-connection-lost"),
    ("Failed last sync attempt to", "argocd-auto-sync-not-retrying"),
    ("waiting for healthy state of argoproj.io/Rollout/", "argocd-wave-blocked-by-paused-rollout"),
    ("manually paused", "rollout-not-starting"),
    ("ERR_TOO_MANY_REDIRECTS", "argocd-ui-unreachable"),
    ("updated replicas are still becoming available", "rollout-stuck-progressing"),
    ("RolloutAborted", "rollout-degraded-after-abort"),
]


REAL_ERRORS: list[tuple[str, str, str]] = [
    # The three failing examples.
    ("x509: certificate signed by unknown authority", "repo_access",
     "https://github.com/argoproj/argo-cd/issues/703"),
    ('Back-off pulling image "gcr.io/google-samples/kubernetes-bootcamp:v10"', "image_pull_error",
     "https://github.com/kubernetes/website/issues/56173"),
    ("rpc error: code = Unknown desc = authentication required", "repo_access",
     "https://github.com/argoproj/argo-cd/issues/13023"),
    # Argo Rollouts
    ('Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)', "analysis_failed_metric",
     "https://github.com/argoproj/argo-rollouts/pull/1924"),
    ('time="2022-07-24T11:19:19Z" level=info msg="Metric Assessment Result - Failed: failed (1) > failureLimit (0)" '
     "metric=webmetric", "analysis_failed_metric", "https://github.com/argoproj/argo-rollouts/issues/2158"),
    ("Metric assessed Error due to consecutiveErrors (5) >", "analysis_failed_provider_error",
     "https://github.com/argoproj/argo-rollouts/issues/2258"),
    ('RolloutAborted: Rollout aborted update to revision 2: Metric "error-rate" assessed Error due to '
     'consecutiveErrors (5) > consecutiveErrorLimit (4): "Error Message: reflect: slice index out of range"',
     "analysis_failed_provider_error",
     "https://github.com/derio-net/frank/blob/61892b525d22fb7e2d0f647ee39611b3b7f69e3d/blog/content/docs/building/"
     "19-progressive-delivery/index.md"),
    ("reason: InconclusiveAnalysisRun", "analysis_inconclusive",
     "https://github.com/argoproj/argo-rollouts/blob/21b05802ee0feeca6e8f3cc7b7b25d525b6f495d/pkg/"
     "kubectl-argo-rollouts/info/testdata/experiment-analysis/rollout-experiment-analysis.yaml"),
    ('level=error msg="canary ingress controlled by different object" '
     "ingress=frontend-rollout-rollouts-frontend-stable-ingress-canary namespace=default rollout=frontend-rollout",
     "canary_ingress_conflict", "https://github.com/argoproj/argo-rollouts/issues/4837"),
    ('level=info msg="No TrafficRouting Reconcilers found" namespace=app-namespace rollout=application-internal',
     "canary_not_supported", "https://github.com/argoproj/argo-rollouts/issues/3316"),
    ('Error: The rollout is in a degraded state with message: ProgressDeadlineExceeded: ReplicaSet '
     '"public-satellite-pools-managed-satellite-envoy-v2-6f9df7c4bf" has timed out progressing.',
     "progress_deadline_exceeded", "https://github.com/argoproj/argo-rollouts/issues/1225"),
    ('ProgressDeadlineExceeded: ReplicaSet "mgr-poller-rollout-65985786b7" has timed out progressing.',
     "progress_deadline_exceeded", "https://github.com/argoproj/argo-rollouts/issues/1470"),
    ("RolloutAborted: Rollout is aborted", "rollout_aborted", "https://github.com/argoproj/argo-rollouts/issues/1152"),
    ("RolloutAborted: Rollout aborted update to revision 216", "rollout_aborted",
     "https://github.com/argoproj/argo-rollouts/issues/1624"),
    ('InvalidSpec: The Rollout "<r-name>" is invalid: spec.strategy.canary.steps[2].analysis.templates: Invalid '
     "value: \"<at-name>\": AnalysisTemplate '<at-name>' not found", "rollout_invalid_spec",
     "https://github.com/argoproj/argo-rollouts/issues/3504"),
    ('level=info msg="Rollout is paused (CanaryPauseStep)" event_reason=RolloutPaused namespace=test '
     "rollout=testapp-rollout", "rollout_paused", "https://github.com/argoproj/argo-rollouts/issues/4393"),
    # Argo CD
    ("ComparisonError    rpc error: code = Unknown desc = unknown error: remote:", "comparison_error",
     "https://github.com/argoproj/argo-cd/issues/13066"),
    ("Unable to load data: Get https://scm.intra/argocd/test/info/refs?service=git-upload-pack: x509: certificate "
     "signed by unknown authority", "repo_access", "https://github.com/argoproj/argo-cd/issues/703"),
    ('level=error msg="finished unary call with code Unknown" error="authentication required" grpc.code=Unknown '
     "grpc.method=ListRefs", "repo_access", "https://github.com/argoproj/argo-cd/issues/9857"),
    ("Failed sync attempt to ...: one or more objects failed to apply", "sync_failed",
     "https://github.com/argoproj/argo-cd/issues/4239"),
    ("Sync operation to fa875a82cc8438f051da7d67dd1e6ca863d638a4 failed: one or more objects failed to apply (dry run)",
     "sync_failed", "https://github.com/mabusaa/argocd-course-issues-tracker/issues/59"),
    ("batch  Job         storefront-dev  storefront-migration  Failed     Synced   PreSync  Job has reached the "
     "specified backoff limit", "sync_hook_failed",
     "https://github.com/varoonsahgal/argo-new/blob/aada8f0d2dfe2d73492693c46240f53e81ced9df/courseware/instructor/"
     "day-1/lab-03-deploy-drift-and-recover-SOLUTION.md"),
    ('Unable to create application: Get "https://<kube-cluster-hostname>/version?timeout=32s": x509: certificate '
     "signed by unknown authority", "tls_certificate_error", "https://github.com/argoproj/argo-cd/issues/7429"),
    ("WARNING: server certificate had error: x509: certificate signed by unknown authority. Proceed insecurely (y/n)?",
     "tls_certificate_error", "https://github.com/argoproj/argo-cd/issues/9429"),
    ("Sync Status:        OutOfSync from HEAD (fa81788)", "out_of_sync", "https://github.com/argoproj/argo-cd/issues/949"),
    # Kubernetes workloads
    ("Warning  BackOff    15s (x7 over 1m)  kubelet, csswn001d.openshift.smart.ph  Back-off restarting failed "
     "container", "crashloop", "https://github.com/openshift/origin/issues/23729"),
    ("nginx-d645d84b6-ftbwc   0/1     ImagePullBackOff   0          77s", "image_pull_error",
     "https://github.com/dgkanatsios/CKAD-exercises/pull/176"),
    ("Warning  Failed     2m6s (x5 over 5m13s)  kubelet            spec.containers{kubernetes-bootcamp}: Error: "
     "ErrImagePull", "image_pull_error", "https://github.com/kubernetes/website/issues/56173"),
    ("FailedScheduling  No nodes are available that match all of the following predicates:: Insufficient memory (3).",
     "insufficient_resources", "https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/"),
    ('Liveness probe failed: Get "http://240.160.3.25:9440/healthz": dial tcp 240.160.3.25:9440: connect: '
     "connection refused", "liveness_probe_failure", "https://github.com/fluxcd/flux2/issues/3813"),
    ("Container manager failed liveness probe, will be restarted", "liveness_probe_failure",
     "https://github.com/fluxcd/flux2/issues/3813"),
    ("Readiness probe failed: HTTP probe failed with statuscode: 404", "readiness_probe_failure",
     "https://github.com/argoproj/argo-cd/pull/531"),
    ("Error: couldn't find key VALUE in Secret default/aegis-secret-aegis-workload-demo", "missing_config_or_secret",
     "https://github.com/shieldworks/aegis/issues/293"),
    ('MountVolume.SetUp failed for volume "contourcert" : secret "contourcert" not found', "missing_config_or_secret",
     "https://github.com/projectcontour/contour/issues/3548"),
    ('Error: secrets "secrets-2.16.4-1" not found', "missing_config_or_secret",
     "https://github.com/cloudfoundry/eirini-release/issues/111"),
    ("sample-mychart-6bfc89db65-j9g9z   0/1     Init:CreateContainerConfigError   0          108s",
     "missing_config_or_secret", "https://github.com/ibm-cloud-labs/iks-handson/issues/7"),
    ("tax-tribunals-application-base-74464f6b98-2kj6g      0/1     OOMKilled   4 (57s ago)   2m40s", "oom_killed",
     "https://github.com/hmcts/cnp-flux-config/pull/28772"),
    ("0/2 nodes are available: 2 pod has unbound immediate PersistentVolumeClaims.", "unbound_pvc",
     "https://github.com/kubevious/kubevious/issues/53"),
    # Ingress, DNS, Prometheus, port-forward
    ('Error obtaining Endpoints for Service "ingress-nginx/webapp": no object matching key "ingress-nginx/webapp" in '
     "local store", "ingress_backend_missing", "https://github.com/kubernetes/ingress-nginx/issues/5973"),
    ('/   web:8080 (<error: endpoints "web" not found>)', "ingress_backend_missing",
     "https://github.com/kubernetes/website/issues/28046"),
    ("** server can't find kubernetes: NXDOMAIN", "dns_failure", "https://github.com/kubernetes/dns/issues/253"),
    (";; connection timed out; no servers could be reached", "dns_failure",
     "https://github.com/kubernetes-sigs/external-dns/issues/2027"),
    ("nslookup: can't resolve 'kubernetes.default': Try again", "dns_failure",
     "https://github.com/kubernetes/kubernetes/issues/62777"),
    ("dial tcp: lookup prometheus.default.svc ... no such host", "prometheus_unreachable",
     "https://github.com/alphagov/govuk-helm-charts/pull/3231"),
    ("error: Unable to listen on any of the requested ports: [{8080 9090}]", "port_forward_failure",
     "https://github.com/aws-samples/eks-workshop/issues/325"),
    ("error: lost connection to pod", "port_forward_failure", "https://github.com/kubernetes/kubectl/issues/1169"),
]

ONCALL_SEARCHES = ["escalation", "on-call", "page", "SEV1", "pagerduty", "who to page", "oncall"]
ONCALL_PAGES = {urls.ESCALATION_DOC, urls.SEVERITY_DOC}
SIGNAL_KINDS = ("error_message", "event_reason")


def page_path(doc: str) -> str:
    """A docs file as the site-relative URL path search results use (`runbooks/x/`)."""
    return urls.page_url("", doc).lstrip("/")


def cause_runbooks(repo: Repository, cause: str) -> set[str]:
    return {page_path(urls.runbook_doc(rb.id)) for rb in repo.runbooks if any(c.id == cause for c in rb.causes)}


def signal_searches(repo: Repository) -> list[tuple[str, set[str]]]:
    """Every error-message and event-reason signal text, with the pages of the runbooks that list it."""
    found: dict[str, set[str]] = {}
    for rb in repo.runbooks:
        for s in rb.symptoms.signals:
            if s.kind in SIGNAL_KINDS:
                found.setdefault(s.text, set()).add(page_path(urls.runbook_doc(rb.id)))
    return sorted(found.items())


@dataclass
class Outcome:
    query: str
    wanted: set[str]
    top: list[str]  # result pages, best first (site-relative paths)

    @property
    def hit(self) -> bool:
        return bool(self.wanted & set(self.top[:3]))


def run_set(search: Callable[[str], list[str]], queries: list[tuple[str, set[str]]]) -> list[Outcome]:
    """`search(query)` returns result page paths, best first."""
    return [Outcome(q, wanted, search(q)) for q, wanted in queries]


def all_sets(repo: Repository) -> dict[str, list[tuple[str, set[str]]]]:
    """The named query sets, each query with the pages that count as a hit."""
    oncall = {page_path(d) for d in ONCALL_PAGES}
    return {
        "symptom texts (runbooks)": [(q, {page_path(urls.runbook_doc(rb))}) for q, rb in SYMPTOM_SEARCHES],
        "real error texts (public issues)": [(q, cause_runbooks(repo, c)) for q, c, _src in REAL_ERRORS],
        "runbook signals (error, event)": signal_searches(repo),
        "on-call words": [(q, oncall) for q in ONCALL_SEARCHES],
    }
