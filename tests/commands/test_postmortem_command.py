"""`runbook postmortem new`: a dated file from the template, pre-filled from an incident log, never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from rbkb.cli import main
from rbkb.postmortems import load_postmortems

TITLE = "Canary stuck at 20% on checkout"
DOC = "docs/postmortems/2026-11-20-canary-stuck-at-20-on-checkout.md"


def _new(root: Path, *extra: str) -> int:
    return main(["--root", str(root), "postmortem", "new", TITLE, "--date", "2026-11-20", *extra])


def test_new_without_log_writes_the_template(mini_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(mini_repo) == 0
    assert capsys.readouterr().out == f"wrote {DOC}\n"
    text = (mini_repo / DOC).read_text()
    assert text.startswith('---\ntitle: "Canary stuck at 20% on checkout"\ndate: 2026-11-20\n')
    assert "# Postmortem: Canary stuck at 20% on checkout" in text and "### Where we got lucky" in text
    postmortems, problems = load_postmortems(mini_repo)
    assert problems == []
    assert [(p.doc, p.meta.detected, p.meta.runbooks) for p in postmortems] == [
        ("postmortems/2026-11-20-canary-stuck-at-20-on-checkout.md", None, [])]


def test_new_from_log_prefills_timeline_and_detected(mini_repo: Path) -> None:
    assert _new(mini_repo, "--from-log", str(FIXTURES / "incident-log")) == 0
    text = (mini_repo / DOC).read_text()
    assert "| 03:15:40 | Ran Read the pause state from status, not only spec (step <code>diagnostics.1</code> of " \
           "[Rollout does not start after a change](../runbooks/rollout-not-starting.md)): " in text
    assert text.index("03:14:05") < text.index("03:15:40") < text.index("03:17:00") < text.index("03:18:00")
    postmortems, problems = load_postmortems(mini_repo)
    assert problems == []
    meta = postmortems[0].meta
    assert meta.detected is not None and meta.detected.isoformat() == "2026-11-20T03:14:05+00:00"
    assert meta.runbooks == ["rollout-not-starting", "retired-runbook"]


def test_never_overwrites(mini_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(mini_repo) == 0
    (mini_repo / DOC).write_text("written by hand\n")
    capsys.readouterr()
    assert _new(mini_repo, "--from-log", str(FIXTURES / "incident-log")) == 1
    assert "exists; not overwritten" in capsys.readouterr().err
    assert (mini_repo / DOC).read_text() == "written by hand\n"


def test_bad_log_line_is_reported_with_file_and_line(mini_repo: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "log"
    log.mkdir()
    good = (FIXTURES / "incident-log/commands.jsonl").read_text().splitlines()[0]
    missing = json.loads(good)
    del missing["started"]
    (log / "commands.jsonl").write_text(f"{good}\nnot json\n{json.dumps(missing)}\n")
    assert _new(mini_repo, "--from-log", str(log)) == 2
    err = capsys.readouterr().err
    assert f"{log}/commands.jsonl:2: RB001 not JSON" in err
    assert f"{log}/commands.jsonl:3: RB003 started: Field required" in err
    assert not (mini_repo / DOC).exists()


def test_invalid_front_matter_is_reported_with_line(mini_repo: Path) -> None:
    assert _new(mini_repo) == 0
    path = mini_repo / DOC
    path.write_text(path.read_text().replace("resolved: null", "resolved: yesterday"))
    _, problems = load_postmortems(mini_repo)
    assert [(p.file, p.line, p.path) for p in problems] == [(DOC, 7, "resolved")]


@pytest.mark.parametrize(("title", "message"), [
    ("", "the title is empty"),
    ("  \n\t", "the title is empty"),
    (".", "the title '.' has no letter or digit to name the file by"),
    ("..", "the title '..' has no letter or digit to name the file by"),
    ("x" * 5000, "the title has 5000 characters; keep it under 200"),
])
def test_a_title_that_names_nothing_is_refused(mini_repo: Path, capsys: pytest.CaptureFixture[str], title: str,
                                               message: str) -> None:
    """D16, rows 7.4, 7.6: an empty title silently became `incident`; `.` and `..` then reported "exists"."""
    assert main(["--root", str(mini_repo), "postmortem", "new", title, "--date", "2026-11-20"]) == 2
    assert message in capsys.readouterr().err
    assert not (mini_repo / "docs/postmortems").exists()


def test_a_newline_does_not_split_the_heading(mini_repo: Path) -> None:
    """D16, row 7.7: `line1\\nline2` gave the H1 `# Postmortem: line1` and put line2 in the body."""
    assert main(["--root", str(mini_repo), "postmortem", "new", "line1\nline2", "--date", "2026-11-20"]) == 0
    text = (mini_repo / "docs/postmortems/2026-11-20-line1-line2.md").read_text()
    assert "\n# Postmortem: line1 line2\n" in text and 'title: "line1 line2"' in text


def test_non_utf8_log_is_a_one_line_error_naming_the_file(mini_repo: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """D13, row 7.12: a non-UTF-8 commands.jsonl ended in a UnicodeDecodeError traceback."""
    log = tmp_path / "log"
    log.mkdir()
    good = (FIXTURES / "incident-log/commands.jsonl").read_bytes().splitlines()[0]
    (log / "commands.jsonl").write_bytes(good + b"\n" + good.replace(b"Show", b"Sh\xff\xfeow") + b"\n")
    assert _new(mini_repo, "--from-log", str(log)) == 2
    assert capsys.readouterr().err == f"{log}/commands.jsonl:2: RB001 not UTF-8 text (byte 74 of the line)\n"
    assert not (mini_repo / DOC).exists()


def test_a_hand_written_log_is_redacted_and_escaped_on_the_page(mini_repo: Path, tmp_path: Path) -> None:
    """D12, row 7.14: `--token=LEAK30tok` and `<script>` in a hand-written log reached a published page verbatim."""
    log = tmp_path / "log"
    log.mkdir()
    entry = json.loads((FIXTURES / "incident-log/commands.jsonl").read_text().splitlines()[0])
    entry.update(title="<script>alert(1)</script> [click](javascript:alert(2)) {: onclick=alert(3) }",
                 command="argocd app list --auth-token=LEAK30tok | <img src=x onerror=alert(4)>",
                 skipped="declined <b>here</b> DB_PASS=LEAK31")
    (log / "commands.jsonl").write_text(json.dumps(entry) + "\n")
    assert _new(mini_repo, "--from-log", str(log)) == 0
    page = (mini_repo / DOC).read_text()
    for leaked in ("LEAK30tok", "LEAK31", "<script>", "<img", "<b>", "](javascript:", "{: onclick"):
        assert leaked not in page
    assert "&#60;script&#62;alert(1)&#60;/script&#62; &#91;click&#93;(javascript:alert(2)) &#123;: onclick" in page
    assert "--auth-token=&#91;REDACTED&#93;" in page  # shown as [REDACTED]
