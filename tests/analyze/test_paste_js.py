"""The paste box's matcher (docs/assets/javascripts/paste.js, run in Node) against `analyze_lines` in Python.

This pins the logic: every captured output gets the same causes, confidences and evidence lines (with line numbers
and tools) from the page's script as from the CLI's line signatures. tests/site/test_paste_box.py proves the page wiring
in Chromium.
"""

from __future__ import annotations

import pytest
from analyze_support import OUTPUTS, answer, paste_js, read_output, repo, table  # noqa: F401 (fixtures)

from rbkb.analyze.diagnose import analyze_lines
from rbkb.analyze.table import browser_table

CAPTURES = sorted(OUTPUTS.rglob("*.txt"))


@pytest.fixture(scope="module")
def published(table) -> dict:
    return browser_table(table)


def _agree(table, published: dict, texts: list[str]) -> list[list[dict]]:
    got = [r["causes"] for r in paste_js(published, texts)["results"]]
    want = [answer(analyze_lines([text], table)) for text in texts]
    for text, g, w in zip(texts, got, want, strict=True):
        assert g == w, text[:200]
    return got


def test_every_capture_gets_the_cli_line_answer(table, published) -> None:
    got = _agree(table, published, [read_output(path) for path in CAPTURES])
    assert len(CAPTURES) > 150
    named = [path for path, causes in zip(CAPTURES, got, strict=True) if causes]
    assert len(named) > 120, "most captures name a cause from their lines alone"
    healthy = [path for path in CAPTURES if path.parent.name == "unrelated"]
    assert healthy and not [p for p in healthy if p in named], "healthy and unrelated output names nothing"


def test_lines_that_only_look_alike_get_the_same_answer(table, published) -> None:
    examples = [ex["text"] for _, ex in sorted(table.examples.items())]
    _agree(table, published, [
        "\n".join(examples),
        "\r\n".join(examples),  # Windows line ends
        "\u2028".join(examples[:20]) + "\x85" + "\x0b".join(examples[20:40]) + "\f" + "\x1c".join(examples[40:]),
        # A no-break space (pasted from a web page or chat) is not `\s` to Python's re.ASCII, nor to the page
        "\n".join(e.replace(" ", "\u00a0") for e in examples),
        "\n".join(e.upper() for e in examples) + "\n" + "\n".join(e.lower() for e in examples),
        "$ kubectl logs checkout-1 | grep OOMKilled\n  Reason:       OOMKilled\n---\n" + examples[0],
    ])


def test_the_no_break_space_rewrite_matters(table, published) -> None:
    r"""Without `for_javascript`, JavaScript's `\s` would take a no-break space and name more causes than the CLI."""
    text = "\n".join(ex["text"].replace(" ", "\u00a0") for _, ex in sorted(table.examples.items()))
    raw = {**published, "signatures": [{**s, **{k: getattr(sig, k) for k in ("pattern", "also", "unless")
                                               if getattr(sig, k)}}
                                       for s, sig in zip(published["signatures"], table.signatures, strict=True)]}
    rewritten = paste_js(published, [text])["results"][0]["causes"]
    as_written = paste_js(raw, [text])["results"][0]["causes"]
    assert len(as_written) > len(rewritten) == len(answer(analyze_lines([text], table)))


def test_long_lines_match_in_windows_as_in_the_cli(table, published) -> None:
    examples = [ex["text"] for _, ex in sorted(table.examples.items())]
    filler = "x" * 9000
    texts = [filler.join(examples[i: i + 5]) for i in range(0, len(examples), 5)]
    texts += ["Status:" + " " * 9000 + "॥ Paused", "kubectl " * 100_000, "[" * 200_000, "a " * 500_000]
    got = _agree(table, published, texts)
    assert any(got[:-4]), "examples far apart on one long line still match"


def test_a_megabyte_line_is_matched_in_well_under_a_second(published) -> None:
    results = paste_js(published, ["x" * 1_000_000, "Back-off " * 120_000], passes=1)["results"]
    assert all(r["ms"] < 1000 for r in results), [r["ms"] for r in results]


def test_rounding_and_cutting_are_the_clis() -> None:
    values = [k / 8 for k in range(-9, 17)] + [0.955, 0.605, 0.9349999, 0.85 + 0.03 * 3, 0.99 - 0.05]
    text = "first line\nsecond line\nthird"
    calls = [["round2", v] for v in values] + [["cut", text, 100], ["cut", text, 15], ["cut", "no line end", 4]]
    got = paste_js({"signatures": [], "rank": {}, "skip": "^$", "explained_by": {}, "causes": {},
                    "superseded": {"cause": "", "when": [], "kept": ""}}, [], calls=calls)["calls"]
    assert got[: len(values)] == [round(v, 2) for v in values]
    assert got[len(values):] == [None, "first line\n", "no l"]
