"""Offline analysis of saved command output: split, recognise, read like an expert, rank causes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence

from .causes import CauseFinding, Evidence, Hit, rank, to_findings
from .objects import ObjectFinding, analyze_objects
from .segments import Segment, split_outputs
from .signatures import Matcher, Table
from .text import port_mismatch, segment_hits


def analyze_outputs(outputs: Sequence[str], table: Table, names: Sequence[str] = ()) -> list[CauseFinding]:
    """Causes recognised in the outputs, best first; nothing recognised gives an empty list, never a guess.

    `names` says where each output came from (a file name, `-`); the evidence lines carry it.
    """
    return to_findings(rank(hits_of(outputs, table.matcher, names), table.explained_by), table)


def analyze_lines(outputs: Sequence[str], table: Table, names: Sequence[str] = ()) -> list[CauseFinding]:
    """What the site's paste box answers: the same ranking over the line signatures alone.

    No table, describe block, object or several outputs read together: only each line against the signatures.
    docs/assets/javascripts/paste.js mirrors this in the browser; tests/analyze/test_paste_js.py holds the two to the
    same answers on every captured output.
    """
    return to_findings(rank(hits_of(outputs, table.matcher, names, structure=False), table.explained_by), table)


# `argocd app sync` prints each resource's row as it goes, OutOfSync before it is applied; when the same output ends
# with the operation's `Phase: Succeeded`, those rows are history, not the state. The `Sync Status:` line (of an
# `argocd app get` printed after an older successful sync) still counts. The paste box applies the same rule
# (rbkb.analyze.table.browser_table exports it).
SYNC_SUCCEEDED = (re.compile(r"^Operation:\s+Sync\s*$", re.MULTILINE),
                  re.compile(r"^Phase:\s+Succeeded\s*$", re.MULTILINE))
SUPERSEDED_BY_SYNC = "out_of_sync"
STILL_CURRENT = "Sync Status:"


def hits_of(outputs: Sequence[str], matcher: Matcher, names: Sequence[str] = (), *,
            structure: bool = True) -> Iterator[Hit]:
    """Every hit in the outputs; `structure=False` keeps the line signatures only (the paste box's view)."""
    synced = {i for i, text in enumerate(outputs) if all(r.search(text) for r in SYNC_SUCCEEDED)}
    for cause, confidence, lines in _hits(outputs, matcher, names, structure):
        if cause == SUPERSEDED_BY_SYNC and synced:
            lines = [ln for ln in lines if ln.lstrip().startswith(STILL_CURRENT) or ln.output not in synced]
        if lines:
            yield cause, confidence, lines


def _hits(outputs: Sequence[str], matcher: Matcher, names: Sequence[str], structure: bool) -> Iterator[Hit]:
    segments = [seg for i, text in enumerate(outputs)
                for seg in split_outputs(text, names[i] if i < len(names) else "", output=i)]
    for seg in segments:
        yield from line_hits(seg, matcher)
        if not structure:
            continue
        for cause, confidence, lines in segment_hits(seg, matcher):
            yield cause, confidence, [_at(seg, line) for line in lines]
        if seg.objects:
            ranges = _object_ranges(seg)
            for finding in analyze_objects(seg.objects, matcher):
                lines = _object_lines(seg, finding, ranges)
                yield finding.cause, finding.confidence, [_at(seg, line) for line in lines]
    if not structure:
        return
    for cause, confidence, lines in port_mismatch(segments):
        yield cause, confidence, [_at(next(s for s in segments if line in s.lines), line) for line in lines]


def line_hits(seg: Segment, matcher: Matcher) -> Iterator[Hit]:
    """Every line of the segment against every signature (lines of YAML and JSON documents too)."""
    for n, line in zip(seg.numbers or range(1, len(seg.lines) + 1), seg.lines, strict=True):
        for sig in matcher.match(line):
            yield sig.cause, sig.confidence, [Evidence(line, input=seg.input, segment=seg.index, line_no=n,
                                                       tool=sig.tool, versions=sig.versions, output=seg.output)]


def _at(seg: Segment, line: str) -> Evidence:
    return Evidence(line, input=seg.input, segment=seg.index, line_no=seg.number(line), output=seg.output)


def _object_ranges(seg: Segment) -> dict[tuple[str, str], tuple[int, int]]:
    """Where each object's text is: from its `name` line to the next object's (objects print in order)."""
    starts: list[tuple[tuple[str, str], int]] = []
    i = 0
    for obj in seg.objects:
        name = str((obj.get("metadata") or {}).get("name", ""))
        pattern = re.compile(rf"""^\s*"?name"?:\s*"?{re.escape(name)}"?,?\s*$""")
        for j in range(i, len(seg.lines)):
            if pattern.match(seg.lines[j]):
                starts.append(((str(obj.get("kind")), name), j))
                i = j + 1
                break
    ranges: dict[tuple[str, str], tuple[int, int]] = {}
    for k, (key, start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(seg.lines)
        ranges.setdefault(key, (max(0, start - 8), end))
    return ranges


def _object_lines(seg: Segment, finding: ObjectFinding, ranges: dict[tuple[str, str], tuple[int, int]]) -> list[str]:
    """The input lines that show an object finding: each field where it appears inside that object's text."""
    start, end = ranges.get((finding.kind, finding.name), (0, len(seg.lines)))
    window = seg.lines[start:end]
    lines: list[str] = []
    for path, value in finding.evidence:
        key = re.sub(r"\[.*?\]", "", path).split(".")[-1].split()[-1]
        needles = [n for n in {value, json.dumps(value)[1:-1], value[:60]} if n]
        line = next((ln for ln in window if key in ln and any(n in ln for n in needles)), None)
        if line is None and len(value) >= 8:
            line = next((ln for ln in window if any(n in ln for n in needles)), None)
        if line is None:
            line = next((ln for ln in window if re.search(rf"""["']?{re.escape(key)}["']?:""", ln)), None)
        if line is not None and line not in lines:
            lines.append(line)
    return lines or ([seg.lines[start]] if window else [])
