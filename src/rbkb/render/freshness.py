"""The "Needs review" page: runbooks whose last_verified is older than the review period, with their owners."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .. import urls
from ..freshness import Review, reviews
from ..model import Repository
from .blocks import cell, join_blocks
from .organisation import team_link

EditUrl = Callable[[str], "str | None"]  # repository-relative path -> URL that opens it for editing
_NEXT_DUE = 5


def needs_review_page(repo: Repository, today: dt.date, edit_url: EditUrl) -> str:
    doc = urls.NEEDS_REVIEW_DOC
    period = repo.organisation.review_period_days
    everything = reviews(repo, today)
    stale = [r for r in everything if r.stale]

    def row(r: Review, last: str) -> str:
        rb = r.runbook
        team = repo.team(rb.owner)
        url = edit_url(repo.sources[rb.id])
        edit = f"[edit `{repo.sources[rb.id]}`]({url})" if url else f"`{repo.sources[rb.id]}`"
        return (f"| [{cell(rb.title)}]({urls.link(doc, urls.runbook_doc(rb.id))}) | {team_link(team, doc)} "
                f"({cell(team.chat)}) | {rb.last_verified.isoformat()} | {last} | {edit} |")

    intro = (f"A runbook is due for review {period} days after its `last_verified` date (`review_period_days` in "
             f"`data/organisation.yaml`); `runbook lint` warns about it as RB501. To review one, run its checks "
             "against a real cluster, correct what changed, and set `last_verified` to the day you did. "
             f"As of {today.isoformat()}:")
    head = "| Runbook | Owner | Last verified | {} | Source |\n|---|---|---|---|---|\n"
    if stale:
        body = join_blocks(
            f"**{len(stale)} of {len(everything)} runbooks need review.**",
            head.format("Overdue by") + "\n".join(row(r, f"{r.days_overdue} days") for r in stale),
        )
    else:
        upcoming = everything[:_NEXT_DUE]
        body = join_blocks(
            f"No runbook needs review: all {len(everything)} were verified within the last {period} days.",
            "**Due next**",
            head.format("Due") + "\n".join(row(r, r.due.isoformat()) for r in upcoming),
        )
    return join_blocks('---\ntitle: "Needs review"\n---', "# Needs review", intro, body)
