"""The postmortem template (page, download and `runbook postmortem new`) and the postmortems index with its chart.

Sections follow the SRE book's template (trigger apart from contributing factors, action items typed prevent /
mitigate / process, "where we got lucky") with PagerDuty's UTC timeline.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass

from .. import urls
from ..execute.redact import redact
from ..model import Repository
from ..postmortems import LogEntry, Postmortem
from .blocks import cell, join_blocks

ACTION_TYPES = {
    "prevent": "stops this from happening again",
    "mitigate": "makes it smaller or shorter next time",
    "process": "changes how we detect, respond or communicate",
}
_SEVERITY_COLOURS = {"P1": "#8b0000", "P2": "#c2410c", "P3": "#8a6d00", "P4": "#37474f", None: "#3f51b5"}


@dataclass(frozen=True)
class TimelineRow:
    at: str  # as printed in the Time column
    event: str  # Markdown


# ----------------------------------------------------------------------------------------------------------------------
# The document
# ----------------------------------------------------------------------------------------------------------------------


def postmortem_document(title: str, date: str, *, detected: dt.datetime | None = None,
                        runbooks: Sequence[str] = (), timeline: Sequence[TimelineRow] = (),
                        evidence: str = "") -> str:
    """A new postmortem: the template with its title, date and, from an incident log, the commands run."""
    front = "\n".join([
        "---",
        f"title: {json.dumps(title)}",
        f"date: {date}",
        "severity: null     # P1, P2, P3 or P4 (see the severity levels page)",
        "status: draft      # draft, in review, final",
        f"detected: {_iso(detected) if detected else 'null'}"
        + ("  # first command in the incident log: set it to when the alert fired or the first report came"
           if detected else "  # UTC, when the problem was detected, e.g. 2026-11-20T03:12:00Z"),
        "resolved: null     # UTC, when user impact ended; the index shows detected-to-resolved time",
        f"runbooks: {json.dumps(list(runbooks))}",
        "authors: []",
        "---",
    ])
    title = one_line(title)
    rows = [TimelineRow("_hh:mm_", "_Detected: which alert or who reported it._"), *timeline,
            TimelineRow("_hh:mm_", "_Resolved: what ended the impact._")]
    table = "| Time (UTC) | Event |\n|---|---|\n" + "\n".join(f"| {r.at} | {r.event} |" for r in rows)
    actions = "\n".join(f"- **{name}**: {meaning}" for name, meaning in ACTION_TYPES.items())
    return join_blocks(
        front,
        f"# Postmortem: {literal(title)}",
        "_Blameless: write what the system and the process allowed, not who slipped._",
        "## Summary",
        "_Two or three sentences: what broke, for whom, for how long, and what ended it._",
        "## Impact",
        "| | |\n|---|---|\n| Who was affected | _users, services, teams_ |\n"
        "| For how long | _detected to resolved, and when it really started_ |\n"
        "| Requests failed or delayed | _numbers, with the graph linked_ |\n| Data lost | _none, or what_ |",
        "## Trigger",
        "_The change or event that set it off: a deploy, a config push, a traffic peak. It is not the cause._",
        "## Contributing factors",
        "_The conditions that let the trigger become an incident, one bullet each. Keep asking why until the "
        "answer is something we can change._",
        "## Timeline",
        "All times UTC. One row per observation, decision and action.",
        table,
        "## Detection",
        "_How we found out, how long after it started, and how we could have known sooner._",
        "## Resolution",
        "_What ended the impact, and what brought the system fully back._",
        "## Action items",
        "| Action | Type | Owner | Issue | Status |\n|---|---|---|---|---|\n"
        "| _what will change_ | prevent | _team or person_ | _link_ | open |",
        "Each action has one type:\n\n" + actions,
        "## Lessons learned",
        "### What went well",
        "_Keep doing these._",
        "### What went wrong",
        "_Each one should lead to an action item._",
        "### Where we got lucky",
        "_What would have made this worse, had it gone the other way._",
        "## Supporting information",
        evidence or "_Links: dashboards, logs, the chat channel, and the incident log written by `runbook run`._",
    )


def _iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def one_line(text: str) -> str:
    """Whitespace runs (newlines included) as one space, control characters dropped: a heading or a table cell."""
    return "".join(ch for ch in " ".join(text.split()) if ch.isprintable())


# Characters that start Markdown or HTML syntax in a line: links, emphasis, code, attribute lists (`{:`; a closing
# brace starts nothing), escapes, table cells, tags and entities.
_MARKUP = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{|<>&"})


def literal(text: str) -> str:
    """Text shown exactly as written, on one line: nothing in it becomes a link, an attribute, emphasis or a tag."""
    return one_line(text).translate(_MARKUP)


def timeline_from_log(entries: Sequence[LogEntry], repo: Repository | None, *, date: str,
                      from_doc: str) -> list[TimelineRow]:
    """One timeline row per command of the incident log, linking the runbook when this repository has it.

    A log can be edited by hand and its fields end up on a published page: each is redacted again and shown
    literally (HTML and Markdown in it stay text).
    """
    known = {rb.id: rb for rb in repo.runbooks} if repo else {}
    rows = []
    for e in entries:
        started = e.started.astimezone(dt.UTC)
        at = started.strftime("%H:%M:%S" if started.date().isoformat() == date else "%Y-%m-%d %H:%M:%S")
        rb = known.get(e.runbook)
        where = (f"[{literal(rb.title)}]({urls.link(from_doc, urls.runbook_doc(rb.id))})" if rb
                 else _code(e.runbook))
        what = f"{literal(redact(e.title))} (step {_code(str(e.step))} of {where}): {_code(redact(e.command))}"
        if e.skipped:
            reason = f" ({literal(redact(e.skipped))})" if isinstance(e.skipped, str) else ""
            rows.append(TimelineRow(at, f"Skipped {what}{reason}"))
            continue
        if e.interrupted:
            outcome = "interrupted (Ctrl-C)"
        elif e.timed_out:
            outcome = "timed out"
        else:
            outcome = f"exit {e.exit_code}" if e.exit_code is not None else "did not start"
        rows.append(TimelineRow(at, f"Ran {what} → {outcome}"))
    return rows


def _code(text: str) -> str:
    return f"<code>{literal(text)}</code>"


# ----------------------------------------------------------------------------------------------------------------------
# Site pages
# ----------------------------------------------------------------------------------------------------------------------


def template_page(template: str) -> str:
    doc = urls.POSTMORTEM_TEMPLATE_DOC
    download = urls.link(doc, urls.POSTMORTEM_TEMPLATE_FILE)
    fence = "````"  # the template holds ``` nowhere, but a longer fence keeps it literal whatever it holds
    return join_blocks(
        '---\ntitle: "Postmortem template"\n---',
        "# Postmortem template",
        "Write a postmortem for every P1 and P2, and for any incident where on-call had to intervene by hand "
        "(a rollback, an abort, rerouting traffic). Review deadlines per severity are on the "
        f"[severity levels]({urls.link(doc, urls.SEVERITY_DOC)}) page.",
        "Start one from the command line; with the directory `runbook run` wrote during the incident, the timeline "
        "is already filled with every command that was run and when:",
        '```text\nrunbook postmortem new "Canary stuck at 20% on checkout" \\\n'
        '    --from-log incidents/20261120T031200Z-rollout-not-starting\n```',
        f'Or [download the template]({download}){{: download="postmortem-template.md" }} and save it as '
        "`docs/postmortems/YYYY-MM-DD-short-title.md`. The "
        f"[postmortems index]({urls.link(doc, urls.POSTMORTEMS_DOC)}) lists every postmortem from its front matter.",
        "## The template",
        f"{fence}markdown\n{template.rstrip()}\n{fence}",
    )


def postmortems_index_page(postmortems: Sequence[Postmortem]) -> str:
    doc = urls.POSTMORTEMS_DOC
    intro = (f"Every incident review, newest first. Start a new one with `runbook postmortem new \"TITLE\"`; "
             f"see the [postmortem template]({urls.link(doc, urls.POSTMORTEM_TEMPLATE_DOC)}).")
    head = ('---\ntitle: "Postmortems"\n---', "# Postmortems", intro)
    if not postmortems:
        return join_blocks(*head, "There are no postmortems yet.")
    rows = "\n".join(
        f"| {p.meta.date.isoformat()} | [{cell(html.escape(p.meta.title, quote=False))}]({urls.link(doc, p.doc)}) | "
        f"{p.meta.severity or '—'} | {duration(p.meta.time_to_resolve)} | {cell(p.meta.status)} |"
        for p in postmortems
    )
    timed = [p for p in reversed(postmortems) if p.meta.time_to_resolve is not None]
    chart = ""
    if timed:
        bars = [(f"{p.meta.date.isoformat()} {p.meta.title}", p.meta.time_to_resolve or dt.timedelta(), p.meta.severity)
                for p in timed]
        chart = join_blocks("## Detection to resolution {#time-to-resolve}", duration_chart(bars))
    missing = len(postmortems) - len(timed)
    note = (f"{missing} postmortem(s) have no `detected` and `resolved` time yet and are left out of the chart."
            if missing and timed else "")
    return join_blocks(
        *head,
        "| Date | Incident | Severity | Detected to resolved | Status |\n|---|---|---|---|---|\n" + rows,
        chart,
        note,
    )


def duration(td: dt.timedelta | None) -> str:
    if td is None:
        return "not recorded"
    total = int(td.total_seconds() // 60)
    return f"{total} min" if total < 60 else f"{total // 60} h {total % 60:02d} min"


def duration_chart(bars: Sequence[tuple[str, dt.timedelta, str | None]]) -> str:
    """One labelled bar per incident, oldest at the top: an inline SVG, so the page requests nothing.

    The viewBox is about as wide as the content column, so text keeps its size on a laptop screen.
    """
    row_h, bar_w, value_w = 44, 480, 100
    longest = max(td.total_seconds() for _, td, _ in bars) or 1
    height = row_h * len(bars)
    parts = [f'<figure class="rb-chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
             f'viewBox="0 0 {bar_w + value_w} {height}" width="100%" '
             f'aria-label="Detection to resolution time per incident">']
    for i, (label, td, severity) in enumerate(bars):
        y = i * row_h
        width = max(2, round(bar_w * td.total_seconds() / longest))
        short = label if len(label) <= 70 else label[:69] + "…"
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="13" fill="currentColor">{html.escape(short)}</text>'
            f'<rect x="0" y="{y + 21}" width="{width}" height="16" rx="3" '
            f'fill="{_SEVERITY_COLOURS.get(severity, _SEVERITY_COLOURS[None])}"><title>{html.escape(label)}: '
            f"{duration(td)}</title></rect>"
            f'<text x="{width + 6}" y="{y + 34}" font-size="13" fill="currentColor">{duration(td)}</text>'
        )
    parts.append("</svg><figcaption>Detection to resolution per incident, oldest first; colour is severity."
                 "</figcaption></figure>")
    return "".join(parts)
