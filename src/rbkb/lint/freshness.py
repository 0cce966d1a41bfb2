"""RB501/RB502: a runbook nobody has verified within the review period is probably no longer true."""

from __future__ import annotations

import datetime as dt

from ..freshness import reviews
from ..load import ORGANISATION_FILE, LoadResult
from ..problems import Problem


def freshness_problems(result: LoadResult, today: dt.date) -> list[Problem]:
    if result.repo is None:
        return []
    period = result.repo.organisation.review_period_days
    found = []
    for review in reviews(result.repo, today):
        rb = review.runbook
        rel = result.repo.sources[rb.id]
        line = result.line(rel, "last_verified")
        if review.stale:
            found.append(Problem(rel, line, "RB501", "last_verified",
                                 f"verified {rb.last_verified.isoformat()}, {review.age_days} days ago; the review "
                                 f"period is {period} days ({ORGANISATION_FILE} review_period_days): run its checks "
                                 "again and update last_verified", "warning"))
        elif rb.last_verified > today:
            found.append(Problem(rel, line, "RB502", "last_verified",
                                 f"{rb.last_verified.isoformat()} is in the future (today is {today.isoformat()})",
                                 "warning"))
    return found
