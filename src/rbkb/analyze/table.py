"""Build the signature table from the repository: every symptom signal with a cause, and what an answer shows.

`scripts/gen_signatures.py` writes it to `src/rbkb/data/signatures.json` (tests/analyze/test_table.py checks that the
file is current); `runbook run`, `runbook triage` and the tests build it in-process from the loaded repository. The
site build publishes `browser_table` of it for the paste box (docs/assets/javascripts/paste.js).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import urls
from ..model import Repository, cause_title
from ..versions import describe
from .causes import BELOW_ROOT, CEILING, EXPLAINED_BY, LINES_COUNTED, MAX_EVIDENCE, PER_LINE
from .diagnose import STILL_CURRENT, SUPERSEDED_BY_SYNC, SYNC_SUCCEEDED
from .patterns import for_javascript, literal_needle, needles, subset_problems
from .segments import COMMAND_LINE
from .signatures import OVERLAP, WINDOW, CauseInfo, Signature, Table


def primary_runbook(repo: Repository, cause_id: str) -> str | None:
    """The catalogue's `runbook:` for the cause, else the first runbook (by id) with a section on it."""
    cause = next((c for c in repo.catalogue.causes if c.id == cause_id), None)
    if cause is None:
        return None
    if cause.runbook:
        return cause.runbook
    return next((rb.id for rb in sorted(repo.runbooks, key=lambda r: r.id) if any(c.id == cause_id for c in rb.causes)),
                None)


def cause_infos(repo: Repository) -> dict[str, CauseInfo]:
    infos = {}
    for c in repo.catalogue.causes:
        runbook = primary_runbook(repo, c.id)
        if runbook is None:
            continue
        section = next(s for s in repo.runbook(runbook).causes if s.id == c.id)
        path = urls.page_url("", urls.runbook_doc(runbook), urls.cause_anchor(c.id)).lstrip("/")
        infos[c.id] = CauseInfo(c.id, cause_title(section, repo), runbook, path,
                                tuple(step.title for step in section.fix), c.in_output)
    return infos


def signatures(repo: Repository) -> list[tuple[Signature, dict[str, str] | None]]:
    """Every usable signature with its example; a pattern outside the common subset is left out (lint reports it)."""
    found = []
    for rb in sorted(repo.runbooks, key=lambda r: r.id):
        for i, s in enumerate(rb.symptoms.signals):
            if s.cause is None or s.tool is None:
                continue
            exprs = [e for e in (s.pattern, s.also, s.unless) if e]
            if any(subset_problems(e) for e in exprs):
                continue
            sig = Signature(
                cause=s.cause, tool=s.tool, text=s.text, confidence=s.confidence,
                needles=tuple(needles(s.pattern) if s.pattern else literal_needle(s.text)),
                runbook=rb.id, signal=i, pattern=s.pattern, ignore_case=s.ignore_case, also=s.also,
                unless=s.unless, versions=describe(s.versions) if s.versions else None)
            example = {"text": s.example.text, "source": s.example.source} if s.example else None
            found.append((sig, example))
    return found


def build_table(repo: Repository, site_url: str, fingerprint: str = "") -> Table:
    sigs = signatures(repo)
    infos = cause_infos(repo)
    known = set(infos)
    return Table(
        site_url=site_url,
        signatures=tuple(s for s, _ in sigs if s.cause in known),
        causes=infos,
        explained_by={k: tuple(r for r in v if r in known) for k, v in EXPLAINED_BY.items() if k in known},
        fingerprint=fingerprint,
        examples={i: ex for i, (_, ex) in enumerate(p for p in sigs if p[0].cause in known) if ex},
    )


def write_table(table: Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(table.to_json(), indent=1, ensure_ascii=False, sort_keys=False) + "\n",
                    encoding="utf-8")


_BUILT: dict[tuple[int, str], tuple[Repository, Table]] = {}


def table_of(repo: Repository, site_url: str) -> Table:
    """The table of a loaded repository, built once per repository object (a run analyses many step outputs)."""
    key = (id(repo), site_url)
    if key not in _BUILT or _BUILT[key][0] is not repo:
        _BUILT.clear()
        _BUILT[key] = (repo, build_table(repo, site_url))
    return _BUILT[key][1]


# ----------------------------------------------------------------------------------------------------------------------
# The paste box's copy
# ----------------------------------------------------------------------------------------------------------------------

BROWSER_FORMAT = 1
PASTE_LIMIT = 1_000_000  # characters of pasted text the paste box reads (whole lines); the page says so


def browser_table(table: Table) -> dict[str, Any]:
    """What the site's paste box loads: the signatures and the ranking rules of `rbkb.analyze.diagnose.analyze_lines`.

    Trimmed to what matching and an answer need (no examples, sources, runbook signal indexes or site_url: a cause's
    `path` is relative to the site's root, which the page resolves against its own address, so the site works from
    any folder). Patterns are in their browser form (`patterns.for_javascript`); `skip` is the command-line pattern
    whose lines the CLI takes as commands, not output, and `superseded` the one rule of `hits_of` about lines.
    """
    used = {s.cause for s in table.signatures}
    return {
        "format": BROWSER_FORMAT,
        "limit": PASTE_LIMIT,
        "rank": {"window": WINDOW, "overlap": OVERLAP, "max_evidence": MAX_EVIDENCE, "per_line": PER_LINE,
                 "lines_counted": LINES_COUNTED, "ceiling": CEILING, "below_root": BELOW_ROOT},
        "skip": COMMAND_LINE.pattern,
        "superseded": {"cause": SUPERSEDED_BY_SYNC, "when": [r.pattern for r in SYNC_SUCCEEDED],
                       "kept": STILL_CURRENT},
        "causes": {c.id: {"title": c.title, "path": c.path, "fix": list(c.fix)}
                   for c in table.causes.values() if c.id in used},
        "explained_by": {k: list(v) for k, v in table.explained_by.items()},
        "signatures": [_browser_signature(s) for s in table.signatures],
    }


def _browser_signature(sig: Signature) -> dict[str, Any]:
    data: dict[str, Any] = {"cause": sig.cause, "tool": sig.tool, "confidence": sig.confidence,
                            "needles": list(sig.needles)}
    if sig.pattern is None:
        data["text"] = sig.text  # a pattern replaces the text for matching
    for key in ("pattern", "also", "unless"):
        expr = getattr(sig, key)
        if expr:
            data[key] = for_javascript(expr)
    if sig.ignore_case:
        data["ignore_case"] = True
    if sig.versions:
        data["versions"] = sig.versions
    return data
