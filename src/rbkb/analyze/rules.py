"""Line rules: the text an expert recognises in kubectl, Argo Rollouts and Argo CD output, mapped to a cause.

Each rule is one regular expression over one line. A line that matches is verbatim evidence for the cause.
Rules are deliberately specific: a phrase that several causes share (`Back-off`, `Exit Code: 137`) is not a rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LineRule:
    cause: str
    pattern: re.Pattern[str]
    confidence: float
    unless: re.Pattern[str] | None = None  # a line that also matches this is not evidence (another cause owns it)

    def matches(self, line: str) -> bool:
        return bool(self.pattern.search(line)) and not (self.unless and self.unless.search(line))


def _r(cause: str, pattern: str, confidence: float, unless: str | None = None, flags: int = 0) -> LineRule:
    return LineRule(cause, re.compile(pattern, flags), confidence, re.compile(unless, flags) if unless else None)


_GIT = r"(?i)repo|\.git\b|git@|list refs|ls-remote|git-upload-pack|info/refs"
_PROM = r"(?i)prometheus|thanos|:9090\b"
_ANALYSIS_ROW = r"AnalysisRun\s+\S*\s*"


def _verdict(cause: str, phase: str, counter: str) -> tuple[LineRule, ...]:
    """A metric's verdict in each wording of the controller (analysis/analysis.go): the run's status message
    (`Metric "m" assessed Failed due to failed (2) > failureLimit (1)`), the log (older controllers: `metric assessed
    Failed: failed (2) > ...`; newer: `Metric Assessment Result - Failed: ...`) and the event (newer: `Metric 'm'
    Completed. Result: Failed`; older: `metric 'm' completed Failed`). The limit may be wrapped to the next line."""
    return (_r(cause, rf"assessed {phase}(?: due to|:) {counter} \(\d+\)", 0.9),
            _r(cause, rf"Metric Assessment Result - {phase}\b", 0.85),
            _r(cause, rf"Metric '[^']+' Completed\. Result: {phase}\b|metric '[^']+' completed {phase}\b", 0.85))


RULES: tuple[LineRule, ...] = (
    # --- pods ---------------------------------------------------------------------------------------------------------
    _r("image_pull_error", r"\b(ImagePullBackOff|ErrImagePull|ErrImageNeverPull|InvalidImageName)\b", 0.9),
    _r("image_pull_error", r"Failed to pull image", 0.9),
    _r("image_pull_error", r"Back-off pulling image", 0.85),
    _r("crashloop", r"\bCrashLoopBackOff\b", 0.85),
    _r("crashloop", r"Back-off restarting failed container", 0.8),
    _r("oom_killed", r"\bOOMKilled\b", 0.95),
    _r("oom_killed", r"\bOOMKilling\b|Memory cgroup out of memory", 0.8),
    _r("insufficient_resources", r"\bInsufficient (cpu|memory|pods|ephemeral-storage|[a-z0-9.-]+/[a-z0-9.-]+)\b", 0.9),
    _r("insufficient_resources", r"didn't have enough resource", 0.85),
    _r("unbound_pvc", r"unbound immediate PersistentVolumeClaims", 0.95),
    _r("unbound_pvc", r"no persistent volumes available for this claim", 0.9),
    _r("unbound_pvc", r"persistentvolumeclaim \"[^\"]+\" not found", 0.85),
    _r("missing_config_or_secret", r"\bCreateContainerConfigError\b", 0.85),
    _r("missing_config_or_secret", r"\b(secret|secrets|configmap|configmaps) \"[^\"]+\" not found", 0.9),
    _r("missing_config_or_secret", r"couldn't find key \S+ in (Secret|ConfigMap)", 0.9),
    _r("readiness_probe_failure", r"Readiness probe failed", 0.85),
    _r("readiness_probe_failure", r"Readiness probe errored", 0.75),
    _r("liveness_probe_failure", r"Liveness probe failed", 0.85),
    _r("liveness_probe_failure", r"failed liveness probe, will be restarted", 0.9),
    # --- services, DNS, ingress ---------------------------------------------------------------------------------------
    _r("no_endpoints_selector_mismatch", r"no endpoints available for service", 0.8),
    _r("dns_failure", r"connection timed out; no servers could be reached", 0.9),
    _r("dns_failure", r"\*\* server can't find \S+: NXDOMAIN", 0.85),
    _r("dns_failure", r"nslookup: can't resolve '", 0.85),
    _r("dns_failure", r"lookup \S+ on \S+:53: (no such host|server misbehaving|i/o timeout|read udp)", 0.7, _PROM),
    _r("ingress_controller_missing", r"Ignoring ingress because of error while validating ingress class", 0.85),
    _r("ingress_backend_missing",
       r"^(?!\s*Default backend:).*\S+:\S+ \((<error: endpoints \"[^\"]+\" not found>|<none>)\)", 0.85),
    _r("ingress_backend_missing", r"service \S+ does not have any active Endpoint", 0.85),
    _r("ingress_backend_missing", r"Error obtaining Endpoints for Service", 0.8),
    # --- Argo Rollouts ------------------------------------------------------------------------------------------------
    _r("canary_ingress_conflict", r"canary ingress .*controlled by different object", 0.95),
    # The controller's words for a canary without trafficRouting: weights become replica ratios.
    _r("canary_not_supported", r"No TrafficRouting Reconcilers found", 0.5),
    _r("rollout_paused", r"^Status:\s+॥\s*Paused", 0.85),
    _r("rollout_paused", r"\bRollout\s+॥\s*Paused", 0.8),
    _r("rollout_paused", r"Rollout is paused \((CanaryPauseStep|BlueGreenPause)\)", 0.8),  # controller log / event
    _r("rollout_aborted", r"\bRolloutAborted\b", 0.9),
    _r("rollout_aborted", r"^\s*Abort:\s+true\s*$", 0.85),
    _r("progress_deadline_exceeded", r"\bProgressDeadlineExceeded\b", 0.9),
    _r("progress_deadline_exceeded", r"has timed out progressing", 0.9),
    _r("rollout_invalid_spec", r"\bInvalidSpec\b", 0.9),
    _r("rollout_invalid_spec", r"The Rollout \"[^\"]+\" is invalid", 0.9),
    *_verdict("analysis_failed_metric", "Failed", "failed"),
    _r("analysis_failed_metric", _ANALYSIS_ROW + r"[✖✕]\s*Failed", 0.8),
    *_verdict("analysis_failed_provider_error", "Error", "consecutiveErrors"),
    _r("analysis_failed_provider_error", _ANALYSIS_ROW + r"[✖✕⚠]\s*Error", 0.8),
    *_verdict("analysis_inconclusive", "Inconclusive", "inconclusive"),
    _r("analysis_inconclusive", r"\bInconclusiveAnalysis(Run)?\b", 0.85),
    _r("analysis_inconclusive", _ANALYSIS_ROW + r"\S?\s*Inconclusive", 0.8),
    _r("prometheus_unreachable",
       r"(?i)(?=.*(prometheus|thanos))(?=.*(no such host|connection refused|i/o timeout|context deadline exceeded"
       r"|server misbehaving|no route to host))", 0.85),
    # --- Argo CD ------------------------------------------------------------------------------------------------------
    _r("repo_access", r"failed to list refs", 0.85),
    _r("repo_access", r"\bauthentication required\b", 0.85),
    _r("repo_access", r"[Rr]epository not found", 0.75),
    _r("repo_access", r"knownhosts: key is unknown|ssh: handshake failed", 0.85),
    _r("repo_access", r"(?=.*x509: certificate)(?=.*(" + _GIT[4:] + "))", 0.8, flags=re.I),
    _r("out_of_sync", r"^Sync Status:\s+OutOfSync\b", 0.7),
    _r("out_of_sync", r"\bOutOfSync\s+(Healthy|Progressing|Degraded|Missing|Suspended)\b", 0.6),
    _r("sync_hook_failed", r"\b(PreSync|PostSync|SyncFail)\b.*\b(Failed|Error|BackoffLimitExceeded)\b", 0.85),
    # A hook row of `argocd app get`/`app sync`: STATUS Failed, then HEALTH (may be blank), then the HOOK column.
    _r("sync_hook_failed", r"\s{2}(Failed|Error)\s{2,}(\S+\s{2,})?(PreSync|Sync|PostSync|SyncFail|PreDelete|PostDelete)"
       r"(\s{2,}|$)", 0.85),
    _r("sync_failed", r"one or more objects failed to apply", 0.85),
    _r("sync_failed", r"one or more synchronization tasks completed unsuccessfully", 0.8),
    _r("sync_failed", r"^Phase:\s+(Failed|Error)\s*$", 0.75),
    _r("sync_failed", r"\bSyncError\b", 0.8),
    _r("comparison_error", r"\bComparisonError\b", 0.85),
    _r("port_forward_failure", r"(?i)unable to listen on (port|any of the requested ports)", 0.95),
    _r("port_forward_failure", r"lost connection to pod", 0.9),
    _r("port_forward_failure", r"an error occurred forwarding \d+ -> \d+", 0.85),
    _r("tls_certificate_error",
       r"x509: certificate (signed by unknown authority|has expired|is valid for|is not valid)",
       0.9, _GIT),
    _r("tls_certificate_error", r"Kubernetes Ingress Controller Fake Certificate", 0.85),
    _r("tls_certificate_error", r"tls: failed to verify certificate|no alternative certificate subject name matches",
       0.85, _GIT),
)


# Every rule needs one of these words; most lines of a large object dump have none, so they skip all the rules.
# tests/analyze/test_diagnose.py checks that no rule matches a captured line this filter would skip.
HINT_WORDS = (
    "back-off", "backoff", "errimage", "invalidimage", "fail", "oom", "insufficient", "enough resource",
    "persistentvolume", "persistent volume", "not found", "couldn't find", "createcontainer", "probe", "endpoint",
    "resolve", "nxdomain", "no servers", "lookup", "ingress", "(<none>)", "controlled by", "paused", "abort",
    "deadline", "timed out", "invalid", "inconclusive", "error", "prometheus", "thanos", "refs", "authentication",
    "repository", "knownhosts", "handshake", "x509", "outofsync", "synchroniz", "listen on", "lost connection",
    "forwarding", "certificate", "tls:", "trafficrouting",
)


def hinted(line: str) -> bool:
    low = line.lower()
    return any(word in low for word in HINT_WORDS)


def match_line(line: str) -> list[LineRule]:
    if not hinted(line):
        return []
    return [rule for rule in RULES if rule.matches(line)]
