"""Index views: all runbooks, one page per component, and the home page's "what are you seeing?" table."""

from __future__ import annotations

from collections import defaultdict

from .. import urls
from ..model import COMPONENT_TITLES, Repository, Runbook
from .blocks import cell, code_cell, join_blocks

# Signal kinds that make good entry points on the home page; log lines and conditions are too specific there.
_HOME_KINDS = ("status", "event_reason", "error_message", "http_status")


def _runbook_rows(runbooks: list[Runbook], from_doc: str) -> str:
    rows = [
        f"| [{cell(rb.title)}]({urls.link(from_doc, urls.runbook_doc(rb.id))}) | {rb.severity} | {cell(rb.summary)} |"
        for rb in runbooks
    ]
    return "| Runbook | Severity | What it resolves |\n|---|---|---|\n" + "\n".join(rows)


def component_page(component: str, repo: Repository) -> str:
    doc = urls.component_doc(component)
    runbooks = repo.by_component()[component]
    title = COMPONENT_TITLES[component]
    return join_blocks(
        f'---\ntitle: "{title}"\n---',
        f"# {title}",
        f"{len(runbooks)} runbook(s). Start with the one whose symptoms match what you see.",
        _runbook_rows(runbooks, doc),
        "## Symptoms in this area",
        symptom_table(repo, from_doc=doc, component=component),
    )


def runbook_index_page(repo: Repository) -> str:
    doc = urls.RUNBOOK_INDEX_DOC
    sections = [
        join_blocks(f"## [{COMPONENT_TITLES[c]}]({urls.link(doc, urls.component_doc(c))})", _runbook_rows(rbs, doc))
        for c, rbs in repo.by_component().items()
    ]
    return join_blocks('---\ntitle: "All runbooks"\n---', "# All runbooks",
                       f"{len(repo.runbooks)} runbooks, grouped by the component that fails.", *sections)


def symptom_table(repo: Repository, *, from_doc: str, component: str | None = None) -> str:
    """What you see -> where to go. One row per distinct signal text, linking every runbook that lists it.

    Left out of the search index: a search for an error text must land on the runbooks that carry it, and this
    table, which names every signal at once, would otherwise outrank them.
    """
    where: dict[str, list[Runbook]] = defaultdict(list)
    for rb in sorted(repo.runbooks, key=lambda r: (r.severity, r.title)):
        if component and rb.component != component:
            continue
        for s in rb.symptoms.signals:
            if s.kind in _HOME_KINDS and rb not in where[s.text]:
                where[s.text].append(rb)
    rows = []
    for text in sorted(where, key=str.lower):
        links = ", ".join(f"[{cell(rb.title)}]({urls.link(from_doc, urls.runbook_doc(rb.id))})" for rb in where[text])
        rows.append(f"| {code_cell(text)} | {links} |")
    table = "| What you see | Go to |\n|---|---|\n" + "\n".join(rows)
    return f'<div class="rb-symptom-index" data-search-exclude markdown>\n\n{table}\n\n</div>\n'


def component_list(repo: Repository, *, from_doc: str) -> str:
    items = [
        f"- [{COMPONENT_TITLES[c]}]({urls.link(from_doc, urls.component_doc(c))}): {len(rbs)} runbook(s)"
        for c, rbs in repo.by_component().items()
    ]
    return "\n".join(items) + "\n"
