"""Index views: all runbooks, one page per component, and the home page's "what are you seeing?" table."""

from __future__ import annotations

import re
from collections import defaultdict

from .. import urls
from ..analyze.signatures import Matcher
from ..analyze.table import table_of
from ..model import COMPONENT_TITLES, Repository, Runbook, Signal
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
        # Below the runbooks in search: the runbook summaries listed here are each runbook's own words.
        f'---\ntitle: "{title}"\nsearch:\n  boost: 0.5\n---',
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


def signal_cause(rb: Runbook, signal: Signal, matcher: Matcher) -> str | None:
    """The cause of `rb` that this signal points at: its own `cause`, else a signature its text shows."""
    causes = {c.id for c in rb.causes}
    if signal.cause in causes:
        return signal.cause
    return next((sig.cause for sig in matcher.match(signal.text) if sig.cause in causes), None)


def signal_link(rb: Runbook, signal: Signal, from_doc: str, matcher: Matcher) -> str:
    """Where a reader who sees this text lands: the cause's section when it is known, else the page (Quick check)."""
    cause = signal_cause(rb, signal, matcher)
    return urls.link(from_doc, urls.runbook_doc(rb.id), urls.cause_anchor(cause) if cause else "")


def _sort_key(text: str) -> tuple[str, str]:
    """Alphabetical by the first letter: `(retried 5 times).` and `0/1` sort among the words, not before them."""
    return re.sub(r"^[^A-Za-z]+", "", text).lower(), text


def symptom_table(repo: Repository, *, from_doc: str, component: str | None = None) -> str:
    """What you see -> where to go, one table per component, so a reader scans the part that fails.

    One row per distinct signal text; every runbook that lists it is linked at the section of the cause the text
    points at. Left out of the search index: a search for an error text must land on the runbooks that carry it,
    and this table, which names every signal at once, would otherwise outrank them.
    """
    groups = []
    matcher = table_of(repo, "").matcher
    for comp, runbooks in repo.by_component().items():
        if component and comp != component:
            continue
        where: dict[str, dict[str, str]] = defaultdict(dict)  # text -> runbook title -> link
        for rb in sorted(runbooks, key=lambda r: (r.severity, r.title)):
            for s in rb.symptoms.signals:
                if s.kind in _HOME_KINDS and rb.title not in where[s.text]:
                    where[s.text][rb.title] = signal_link(rb, s, from_doc, matcher)
        if not where:
            continue
        rows = [f"| {code_cell(text)} | " + ", ".join(f"[{cell(title)}]({link})" for title, link in where[text].items())
                + " |" for text in sorted(where, key=_sort_key)]
        table = "| What you see | Go to |\n|---|---|\n" + "\n".join(rows)
        heading = "" if component else f"### {COMPONENT_TITLES[comp]} {{#seeing-{comp}}}\n\n"
        groups.append(heading + table)
    body = "\n\n".join(groups)
    return f'<div class="rb-symptom-index" data-search-exclude markdown>\n\n{body}\n\n</div>\n'


def component_list(repo: Repository, *, from_doc: str) -> str:
    items = [
        f"- [{COMPONENT_TITLES[c]}]({urls.link(from_doc, urls.component_doc(c))}): {len(rbs)} runbook(s)"
        for c, rbs in repo.by_component().items()
    ]
    return "\n".join(items) + "\n"
