"""RB501/RB502: last_verified ages against the organisation's review period; "today" is injected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import edit

from rbkb.lint import lint_repository
from rbkb.lint.rules import all_rules
from rbkb.render.rules import rules_reference

RB = "runbooks/rollout-not-starting.yaml"
VERIFIED = dt.date(2026, 11, 26)


def _freshness(root: Path, today: dt.date) -> list[str]:
    return [str(p) for p in lint_repository(root, today=today) if p.rule.startswith("RB5")]


def test_older_than_the_review_period_warns_with_file_and_line(mini_repo: Path) -> None:
    edit(mini_repo / "data/organisation.yaml", "review_period_days: 36500", "review_period_days: 30")
    assert _freshness(mini_repo, VERIFIED + dt.timedelta(days=30)) == []
    assert _freshness(mini_repo, VERIFIED + dt.timedelta(days=31)) == [
        f"{RB}:11: RB501 last_verified: verified 2026-11-26, 31 days ago; the review period is 30 days "
        "(data/organisation.yaml review_period_days): run its checks again and update last_verified (warning)"
    ]


def test_future_date_warns(mini_repo: Path) -> None:
    assert _freshness(mini_repo, VERIFIED - dt.timedelta(days=1)) == [
        f"{RB}:11: RB502 last_verified: 2026-11-26 is in the future (today is 2026-11-25) (warning)"
    ]


def test_rules_are_on_the_lint_rules_page() -> None:
    rules = all_rules()
    assert rules["RB501"].severity == "warning" and rules["RB503"].severity == "error"
    page = rules_reference(rules)
    assert "## Keeping it true" in page
    for rule in ("RB501", "RB502", "RB503"):
        assert f"### {rule}: " in page
