"""One runbook -> its Markdown page: Symptoms, Quick check, Diagnosis, Causes, Escalation, Related."""

from __future__ import annotations

import json

from .. import urls
from ..model import COMPONENT_TITLES, Cause, Diagnostic, FixStep, Repository, Runbook, cause_title
from ..safety import classify
from .blocks import admonition, cell, code_cell, command_block, join_blocks, safety_badge, versions_badge
from .mermaid import runbook_tree_section
from .organisation import team_link

SEVERITY_LABELS = {"P1": "P1 critical", "P2": "P2 high", "P3": "P3 medium", "P4": "P4 low"}


def runbook_page(rb: Runbook, repo: Repository) -> str:
    doc = urls.runbook_doc(rb.id)
    return join_blocks(
        _front_matter(rb),
        f"# {rb.title}",
        _meta(rb, repo, doc),
        rb.summary,
        _symptoms(rb),
        _quick_check(rb),
        runbook_tree_section(rb, repo),
        _parameters(rb),
        _diagnosis(rb),
        _causes(rb, repo),
        _escalation(rb, repo, doc),
        _related(rb, repo, doc),
    )


def _words(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _front_matter(rb: Runbook) -> str:
    # JSON is valid YAML and quotes every value safely.
    tags = [COMPONENT_TITLES[rb.component], *rb.tags]
    meta = {"title": rb.title, "description": " ".join(rb.summary.split()), "tags": tags, "search": {"boost": 2}}
    lines = [f"{key}: {json.dumps(value)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---"


def _meta(rb: Runbook, repo: Repository, doc: str) -> str:
    owner = repo.team(rb.owner)
    component = f"[{COMPONENT_TITLES[rb.component]}]({urls.link(doc, urls.component_doc(rb.component))})"
    return (
        f'<span class="rb-sev rb-sev--{rb.severity.lower()}">{SEVERITY_LABELS[rb.severity]}</span> '
        f"{component} · owner **{owner.name}** · last verified {rb.last_verified.isoformat()}"
    )


def _symptoms(rb: Runbook) -> str:
    rows = "\n".join(
        f"| {_words(code_cell(s.text), versions_badge(s.versions))} | {cell(s.where or '')} |"
        for s in rb.symptoms.signals
    )
    return join_blocks("## Symptoms {#symptoms}", rb.symptoms.summary, f"| What you see | Where |\n|---|---|\n{rows}")


def _quick_check(rb: Runbook) -> str:
    params = {p.name: p for p in rb.parameters}
    body = []
    for n, step_id in enumerate(rb.quick_check, 1):
        d = rb.diagnostic(step_id)
        body.append(join_blocks(f"**{n}. {d.title}** ([details](#{urls.check_anchor(d.id)}))",
                                command_block(d.command, params), d.look_for))
    return join_blocks("## Quick check {#quick-check}", "\n".join(body))


def _parameters(rb: Runbook) -> str:
    if not rb.parameters:
        return ""
    rows = "\n".join(
        f"| `<{p.name}>` | {cell(p.description)} | `{cell(p.example)}` | "
        f"{f'`{cell(p.default)}`' if p.default else ''} |"
        for p in rb.parameters
    )
    return join_blocks(
        "## Parameters {#parameters}",
        "Replace each marked placeholder before running a command.",
        f"| Placeholder | Meaning | Example | Default |\n|---|---|---|---|\n{rows}",
    )


def _diagnosis(rb: Runbook) -> str:
    params = {p.name: p for p in rb.parameters}
    steps = [_diagnostic(n, d, params) for n, d in enumerate(rb.diagnostics, 1)]
    intro = "Every command here only reads. Run them in order; each says what to look for."
    return join_blocks("## Diagnosis {#diagnosis}", intro, *steps)


def _diagnostic(n: int, d: Diagnostic, params: dict) -> str:
    return join_blocks(f"### {n}. {d.title} {{#{urls.check_anchor(d.id)}}}", versions_badge(d.versions),
                       command_block(d.command, params),
                       f"**Look for:** {d.look_for}")


def _causes(rb: Runbook, repo: Repository) -> str:
    rows = "\n".join(
        f"| [{cell(cause_title(c, repo))}](#{urls.cause_anchor(c.id)}) | {cell(repo.cause(c.id).summary)} |"
        for c in rb.causes
    )
    table = f"| Cause | In short |\n|---|---|\n{rows}"
    return join_blocks("## Causes {#causes}", table, *(_cause(c, rb, repo) for c in rb.causes))


def _cause(c: Cause, rb: Runbook, repo: Repository) -> str:
    params = {p.name: p for p in rb.parameters}
    steps = [_fix_step(n, s, params) for n, s in enumerate(c.fix, 1)]
    prevention = "\n".join(f"- {item}" for item in c.prevention)
    return join_blocks(
        f"### {cause_title(c, repo)} {{#{urls.cause_anchor(c.id)}}}",
        _words(f"<small>Cause id `{c.id}`</small>", versions_badge(c.versions)),
        "#### Confirm",
        command_block(c.confirm.command, params),
        f"**Evidence:** {c.confirm.evidence}",
        "#### Fix",
        *steps,
        "#### Root cause",
        c.root_cause,
        "#### Prevention",
        prevention,
    )


def _fix_step(n: int, step: FixStep, params: dict) -> str:
    if not step.command:
        return join_blocks(_words(f"**Step {n}. {step.title}**", versions_badge(step.versions)), step.details or "")
    cls = classify(step.command)
    warning = ""
    if cls.level == "destructive":
        body = join_blocks(step.warning or "", "Why this is destructive: " + "; ".join(cls.reasons) + ".")
        warning = admonition("danger", "Destructive: read before running", body)
    elif step.warning:
        warning = admonition("warning", "Before you run this", step.warning)
    return join_blocks(_words(f"**Step {n}. {step.title}**", safety_badge(cls), versions_badge(step.versions)), warning,
                       command_block(step.command, params), step.details or "")


def _escalation(rb: Runbook, repo: Repository, doc: str) -> str:
    rows = []
    for e in rb.escalation:
        team = repo.team(e.to)
        rows.append(f"| {cell(e.when)} | **{team_link(team, doc)}** | {cell(team.pager)} · {cell(team.chat)} · "
                    f"<{team.email}> |")
    table = "| When | Escalate to | How to reach them |\n|---|---|---|\n" + "\n".join(rows)
    return join_blocks("## Escalation {#escalation}", table)


def _related(rb: Runbook, repo: Repository, doc: str) -> str:
    items = [f"- [{repo.runbook(r).title}]({urls.link(doc, urls.runbook_doc(r))})" for r in rb.related]
    if rb.component in ("rollouts", "gateway-api"):
        guide = urls.link(doc, urls.DECISION_GUIDE_DOC)
        items.append(f"- [Promote, abort, retry or undo? The decision guide]({guide})")
    alerts = [f"- Alert [`{a}`]({urls.link(doc, urls.alert_doc(a))})" for a in rb.alerts]
    sources = [f"- [{s.title}]({s.url})" for s in rb.sources]
    return join_blocks(
        "## Related {#related}",
        "\n".join(items + alerts),
        "**Sources**",
        "\n".join(sources),
    )
