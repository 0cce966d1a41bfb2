"""Error texts as engineers paste them into search, copied from public issues and docs, with the cause they show.

Each entry is (query, cause id, source). The query is a line or the message part of a line, copied verbatim from the
source (the same captures tests/fixtures/outputs/ keeps for the analyzer, where the whole output is). A search
passes when a runbook with a section on that cause (data/causes.yaml id) is among the first three results. The site
search tests (tests/site/test_search.py) and `make bench` (scripts/bench_site.py) measure the same list.
"""

from __future__ import annotations

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
