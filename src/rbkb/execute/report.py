"""What a run found, as terminal text, the Markdown transcript and analysis.json. Pure functions of the records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Repository, Runbook
from .incident import StepRecord
from .progress import outcome


@dataclass(frozen=True)
class FixResult:
    cause: str
    records: tuple[StepRecord, ...]
    verdict: str  # "gone", "still present" or "not checked: <why>"


def fix_titles(repo: Repository, rb: Runbook, cause_id: str) -> list[str]:
    """The fix step titles for a cause: from this runbook when it covers the cause, else from the linked one."""
    for book in (rb, *(r for r in repo.runbooks if r.id != rb.id)):
        for cause in book.causes:
            if cause.id == cause_id:
                return [step.title for step in cause.fix]
    return []


def findings_text(findings: Sequence[Any], repo: Repository, rb: Runbook) -> str:
    if not findings:
        return "No known cause recognised in the output. Read each check's output against the runbook page.\n"
    lines = ["Likely causes, best first:"]
    for n, f in enumerate(findings, 1):
        lines.append(f"{n}. {_title(repo, f.id)} [{f.id}] confidence {f.confidence:.2f}")
        lines += [f"   evidence: {line.strip()}" for line in f.evidence]
        lines += [f"   fix: {title}" for title in fix_titles(repo, rb, f.id)]
        lines.append(f"   read: {f.url}")
    return "\n".join(lines) + "\n"


def analysis_json(findings: Sequence[Any], fix: FixResult | None) -> dict[str, Any]:
    data: dict[str, Any] = {"causes": [{"id": f.id, "runbook": f.runbook, "confidence": f.confidence,
                                        "evidence": list(f.evidence), "url": f.url} for f in findings]}
    if fix is not None:
        data["fix"] = {"cause": fix.cause, "steps": [r.step for r in fix.records], "verdict": fix.verdict}
    return data


def transcript(rb: Runbook, values: Mapping[str, str], records: Sequence[StepRecord], findings_md: str,
               fix: FixResult | None, sources: Mapping[str, str] | None = None, interrupted: str | None = None) -> str:
    """The Markdown record of a run; `sources` says where each value came from, `interrupted` where Ctrl-C hit."""
    out = [f"# Incident transcript: {rb.title}", "", f"Runbook `{rb.id}`.", ""]
    if values:
        froms = sources or {}
        out += ["| Parameter | Value | From |", "|---|---|---|",
                *(f"| {k} | `{v}` | {froms.get(k, 'given')} |" for k, v in values.items()), ""]
    out += ["## Steps", ""]
    for r in records:
        out += [f"### {r.step}: {r.title}", "", f"{r.started} to {r.ended}: {outcome(r)}", "", "```bash",
                r.command, "```", ""]
        for name, text in (("stdout", r.stdout), ("stderr", r.stderr)):
            if text.strip():
                fence = "````" if "```" in text else "```"
                out += [f"{name}:", "", f"{fence}text", text.rstrip("\n"), fence, ""]
    if interrupted:
        out += ["## Interrupted", "", f"Ctrl-C during {interrupted}: its processes were killed and the steps after "
                "it did not run.", ""]
    out += ["## Analysis", "", "```text", findings_md.rstrip("\n"), "```", ""]
    if fix is not None:
        out += ["## Fix", "", f"Cause `{fix.cause}`: after the fix the evidence is **{fix.verdict}**.", ""]
    return "\n".join(out)


def _title(repo: Repository, cause_id: str) -> str:
    try:
        return repo.cause(cause_id).title
    except StopIteration:
        return cause_id
