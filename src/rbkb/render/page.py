"""One runbook -> its Markdown page: Quick check first, then Symptoms, the decision steps, Parameters, Diagnosis,
Causes, Escalation and Related.

Every text field the team writes goes through `md` or `cell` (rbkb.render.blocks): Markdown stays Markdown, raw
HTML shows as text. Commands are raw HTML built by `command_block`, with placeholders the values form fills in.
"""

from __future__ import annotations

import json

from .. import urls
from ..model import COMPONENT_TITLES, Cause, Diagnostic, FixStep, Parameter, Repository, Runbook, cause_title
from ..safety import classify
from .blocks import (
    admonition,
    cell,
    code_cell,
    command_block,
    join_blocks,
    md,
    safety_badge,
    versions_badge,
)
from .mermaid import runbook_tree_section
from .organisation import team_contact_line, team_link
from .values import values_form

SEVERITY_LABELS = {"P1": "P1 critical", "P2": "P2 high", "P3": "P3 medium", "P4": "P4 low"}


def runbook_page(rb: Runbook, repo: Repository) -> str:
    doc = urls.runbook_doc(rb.id)
    return join_blocks(
        _front_matter(rb),
        f"# {md(rb.title)}",
        _meta(rb, repo, doc),
        md(rb.summary),
        _quick_check(rb),
        _symptoms(rb),
        runbook_tree_section(rb, repo),
        _parameters(rb),
        _diagnosis(rb),
        _causes(rb, repo),
        _escalation(rb, repo, doc),
        _related(rb, repo, doc),
    )


