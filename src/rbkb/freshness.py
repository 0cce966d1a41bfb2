"""When each runbook's `last_verified` runs out, against the review period in data/organisation.yaml.

`today` is always passed in, so lint, the "Needs review" page and their tests agree on one date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Repository, Runbook


@dataclass(frozen=True)
class Review:
    runbook: Runbook
    due: dt.date  # last_verified + review period
    today: dt.date

    @property
    def stale(self) -> bool:
        return self.today > self.due

    @property
    def days_overdue(self) -> int:
        return (self.today - self.due).days

    @property
    def age_days(self) -> int:
        return (self.today - self.runbook.last_verified).days


def reviews(repo: Repository, today: dt.date) -> list[Review]:
    """Every runbook with its review due date, soonest (or longest overdue) first."""
    period = dt.timedelta(days=repo.organisation.review_period_days)
    found = [Review(rb, rb.last_verified + period, today) for rb in repo.runbooks]
    return sorted(found, key=lambda r: (r.due, r.runbook.id))


def stale(repo: Repository, today: dt.date) -> list[Review]:
    return [r for r in reviews(repo, today) if r.stale]


def today_utc() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
