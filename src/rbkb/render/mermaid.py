"""Decision trees as Mermaid flowcharts: one per runbook (symptom, checks, causes, fixes) and the triage tree.

Pure functions of the model. Every node that names a runbook, a check or a cause carries a `click ... href` to its
page or anchor. Hrefs are relative to the URL of the page that shows the diagram, which with mkdocs' directory URLs
is `runbooks/<id>/`, not the Markdown file's folder: see `href`.
"""

from __future__ import annotations

import posixpath

from .. import urls
from ..model import Repository, Runbook, cause_title
from ..triage_tree import TriageTree
from .blocks import cell, join_blocks

# Mermaid's own entity syntax (`#name;` / `#code;`) is the only escape that works inside a quoted label. `<` and `>`
# must go too: labels are HTML, so `<namespace>` would be taken for a tag and dropped.
_LABEL_ESCAPES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;"}


def label(text: str) -> str:
    """Any text as a quoted Mermaid label: one line, every special character an entity."""
    return '"' + "".join(_LABEL_ESCAPES.get(ch, ch) for ch in " ".join(text.split())) + '"'


def href(from_doc: str, to_doc: str, anchor: str = "") -> str:
    """A link from the page built from `from_doc` to `to_doc`, relative to the page's directory URL."""
    if from_doc == to_doc:
        return f"#{anchor}" if anchor else "./"
    here, there = _dir_url(from_doc), _dir_url(to_doc)
    rel = posixpath.relpath(there or ".", here or ".")
    rel = "./" if rel == "." else rel + "/"
    return f"{rel}#{anchor}" if anchor else rel


def _dir_url(doc: str) -> str:
    """`runbooks/x.md` -> `runbooks/x`, `runbooks/index.md` -> `runbooks`, `index.md` -> `` (directory URLs)."""
    return urls.page_url("", doc).strip("/")


def fence(source: str, kind: str = "mermaid") -> str:
    return f"```{kind}\n{source}```"


def _click(node: str, target: str) -> str:
    return f'    click {node} href "{target}"'


# ----------------------------------------------------------------------------------------------------------------------
# One runbook
# ----------------------------------------------------------------------------------------------------------------------


def runbook_tree(rb: Runbook, repo: Repository, from_doc: str | None = None) -> str:
    """Symptom -> quick checks -> one yes/no per cause (in the runbook's order) -> its fix; none -> escalate."""
    doc = urls.runbook_doc(rb.id)
    from_doc = from_doc or doc
    lines = ["flowchart TD", f"    S([{label('Symptom: ' + rb.title)}])"]
    clicks = [_click("S", href(from_doc, doc, "symptoms"))]
    prev = "S"
    for n, step_id in enumerate(rb.quick_check, 1):
        d = rb.diagnostic(step_id)
        lines.append(f"    {prev} --> Q{n}[{label(f'Check {n}: {d.title}')}]")
        clicks.append(_click(f"Q{n}", href(from_doc, doc, urls.check_anchor(d.id))))
        prev = f"Q{n}"
    for n, cause in enumerate(rb.causes, 1):
        lines.append(f"    {prev} {'-->' if n == 1 else '-->|no|'} C{n}{{{label(cause_title(cause, repo) + '?')}}}")
        lines.append(f"    C{n} -->|yes| F{n}[{label(_fix_summary(cause.fix))}]")
        anchor = href(from_doc, doc, urls.cause_anchor(cause.id))
        clicks += [_click(f"C{n}", anchor), _click(f"F{n}", anchor)]
        prev = f"C{n}"
    teams = ", ".join(dict.fromkeys(repo.team(e.to).name for e in rb.escalation))
    lines.append(f"    {prev} -->|no| E[[{label('Escalate: ' + teams)}]]")
    clicks.append(_click("E", href(from_doc, doc, "escalation")))
    for n, other in enumerate(rb.related, 1):
        lines.append(f"    {prev} -.->|see also| R{n}[{label(repo.runbook(other).title)}]")
        clicks.append(_click(f"R{n}", href(from_doc, urls.runbook_doc(other))))
    return "\n".join(lines + clicks) + "\n"


def _fix_summary(steps: list) -> str:
    more = f" (+{len(steps) - 1} more step{'s' if len(steps) > 2 else ''})" if len(steps) > 1 else ""
    return f"Fix: {steps[0].title}{more}"


