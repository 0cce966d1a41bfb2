"""Accuracy corpus: no valid command is rejected, every invalid one is, with the expected rule.

Entries of the classes `placeholders` and `flag-positions` go through `runbook lint-command`'s path (the shell
layer, then the grammar and style rules), because what they test is how the shell words and flag spellings reach
the checks; the others through the grammar directly.
"""

from __future__ import annotations

import pytest
from grammar_corpus import argv_of, load_corpus

from rbkb.grammar import check_argv
from rbkb.lint.command import check_command
from rbkb.lint.rules import all_rules

VALID = load_corpus("valid.yaml")
INVALID = load_corpus("invalid.yaml")
CLASSES = {"values", "arguments", "placeholders", "custom-resources", "flag-positions", "helm", "kustomize"}
_THROUGH_SHELL = {"placeholders", "flag-positions"}


def _errors(entry: dict) -> set[str]:
    if entry.get("class") in _THROUGH_SHELL:
        return {f.rule for f in check_command(entry["command"]) if f.severity == "error"}
    return {f.rule for f in check_argv(argv_of(entry)) if f.severity == "error"}


def _rules(entry: dict) -> set[str]:
    if entry.get("class") in _THROUGH_SHELL:
        return {f.rule for f in check_command(entry["command"])}
    return {f.rule for f in check_argv(argv_of(entry))}


def test_corpus_sizes() -> None:
    assert len(VALID) >= 100
    assert len(INVALID) >= 50
    real = [e for e in INVALID if e["kind"] == "real"]
    mutations = [e for e in INVALID if e["kind"] == "mutation"]
    assert len(real) >= 25 and len(mutations) >= 25
    assert len(real) + len(mutations) == len(INVALID)
    for cls in ("values", "arguments", "placeholders", "custom-resources", "flag-positions"):
        assert sum(e.get("class") == cls for e in INVALID) >= 3, cls
    for cls in ("placeholders", "custom-resources", "helm", "kustomize"):
        assert sum(e.get("class") == cls for e in VALID) >= 3, cls


def test_every_entry_has_a_source() -> None:
    rules = all_rules()
    for e in VALID:
        assert e.get("source", "").startswith("https://"), e
        assert e.get("class", "values") in CLASSES, e
    for e in INVALID:
        assert e.get("source"), e
        if e["kind"] == "real":
            assert e["source"].startswith("https://"), e
        assert e["rule"] in rules, e
        assert e.get("class", "values") in CLASSES, e


def test_no_duplicates() -> None:
    for corpus in (VALID, INVALID):
        commands = [e["command"] for e in corpus]
        assert len(commands) == len(set(commands))


@pytest.mark.parametrize("entry", VALID, ids=[e["command"] for e in VALID])
def test_valid_command_is_accepted(entry: dict) -> None:
    assert _rules(entry) == set()


@pytest.mark.parametrize("entry", INVALID, ids=[e["command"] for e in INVALID])
def test_invalid_command_is_rejected_with_expected_rule(entry: dict) -> None:
    found = _rules(entry)
    assert found, "not rejected"
    assert entry["rule"] in found, found
    if entry["rule"][:3] in ("RB1", "RB2"):
        assert entry["rule"] in _errors(entry), "reported, but not as an error"
