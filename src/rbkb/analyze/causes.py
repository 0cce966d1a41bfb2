"""From evidence to ranked causes: merge hits per cause, let a root cause outrank its symptom, link the runbook."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Self

from .signatures import Table

MAX_EVIDENCE = 6  # evidence lines kept per cause
# How evidence adds up (`rank`); the paste box ranks with the same numbers (rbkb.analyze.table.browser_table).
PER_LINE = 0.03  # added per further independent evidence line
LINES_COUNTED = 4  # lines beyond this many add nothing
CEILING = 0.99  # no cause is ever certain
BELOW_ROOT = 0.05  # a symptom ranks this far below the root cause that explains it


class Evidence(str):
    """One input line, verbatim (the string itself), and where it was found and what recognised it.

    A `str`, so everything that shows evidence as lines keeps working; the attributes say which input (a file name
    or `-`), which pasted segment of it and which line, and which tool's wording (or `structure` for a check that
    reads tables, describe blocks or objects) it is.
    """

    input: str
    segment: int
    line_no: int
    tool: str
    versions: str | None
    output: int  # position of its input among the inputs of one analysis

    def __new__(cls, line: str, *, input: str = "", segment: int = 0, line_no: int = 0, tool: str = "structure",
                versions: str | None = None, output: int = 0) -> Self:
        self = super().__new__(cls, line)
        self.input, self.segment, self.line_no, self.tool, self.versions = input, segment, line_no, tool, versions
        self.output = output
        return self

    @property
    def where(self) -> str:
        at = f"{self.input or '-'}:{self.line_no}" if self.line_no else (self.input or "-")
        return f"{at}, segment {self.segment}" if self.segment else at

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"line": str(self), "input": self.input, "segment": self.segment,
                                   "line_no": self.line_no, "tool": self.tool}
        if self.versions:
            data["versions"] = self.versions
        return data


Hit = tuple[str, float, list[Evidence]]


@dataclass(frozen=True)
class CauseFinding:
    id: str  # cause id from data/causes.yaml
    runbook: str  # runbook id whose section explains it
    confidence: float  # 0.0-1.0
    evidence: tuple[Evidence, ...]  # the input lines that prove it, verbatim, with where they came from
    url: str  # absolute URL of the runbook's cause section
    title: str = ""
    fix: tuple[str, ...] = ()


# Causes the structural checks (tables, describe blocks, parsed objects, several outputs together) report without a
# signature; tests/analyze/test_diagnose.py checks this against the cause ids in the analyzer code.
STRUCTURAL_CAUSES = frozenset({
    "no_endpoints_selector_mismatch", "ingress_controller_missing", "unbound_pvc", "out_of_sync", "argocd_server_crash",
    "service_port_mismatch", "image_pull_error", "crashloop", "missing_config_or_secret", "oom_killed",
    "readiness_probe_failure", "progress_deadline_exceeded", "ingress_backend_missing", "analysis_inconclusive",
    "rollout_paused", "rollout_aborted", "rollout_invalid_spec", "canary_not_supported", "analysis_failed_metric",
    "analysis_failed_provider_error", "comparison_error", "sync_failed", "sync_hook_failed", "analysis_no_data",
    "rollouts_controller_down", "insufficient_resources", "liveness_probe_failure",
})

# A symptom that a root cause explains: when both are found, the symptom ranks just below the root cause.
EXPLAINED_BY: dict[str, tuple[str, ...]] = {
    "crashloop": ("oom_killed", "liveness_probe_failure", "missing_config_or_secret", "argocd_server_crash"),
    "progress_deadline_exceeded": ("image_pull_error", "crashloop", "oom_killed", "insufficient_resources",
                                   "unbound_pvc", "missing_config_or_secret", "readiness_probe_failure",
                                   "node_taint_not_tolerated", "missing_service"),
    "rollout_aborted": ("analysis_failed_metric", "analysis_failed_provider_error", "progress_deadline_exceeded",
                        "analysis_nan_result", "analysis_no_data"),
    "rollout_paused": ("analysis_inconclusive",),
    "analysis_failed_provider_error": ("prometheus_unreachable", "analysis_no_data", "analysis_nan_result"),
    "comparison_error": ("repo_access", "manifest_render_error", "manifest_generation_timeout", "repo_server_disk_full",
                         "static_schema_missing_field", "duplicate_list_keys", "cluster_unreachable",
                         "cluster_credentials_invalid", "app_spec_invalid", "rollout_crds_missing"),
    "no_endpoints_selector_mismatch": ("readiness_probe_failure",),
    "readiness_probe_failure": ("liveness_probe_failure", "probe_misconfigured"),
    "liveness_probe_failure": ("probe_misconfigured",),
    "sync_failed": ("sync_hook_failed", "cluster_credentials_invalid", "rollout_crds_missing", "app_spec_invalid"),
    "rollout_invalid_spec": ("missing_service", "rollout_service_selector_mismatch", "service_managed_by_other_rollout",
                             "analysis_template_invalid", "stable_ingress_missing_stable_backend"),
    "tls_certificate_error": ("tls_secret_unusable", "tls_certificate_expired"),
    "oom_killed": ("node_oom_kill",),
    "out_of_sync": ("comparison_error", "sync_failed", "repo_access", "manifest_render_error"),
    "rollouts_controller_down": ("rollouts_controller_rbac_denied",),
}


def rank(hits: Iterable[Hit], explained_by: dict[str, tuple[str, ...]] | None = None
         ) -> list[tuple[str, float, tuple[Evidence, ...]]]:
    """Merge (cause, confidence, lines) hits: the best confidence, +0.03 per further independent line (max 0.99).

    Lines from several inputs add up the same way: a cause shown by two pasted outputs is surer than by one.
    """
    best: dict[str, float] = {}
    evidence: dict[str, dict[str, tuple[float, int, Evidence]]] = {}
    order = 0
    for cause, confidence, lines in hits:
        best[cause] = max(best.get(cause, 0.0), confidence)
        seen = evidence.setdefault(cause, {})
        for line in lines:
            order += 1
            if str(line) not in seen:
                seen[str(line)] = (confidence, order, line)
    scored = {c: min(CEILING, best[c] + PER_LINE * max(0, min(len(evidence[c]), LINES_COUNTED) - 1)) for c in best}
    # A chain (abort <- provider error <- empty query result) settles after as many passes as it has links.
    explains = EXPLAINED_BY if explained_by is None else explained_by
    for _ in range(len(explains)):
        changed = False
        for symptom, roots in explains.items():
            present = [scored[r] for r in roots if r in scored]
            if symptom in scored and present and scored[symptom] > max(present) - BELOW_ROOT:
                scored[symptom], changed = max(present) - BELOW_ROOT, True
        if not changed:
            break
    ranked = []
    for cause, by_line in evidence.items():
        top = sorted(by_line.values(), key=lambda e: (-e[0], e[1]))[:MAX_EVIDENCE]
        ranked.append((cause, round(scored[cause], 2), tuple(e for _, _, e in sorted(top, key=lambda e: e[1]))))
    return sorted(ranked, key=lambda r: (-r[1], r[0]))


def to_findings(ranked: Sequence[tuple[str, float, tuple[Evidence, ...]]], table: Table) -> list[CauseFinding]:
    found = []
    for cause, confidence, evidence in ranked:
        info = table.causes.get(cause)
        if info is None:
            continue  # a cause no runbook explains is not reported: there is nothing to link or to do
        found.append(CauseFinding(cause, info.runbook, confidence, evidence, table.url(cause), info.title, info.fix))
    return found


def findings_json(findings: Sequence[CauseFinding], notes: Sequence[str] = ()) -> str:
    data: dict[str, object] = {"causes": [
        {"id": f.id, "title": f.title, "runbook": f.runbook, "confidence": f.confidence,
         "evidence": [e.to_json() if isinstance(e, Evidence) else {"line": str(e)} for e in f.evidence],
         "fix": list(f.fix), "url": f.url} for f in findings]}
    if notes:
        data["notes"] = list(notes)
    return json.dumps(data, indent=2, ensure_ascii=False)
