"""The postmortem template, a pre-filled timeline, and the postmortems index with its chart: golden files."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import FIXTURES

from rbkb.load import load_repository
from rbkb.postmortems import LogEntry, Postmortem, PostmortemMeta, read_incident_log
from rbkb.render.postmortem import (
    duration,
    duration_chart,
    postmortem_document,
    postmortems_index_page,
    template_page,
    timeline_from_log,
)

UTC = dt.UTC


def _pm(day: str, title: str, minutes: int | None, severity: str | None = "P2") -> Postmortem:
    detected = dt.datetime.fromisoformat(f"{day}T03:00:00+00:00")
    resolved = detected + dt.timedelta(minutes=minutes) if minutes is not None else None
    meta = PostmortemMeta(title=title, date=dt.date.fromisoformat(day), severity=severity, detected=detected,
                          resolved=resolved)
    return Postmortem(doc=f"postmortems/{day}-x.md", meta=meta)


def test_template_golden(golden) -> None:  # type: ignore[no-untyped-def]
    template = postmortem_document("Short title of the incident", "2026-11-20")
    golden("render/postmortem-template.md", template)
    golden("render/postmortem-template-page.md", template_page(template))


def test_template_has_every_section_the_guide_asks_for() -> None:
    headings = re.findall(r"^#+ (.+)$", postmortem_document("T", "2026-11-20"), re.MULTILINE)
    assert headings == ["Postmortem: T", "Summary", "Impact", "Trigger", "Contributing factors", "Timeline",
                        "Detection", "Resolution", "Action items", "Lessons learned", "What went well",
                        "What went wrong", "Where we got lucky", "Supporting information"]


def test_timeline_from_incident_log_golden(mini_repo: Path, golden) -> None:  # type: ignore[no-untyped-def]
    entries, problems = read_incident_log(FIXTURES / "incident-log")
    assert problems == []
    repo, _ = load_repository(mini_repo)
    rows = timeline_from_log(entries, repo, date="2026-11-20", from_doc="postmortems/2026-11-20-x.md")
    doc = postmortem_document("Canary stuck", "2026-11-20", detected=entries[0].started,
                              runbooks=["rollout-not-starting"], timeline=rows)
    golden("render/postmortem-from-log.md", doc)
    assert [r.at for r in rows] == ["03:14:05", "03:15:40", "03:17:00", "03:18:00"]
    # A command's `|` must not split the table row; a runbook this repository lacks is named, not linked.
    assert "&#124;" in rows[1].event and "[Rollout does not start" in rows[0].event
    assert rows[2].event.endswith("→ timed out")
    assert rows[3].event.startswith("Skipped ") and rows[3].event.endswith("(declined at the prompt)")
    assert "<code>retired-runbook</code>" in rows[3].event


def test_timeline_shows_the_date_for_entries_on_another_day(mini_repo: Path) -> None:
    entries, _ = read_incident_log(FIXTURES / "incident-log")
    rows = timeline_from_log(entries, None, date="2026-11-19", from_doc="postmortems/x.md")
    assert rows[0].at == "2026-11-20 03:14:05"


def test_index_with_none_says_so(golden) -> None:  # type: ignore[no-untyped-def]
    page = postmortems_index_page([])
    golden("render/postmortems-index-empty.md", page)
    assert "There are no postmortems yet." in page and "<svg" not in page


def test_index_with_postmortems_golden(golden) -> None:  # type: ignore[no-untyped-def]
    pms = [_pm("2026-11-20", "Canary stuck at 20% on checkout", 110, "P2"),
           _pm("2026-10-02", "Ingress <controller> down", 35, "P1"),
           _pm("2026-09-15", "Analysis failing on empty query", None, "P3")]
    page = postmortems_index_page(pms)
    golden("render/postmortems-index.md", page)
    assert "| 2026-11-20 | [Canary stuck at 20% on checkout](2026-11-20-x.md) | P2 | 1 h 50 min | draft |" in page
    assert "not recorded" in page and "1 postmortem(s) have no `detected` and `resolved` time" in page
    assert page.count("<rect ") == 2 and "Ingress &lt;controller&gt; down" in page


def test_chart_bars_scale_to_the_longest() -> None:
    svg = duration_chart([("a", dt.timedelta(minutes=30), "P1"), ("b", dt.timedelta(minutes=120), None)])
    widths = [int(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="(\d+)"', svg)]
    assert widths == [120, 480]
    assert "\n\n" not in svg  # a blank line would end the raw HTML block in Markdown


def test_duration_wording() -> None:
    assert [duration(dt.timedelta(minutes=m)) for m in (0, 59, 60, 125)] == ["0 min", "59 min", "1 h 00 min",
                                                                             "2 h 05 min"]
    assert duration(None) == "not recorded"


def test_an_interrupted_step_says_so_in_the_timeline() -> None:
    entry = LogEntry(runbook="x", step="diagnostics.4", title="Events", command="kubectl get events -n shop",
                     started=dt.datetime(2026, 11, 20, 3, 14, 5, tzinfo=UTC), interrupted=True)
    (row,) = timeline_from_log([entry], None, date="2026-11-20", from_doc="postmortems/x.md")
    assert row.event.endswith("→ interrupted (Ctrl-C)")
