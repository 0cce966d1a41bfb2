"""The triage tree's data (data/triage.yaml): "what is failing?" answers, each leading to runbooks.

The grouping is editorial (a pod symptom and a Service symptom share a component), so it lives in a data file; the
loader makes sure every runbook is reachable from it, so a new runbook cannot be left out of the tree.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from .datafile import load_file
from .model import Repository, Slug, Text, _Model
from .problems import Problem

TRIAGE_FILE = "data/triage.yaml"


class TriageBranch(_Model):
    """One answer to "what is failing?" and the runbooks to read next, most common first."""

    id: Slug
    title: Text = Field(description="The answer, e.g. `Argo CD`.")
    hint: Text = Field(description="What the reader sees when this is the answer.")
    runbooks: list[Slug] = Field(min_length=1)


class TriageTree(_Model):
    question: Text
    branches: list[TriageBranch] = Field(min_length=1)


def load_triage(root: Path, repo: Repository) -> tuple[TriageTree | None, list[Problem]]:
    problems: list[Problem] = []
    parsed = load_file(root, TRIAGE_FILE, TriageTree, problems)
    triage = parsed.model
    if triage is None:
        return None, problems
    known = {rb.id for rb in repo.runbooks}
    reached: set[str] = set()
    for i, branch in enumerate(triage.branches):
        for j, rb_id in enumerate(branch.runbooks):
            line = parsed.located.line_of(("branches", i, "runbooks", j)) if parsed.located else 1
            if rb_id not in known:
                problems.append(Problem(TRIAGE_FILE, line, "RB007", f"branches.{i}.runbooks.{j}",
                                        f"no runbook {rb_id!r}"))
            reached.add(rb_id)
    for rb_id in sorted(known - reached):
        problems.append(Problem(TRIAGE_FILE, 1, "RB007", "branches",
                                f"runbook {rb_id!r} is in no branch: add it where a reader would look for it"))
    return (None if problems else triage), problems
