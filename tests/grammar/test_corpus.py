"""Accuracy corpus: no valid command is rejected, every invalid one is, with the expected rule."""

from __future__ import annotations

import pytest
from grammar_corpus import argv_of, load_corpus

from rbkb.grammar import RULES, check_argv

VALID = load_corpus("valid.yaml")
INVALID = load_corpus("invalid.yaml")


def test_corpus_sizes() -> None:
    assert len(VALID) >= 100
    assert len(INVALID) >= 50
    real = [e for e in INVALID if e["kind"] == "real"]
    mutations = [e for e in INVALID if e["kind"] == "mutation"]
    assert len(real) >= 25 and len(mutations) >= 25
    assert len(real) + len(mutations) == len(INVALID)


def test_every_entry_has_a_source() -> None:
    for e in VALID:
        assert e.get("source", "").startswith("https://"), e
    for e in INVALID:
        assert e.get("source"), e
        if e["kind"] == "real":
            assert e["source"].startswith("https://"), e
        assert e["rule"] in RULES, e


def test_no_duplicates() -> None:
    for corpus in (VALID, INVALID):
        commands = [e["command"] for e in corpus]
        assert len(commands) == len(set(commands))


@pytest.mark.parametrize("entry", VALID, ids=[e["command"] for e in VALID])
def test_valid_command_is_accepted(entry: dict) -> None:
    assert check_argv(argv_of(entry)) == []


@pytest.mark.parametrize("entry", INVALID, ids=[e["command"] for e in INVALID])
def test_invalid_command_is_rejected_with_expected_rule(entry: dict) -> None:
    findings = check_argv(argv_of(entry))
    assert findings, "not rejected"
    assert entry["rule"] in {f.rule for f in findings}, findings
