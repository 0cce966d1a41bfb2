"""`runbook postmortem new "TITLE"`: a dated postmortem from the template, timeline pre-filled from an incident log."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

from ..freshness import today_utc
from ..load import load_repository
from ..postmortems import LOG_FILE, POSTMORTEM_DIR, read_incident_log
from ..render.postmortem import one_line, postmortem_document, timeline_from_log


def slugify(title: str, max_length: int = 60) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "incident"


TITLE_LIMIT = 200


def title_problem(title: str) -> str | None:
    """Why `title` cannot name a postmortem (its heading, front matter and file name), or None."""
    text = one_line(title)
    if not text:
        return "the title is empty: say what happened, e.g. \"Canary stuck at 20% on checkout\""
    if not any(ch.isalnum() for ch in text):
        return f"the title {title!r} has no letter or digit to name the file by"
    if len(text) > TITLE_LIMIT:
        return f"the title has {len(text)} characters; keep it under {TITLE_LIMIT} (details go in the summary)"
    return None


def new_postmortem(root: Path, title: str, *, date: dt.date | None = None, log_dir: Path | None = None) -> int:
    """Write docs/postmortems/<date>-<slug>.md; never overwrite. Exit 1 if it exists, 2 on a bad title or log."""
    why = title_problem(title)
    if why:
        print(f"runbook postmortem new: {why}", file=sys.stderr)
        return 2
    title = one_line(title)  # a newline would split the heading
    day = (date or today_utc()).isoformat()
    doc = f"postmortems/{day}-{slugify(title)}.md"
    target = root / POSTMORTEM_DIR / Path(doc).name
    detected, runbooks, timeline, evidence = None, [], [], ""
    if log_dir is not None:
        entries, problems = read_incident_log(log_dir)
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            return 2
        repo, _ = load_repository(root)
        timeline = timeline_from_log(entries, repo, date=day, from_doc=doc)
        runbooks = list(dict.fromkeys(e.runbook for e in entries))
        detected = entries[0].started if entries else None
        evidence = (f"Incident log: `{log_dir / LOG_FILE}`, {len(entries)} command(s) with their full output. "
                    "Link or attach it here; it is not published with the site.")
    text = postmortem_document(title, day, detected=detected, runbooks=runbooks, timeline=timeline, evidence=evidence)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as f:  # "x": fails instead of overwriting
            f.write(text)
    except FileExistsError:
        print(f"{target.relative_to(root)}: exists; not overwritten (choose another title or --date)", file=sys.stderr)
        return 1
    print(f"wrote {target.relative_to(root)}")
    return 0


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("postmortem", help="start a postmortem from the template")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="write docs/postmortems/<date>-<title>.md from the template")
    new.add_argument("title", help='what happened, e.g. "Canary stuck at 20%% on checkout"')
    new.add_argument("--from-log", type=Path, metavar="DIR",
                     help=f"incident log directory written by `runbook run` ({LOG_FILE}): pre-fills the timeline")
    new.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="date of the incident (default: today, UTC)")
    new.set_defaults(func=lambda a: new_postmortem(a.root, a.title, date=a.date, log_dir=a.from_log))
