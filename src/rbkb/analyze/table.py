"""Build the signature table from the repository: every symptom signal with a cause, and what an answer shows.

`scripts/gen_signatures.py` writes it to `src/rbkb/data/signatures.json` (tests/analyze/test_table.py checks that the
file is current); `runbook run`, `runbook triage` and the tests build it in-process from the loaded repository.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import urls
from ..model import Repository, cause_title
from ..versions import describe
from .causes import EXPLAINED_BY
from .patterns import literal_needle, needles, subset_problems
from .signatures import CauseInfo, Signature, Table


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
