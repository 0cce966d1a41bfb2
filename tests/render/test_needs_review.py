"""The Needs review page, with a fixed "today"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import edit

from rbkb.load import load_repository
from rbkb.render.freshness import needs_review_page

VERIFIED = dt.date(2026, 11, 26)  # last_verified of the mini repository's runbook


def _page(root: Path, today: dt.date) -> str:
    edit(root / "data/organisation.yaml", "review_period_days: 36500", "review_period_days: 90")
    repo, problems = load_repository(root)
    assert repo is not None, problems
    return needs_review_page(repo, today, lambda path: f"https://git.example.test/-/edit/main/{path}")


def test_stale_runbook_is_listed_with_its_owner(mini_repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    page = _page(mini_repo, VERIFIED + dt.timedelta(days=100))
    golden("render/needs-review-stale.md", page)
    assert "**1 of 1 runbooks need review.**" in page
    assert "[Platform team](../incident/escalation.md#team-platform-team) (#platform)" in page
    assert "| 10 days |" in page
    assert "(https://git.example.test/-/edit/main/runbooks/rollout-not-starting.yaml)" in page


def test_none_stale_says_so_and_shows_what_is_due_next(mini_repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    page = _page(mini_repo, VERIFIED + dt.timedelta(days=90))  # due today is not yet overdue
    golden("render/needs-review-none.md", page)
    assert "No runbook needs review: all 1 were verified within the last 90 days." in page
    assert "| 2027-02-24 |" in page