def decision_table(rb: Runbook, repo: Repository) -> str:
    """The tree as text, for readers without JavaScript (Backstage TechDocs without the Mermaid add-on, print)."""
    checks = ", ".join(f"[{cell(rb.diagnostic(s).title)}](#{urls.check_anchor(s)})" for s in rb.quick_check)
    rows = [f"| 1 | Run the quick checks: {checks} | Read the output against each cause below |"]
    for n, cause in enumerate(rb.causes, 2):
        steps = "; ".join(f"{i}. {cell(step.title)}" for i, step in enumerate(cause.fix, 1))
        rows.append(f"| {n} | [{cell(cause_title(cause, repo))}](#{urls.cause_anchor(cause.id)}) is confirmed | "
                    f"{steps} |")
    teams = ", ".join(dict.fromkeys(cell(repo.team(e.to).name) for e in rb.escalation))
    rows.append(f"| {len(rb.causes) + 2} | None of these | [Escalate](#escalation) to {teams} |")
    return "| Step | If | Then |\n|---|---|---|\n" + "\n".join(rows)


def _indent(block: str) -> str:
    """A block as the body of a collapsible admonition."""
    return "\n".join("    " + line if line else "" for line in block.splitlines())


def runbook_tree_section(rb: Runbook, repo: Repository) -> str:
    """The runbook page's section: the decision steps as a table, and the same tree as a diagram on request.

    The table is what a reader follows (it prints, and needs no JavaScript). The diagram uses the `mermaid-lazy`
    fence in a closed block: it is drawn at its natural size, in a box that scrolls, only when the block is opened,
    so a runbook page does not load Mermaid until a reader asks for it (docs/assets/javascripts/mermaid-loader.js).
    """
    indented = _indent(fence(runbook_tree(rb, repo), "mermaid-lazy"))
    # Kept out of the search index: the same words are in the sections around it, and Mermaid source is noise there.
    return join_blocks(
        "## Decision tree {#decision-tree}",
        '<div class="rb-tree" data-search-exclude markdown>',
        decision_table(rb, repo),
        f'??? abstract "The same as a diagram"\n\n{indented}\n',
        "</div>",
    )


# ----------------------------------------------------------------------------------------------------------------------
# Triage
# ----------------------------------------------------------------------------------------------------------------------

TRIAGE_DOC = "triage.md"


def triage_tree(triage: TriageTree, repo: Repository, from_doc: str = TRIAGE_DOC) -> str:
    lines = ["flowchart LR", f"    Q{{{label(triage.question)}}}"]
    clicks: list[str] = []
    n = 0
    for b, branch in enumerate(triage.branches, 1):
        lines.append(f"    Q --> B{b}[{label(branch.title)}]")
        clicks.append(_click(f"B{b}", href(from_doc, TRIAGE_DOC, branch.id)))  # its list on the triage page
        for rb_id in branch.runbooks:
            n += 1
            lines.append(f"    B{b} --> R{n}[{label(repo.runbook(rb_id).title)}]")
            clicks.append(_click(f"R{n}", href(from_doc, urls.runbook_doc(rb_id))))
    return "\n".join(lines + clicks) + "\n"


def triage_page(triage: TriageTree, repo: Repository) -> str:
    """The branches as lists first; the same tree as a diagram in a closed block, drawn when it is opened."""
    sections = []
    for branch in triage.branches:
        items = "\n".join(
            f"- [{cell(repo.runbook(r).title)}]({urls.link(TRIAGE_DOC, urls.runbook_doc(r))})"
            for r in branch.runbooks
        )
        sections.append(join_blocks(f"## {cell(branch.title)} {{#{branch.id}}}", f"*{cell(branch.hint)}*", items))
    diagram = _indent(fence(triage_tree(triage, repo), "mermaid-lazy"))
    return join_blocks(
        '---\ntitle: Triage\ndescription: "What is failing? From the failing part to the runbook."\n---',
        "# Triage: what is failing?",
        "Start from what is failing and follow the branch to the runbook. The same tree is drawn as a diagram at the "
        "end of the page.",
        *sections,
        "## The tree as a diagram {#diagram}",
        f'<div class="rb-tree" data-search-exclude markdown>\n\n??? abstract "Draw the diagram"\n\n{diagram}\n\n</div>',
    )