def _words(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _params(rb: Runbook) -> dict[str, Parameter]:
    return {p.name: p for p in rb.parameters}


def _front_matter(rb: Runbook) -> str:
    # JSON is valid YAML and quotes every value safely; the plugin HTML-escapes title and description once for all
    # pages (rbkb.site.escaping), because Material puts them into the navigation and attributes unescaped.
    tags = [COMPONENT_TITLES[rb.component], *rb.tags]
    meta = {"title": rb.title, "description": " ".join(rb.summary.split()), "tags": tags, "search": {"boost": 2}}
    lines = [f"{key}: {json.dumps(value)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---"


def _meta(rb: Runbook, repo: Repository, doc: str) -> str:
    owner = repo.team(rb.owner)
    component = f"[{COMPONENT_TITLES[rb.component]}]({urls.link(doc, urls.component_doc(rb.component))})"
    return (
        f'<span class="rb-sev rb-sev--{rb.severity.lower()}">{SEVERITY_LABELS[rb.severity]}</span> '
        f"{component} · owner {team_link(owner, doc)} · last verified {rb.last_verified.isoformat()}"
    )


def _quick_check(rb: Runbook) -> str:
    params = _params(rb)
    body = []
    for n, step_id in enumerate(rb.quick_check, 1):
        d = rb.diagnostic(step_id)
        body.append(join_blocks(f"**{n}. {cell(d.title)}** ([details](#{urls.check_anchor(d.id)}))",
                                command_block(d.command, params), md(d.look_for)))
    return join_blocks("## Quick check {#quick-check}", values_form(rb), "\n".join(body))


def _symptoms(rb: Runbook) -> str:
    rows = "\n".join(
        f"| {_words(code_cell(s.text), versions_badge(s.versions))} | {cell(s.where or '')} |"
        for s in rb.symptoms.signals
    )
    return join_blocks("## Symptoms {#symptoms}", md(rb.symptoms.summary),
                       f"| What you see | Where |\n|---|---|\n{rows}")


def _parameters(rb: Runbook) -> str:
    if not rb.parameters:
        return ""
    defaults = any(p.default for p in rb.parameters)  # no empty column when nothing has a default
    head = "| Placeholder | Meaning | Example |" + (" Default |" if defaults else "")
    rows = "\n".join(
        f"| `<{p.name}>` | {cell(p.description)} | {code_cell(p.example)} |"
        + (f" {code_cell(p.default) if p.default else ''} |" if defaults else "")
        for p in rb.parameters
    )
    return join_blocks(
        "## Parameters {#parameters}",
        "Replace each marked placeholder before running a command, or type your values once into the form under "
        "[Quick check](#quick-check): every command on the page then shows them.",
        f"{head}\n|---|---|---|{'---|' if defaults else ''}\n{rows}",
    )


def _diagnosis(rb: Runbook) -> str:
    params = _params(rb)
    steps = [_diagnostic(n, d, params) for n, d in enumerate(rb.diagnostics, 1)]
    intro = "Every command here only reads. Run them in order; each says what to look for."
    return join_blocks("## Diagnosis {#diagnosis}", intro, *steps)


def _diagnostic(n: int, d: Diagnostic, params: dict[str, Parameter]) -> str:
    return join_blocks(f"### {n}. {cell(d.title)} {{#{urls.check_anchor(d.id)}}}", versions_badge(d.versions),
                       command_block(d.command, params),
                       f"**Look for:** {md(d.look_for)}")


def _causes(rb: Runbook, repo: Repository) -> str:
    rows = "\n".join(
        f"| [{cell(cause_title(c, repo))}](#{urls.cause_anchor(c.id)}) | {cell(repo.cause(c.id).summary)} |"
        for c in rb.causes
    )
    table = f"| Cause | In short |\n|---|---|\n{rows}"
    return join_blocks("## Causes {#causes}", table, *(_cause(c, rb, repo) for c in rb.causes))


def _cause(c: Cause, rb: Runbook, repo: Repository) -> str:
    params = _params(rb)
    steps = [_fix_step(n, s, params) for n, s in enumerate(c.fix, 1)]
    prevention = "\n".join(f"- {cell(item)}" for item in c.prevention)
    return join_blocks(
        f"### {cell(cause_title(c, repo))} {{#{urls.cause_anchor(c.id)}}}",
        versions_badge(c.versions),
        "#### Confirm",
        command_block(c.confirm.command, params),
        f"**Evidence:** {md(c.confirm.evidence)}",
        "#### Fix",
        *steps,
        "#### Root cause",
        md(c.root_cause),
        "#### Prevention",
        prevention,
    )


def _fix_step(n: int, step: FixStep, params: dict[str, Parameter]) -> str:
    title = f"**Step {n}. {cell(step.title)}**"
    if not step.command:
        return join_blocks(_words(title, versions_badge(step.versions)), md(step.details or ""))
    cls = classify(step.command)
    warning = ""
    if cls.level == "destructive":
        body = join_blocks(md(step.warning or ""), "Why this is destructive: " + cell("; ".join(cls.reasons)) + ".")
        warning = admonition("danger", "Destructive: read before running", body)
    elif step.warning:
        warning = admonition("warning", "Before you run this", md(step.warning))
    return join_blocks(_words(title, safety_badge(cls), versions_badge(step.versions)), warning,
                       command_block(step.command, params), md(step.details or ""))


def _escalation(rb: Runbook, repo: Repository, doc: str) -> str:
    rows = [f"| {cell(e.when)} | **{team_link(repo.team(e.to), doc)}** | {team_contact_line(repo.team(e.to))} |"
            for e in rb.escalation]
    table = "| When | Escalate to | How to reach them |\n|---|---|---|\n" + "\n".join(rows)
    matrix = urls.link(doc, urls.ESCALATION_DOC)
    return join_blocks("## Escalation {#escalation}", table,
                       f"Severity and who else to page: the [escalation matrix]({matrix}).")


def _related(rb: Runbook, repo: Repository, doc: str) -> str:
    items = [f"- [{cell(repo.runbook(r).title)}]({urls.link(doc, urls.runbook_doc(r))})" for r in rb.related]
    if rb.component in ("rollouts", "gateway-api"):
        guide = urls.link(doc, urls.DECISION_GUIDE_DOC)
        items.append(f"- [Promote, abort, retry or undo? The decision guide]({guide})")
    alerts = [f"- Alert [`{a}`]({urls.link(doc, urls.alert_doc(a))})" for a in rb.alerts]
    sources = [f"- [{cell(s.title)}]({s.url})" for s in rb.sources]
    return join_blocks(
        "## Related {#related}",
        "\n".join(items + alerts),
        "**Sources**",
        "\n".join(sources),
    )
