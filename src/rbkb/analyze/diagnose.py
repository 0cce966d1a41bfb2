"""Offline analysis of saved command output: split, recognise, read like an expert, rank causes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence

from ..model import Repository
from .causes import CauseFinding, rank, to_findings
from .objects import ObjectFinding, analyze_objects
from .segments import Segment, split_outputs
from .text import Hit, line_hits, port_mismatch, segment_hits


def analyze_outputs(outputs: Sequence[str], repo: Repository, site_url: str) -> list[CauseFinding]:
    """Causes recognised in the outputs, best first; nothing recognised gives an empty list, never a guess."""
    return to_findings(rank(hits_of(outputs)), repo, site_url)


def hits_of(outputs: Sequence[str]) -> Iterator[Hit]:
    segments = [seg for text in outputs for seg in split_outputs(text)]
    for seg in segments:
        yield from line_hits(seg)
        yield from segment_hits(seg)
        if seg.objects:
            ranges = _object_ranges(seg)
            for finding in analyze_objects(seg.objects):
                yield finding.cause, finding.confidence, _object_lines(seg, finding, ranges)
    yield from port_mismatch(segments)


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
