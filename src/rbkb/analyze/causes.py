"""From evidence to ranked causes: merge hits per cause, let a root cause outrank its symptom, link the runbook."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .. import urls
from ..model import Repository

MAX_EVIDENCE = 6


@dataclass(frozen=True)
class CauseFinding:
    id: str  # cause id from data/causes.yaml
    runbook: str  # runbook id whose section explains it
    confidence: float  # 0.0-1.0
    evidence: tuple[str, ...]  # the input lines that prove it, verbatim
    url: str  # absolute URL of the runbook's cause section


# A symptom that a root cause explains: when both are found, the symptom ranks just below the root cause.
EXPLAINED_BY: dict[str, tuple[str, ...]] = {
    "crashloop": ("oom_killed", "liveness_probe_failure", "missing_config_or_secret", "argocd_server_crash"),
    "progress_deadline_exceeded": ("image_pull_error", "crashloop", "oom_killed", "insufficient_resources",
                                   "unbound_pvc", "missing_config_or_secret", "readiness_probe_failure"),
    "rollout_aborted": ("analysis_failed_metric", "analysis_failed_provider_error", "progress_deadline_exceeded"),
    "rollout_paused": ("analysis_inconclusive",),
    "analysis_failed_provider_error": ("prometheus_unreachable",),
    "comparison_error": ("repo_access",),
    "sync_failed": ("sync_hook_failed",),
    "no_endpoints_selector_mismatch": ("readiness_probe_failure",),
    "readiness_probe_failure": ("liveness_probe_failure",),
}


@dataclass
class _Acc:
    confidence: float = 0.0
    hits: int = 0
    evidence: list[tuple[float, int, str]] | None = None  # (confidence, order, line)


def rank(hits: Iterable[tuple[str, float, list[str]]]) -> list[tuple[str, float, tuple[str, ...]]]:
    """Merge (cause, confidence, lines) hits: the best confidence, +0.03 per further independent line (max 0.99)."""
    acc: dict[str, _Acc] = {}
    order = 0
    for cause, confidence, lines in hits:
        a = acc.setdefault(cause, _Acc(evidence=[]))
        for line in lines:
            order += 1
            if all(line != seen for _, _, seen in a.evidence or []):
                a.evidence.append((confidence, order, line))  # type: ignore[union-attr]
                a.hits += 1
        a.confidence = max(a.confidence, confidence)
    scored = {c: min(0.99, a.confidence + 0.03 * max(0, min(a.hits, 4) - 1)) for c, a in acc.items()}
    for symptom, roots in EXPLAINED_BY.items():
        present = [scored[r] for r in roots if r in scored]
        if symptom in scored and present:
            scored[symptom] = min(scored[symptom], max(present) - 0.05)
    ranked = []
    for cause, a in acc.items():
        best = sorted(a.evidence or [], key=lambda e: (-e[0], e[1]))[:MAX_EVIDENCE]
        ranked.append((cause, round(scored[cause], 2), tuple(line for _, _, line in sorted(best, key=lambda e: e[1]))))
    return sorted(ranked, key=lambda r: (-r[1], r[0]))


def primary_runbook(repo: Repository, cause_id: str) -> str | None:
    """The catalogue's `runbook:` for the cause, else the first runbook (by id) with a section on it."""
    cause = next((c for c in repo.catalogue.causes if c.id == cause_id), None)
    if cause is None:
        return None
    if cause.runbook:
        return cause.runbook
    return next((rb.id for rb in sorted(repo.runbooks, key=lambda r: r.id) if any(c.id == cause_id for c in rb.causes)),
                None)


def cause_url(site_url: str, runbook_id: str, cause_id: str) -> str:
    return urls.page_url(site_url, urls.runbook_doc(runbook_id), urls.cause_anchor(cause_id))


def to_findings(ranked: Sequence[tuple[str, float, tuple[str, ...]]], repo: Repository,
                site_url: str) -> list[CauseFinding]:
    found = []
    for cause, confidence, evidence in ranked:
        runbook = primary_runbook(repo, cause)
        if runbook is None:
            continue  # a cause no runbook explains is not reported: there is nothing to link or to do
        found.append(CauseFinding(cause, runbook, confidence, evidence, cause_url(site_url, runbook, cause)))
    return found


def findings_json(findings: Sequence[CauseFinding]) -> str:
    return json.dumps({"causes": [{"id": f.id, "runbook": f.runbook, "confidence": f.confidence,
                                   "evidence": list(f.evidence), "url": f.url} for f in findings]}, indent=2,
                      ensure_ascii=False)
