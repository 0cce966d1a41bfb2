"""Signature patterns: the subset Python and JavaScript agree on, the needles that prefilter lines, linear time."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from analyze_support import OUTPUTS, ROOT, read_output, repo, table  # noqa: F401 (fixtures)

from rbkb.analyze.patterns import (
    compile_pattern,
    for_javascript,
    needles,
    shape_problems,
    subset_problems,
    syntax_problems,
)
from rbkb.analyze.signatures import Matcher, Signature

AGREE = Path(__file__).with_name("regex_agree.mjs")


@pytest.mark.parametrize("pattern", [
    r"\b(ImagePullBackOff|ErrImagePull)\b", r"^Status:\s+॥\s*Paused",
    r"lookup \S+ on \S+:53: (no such host|i/o timeout)",
    r'secrets? "[^"]+" not found', r"x{2,5}y", r"Readiness probe (failed|errored)", r"a(?=bc)", r"a(?!bc)",
    r"\u00e9t\x41", r"[\]a-]+x",
])
def test_common_subset_is_accepted(pattern: str) -> None:
    assert subset_problems(pattern) == []


@pytest.mark.parametrize(("pattern", "why"), [
    (r"(?i)oom", "inline flags"), (r"(?P<n>x)", "named group"), (r"(?<=a)b", "look-behind"),
    (r"(a)\1", "back-reference"),
    (r"a++", "possessive"), (r"x{", "lone brace"), (r"a}", "lone brace"), (r"[]a]", "JS reads [] as empty"),
    (r"\'", "identity escape"), (r"\Z", "Python-only anchor"), (r"[a[b]", "nested class"), (r"(", "does not compile"),
    (r"[^\S\n]", "JavaScript's \\S also leaves out Unicode spaces, and inside a class it cannot be spelled out"),
])
def test_outside_the_subset_is_refused(pattern: str, why: str) -> None:
    assert syntax_problems(pattern), why


@pytest.mark.parametrize("pattern", [r"(a+)+b", r"(\s*x)*y", r"(?=.*(prometheus|thanos))", r"(?=\w+x)y"])
def test_backtracking_shapes_are_refused(pattern: str) -> None:
    assert shape_problems(pattern)


@pytest.mark.parametrize(("pattern", "expected"), [
    ("Failed to pull image", ["failed to pull image"]),
    (r"\b(ImagePullBackOff|ErrImagePull)\b", ["errimagepull", "imagepullbackoff"]),
    (r"lookup \S+ on \S+:53: (no such host|read udp)", ["no such host", "read udp"]),
    (r"^Status:\s+॥\s*Paused", ["status:"]),
    (r"\d+-\d+", []),  # no literal of three characters: lint RB017 refuses it
])
def test_needles_are_text_every_match_contains(pattern: str, expected: list[str]) -> None:
    assert needles(pattern) == expected


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"Status:\s+Paused", r"Status:[\t\n\v\f\r ]+Paused"),
    (r"image \S+ not found", r"image [^\t\n\v\f\r ]+ not found"),
    (r"[\s,]+x[^\s]", r"[\t\n\v\f\r ,]+x[^\t\n\v\f\r ]"),
    (r"a\\s\[\s\]", r"a\\s\[[\t\n\v\f\r ]\]"),  # an escaped backslash, escaped brackets
    (r"\d+ of \w+\b", r"\d+ of \w+\b"),  # ASCII in JavaScript too (flag u without i)
])
def test_whitespace_classes_are_spelled_out_for_the_browser(pattern: str, expected: str) -> None:
    assert for_javascript(pattern) == expected


def _sample_lines() -> list[str]:
    """Real lines from every captured output, a few per file: the non-matching side of the comparison."""
    lines = []
    for path in sorted(OUTPUTS.rglob("*.txt")):
        lines += [line for line in read_output(path).splitlines() if line.strip()][:6]
    return lines


def test_python_and_javascript_agree_on_every_signature(table) -> None:
    sample = _sample_lines()
    cases, expected = [], []
    for i, sig in enumerate(table.signatures):
        example = (table.examples.get(i) or {}).get("text", sig.text)
        # A no-break space (pasted from a web page) is not whitespace to Python's re.ASCII: nor to the browser's form
        lines = [example, example.upper(), example.lower(), example.replace(" ", "\u00a0"), *sample]
        for expr in (sig.pattern, sig.also, sig.unless):
            if expr:
                py = compile_pattern(expr, sig.ignore_case)
                cases.append({"pattern": for_javascript(expr), "ignoreCase": sig.ignore_case, "lines": lines})
                expected.append([py.search(line) is not None for line in lines])
    done = subprocess.run(["node", str(AGREE)], input=json.dumps(cases), capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    for case, want, got in zip(cases, expected, json.loads(done.stdout), strict=True):
        assert got["error"] is None, (case["pattern"], got["error"])
        assert got["results"] == want, case["pattern"]
    assert any(any(w) for w in expected) and any(not all(w) for w in expected)  # both answers occur


def test_a_1_mb_line_is_matched_in_well_under_a_second(table) -> None:
    # The audit's case (a hint word, then a megabyte, then another phrase), and each example repeated to 1 MB: the
    # worst case for a pattern with `.*` or adjacent quantifiers is many starts on one line.
    lines = ["ImagePullBackOff " + "A" * 1_000_000 + " Back-off pulling image", " " * 1_000_000 + "OOMKilled"]
    for i, sig in enumerate(table.signatures):
        if not sig.is_literal:  # a literal signature is one substring search, linear by construction
            example = (table.examples.get(i) or {}).get("text", sig.text)
            lines.append((example + " ") * (1_000_000 // (len(example) + 1)))
    slowest = 0.0
    for line in lines:
        start = time.process_time()  # CPU time: other processes on a busy machine do not count
        table.matcher.match(line)
        slowest = max(slowest, time.process_time() - start)
    assert slowest < 0.5, f"slowest 1 MB line took {slowest:.2f} s of CPU"


def test_a_match_split_by_the_window_edge_is_still_found() -> None:
    sig = Signature(cause="c", tool="kubectl", text="Failed to pull image", confidence=0.9,
                    needles=("failed to pull image",), runbook="r", signal=0)
    matcher = Matcher([sig])
    for offset in (8192 - 10, 8192 - 2048 + 5, 3 * 6144 - 7):
        line = "x" * offset + "Failed to pull image" + "y" * 20_000
        assert matcher.match(line) == [sig], offset
