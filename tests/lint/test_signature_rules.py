"""RB016-RB020 on a scratch copy of the mini repository: each rule fires on the signature it is about."""

from __future__ import annotations

from pathlib import Path

from conftest import edit

from rbkb.lint import lint_repository

RB = "runbooks/rollout-not-starting.yaml"
SIGNALS = "  signals:\n"
SOURCE = "https://github.com/argoproj/argo-rollouts/issues/839"


def _signature(body: str) -> str:
    return SIGNALS + "    - kind: status\n" + body


def _rules(repo: Path) -> list[tuple[str, str]]:
    return [(p.rule, p.path) for p in lint_repository(repo) if p.rule.startswith("RB0")]


def test_a_good_signature_is_clean(mini_repo: Path) -> None:
    edit(mini_repo / RB, SIGNALS, _signature(
        "      text: Paused\n      cause: rollout_paused\n      tool: rollouts-cli\n"
        "      pattern: '^Status:\\s+॥\\s*Paused'\n      confidence: 0.85\n"
        f"      example: {{text: 'Status:          ॥ Paused', source: '{SOURCE}'}}\n"))
    assert _rules(mini_repo) == []


def test_python_only_syntax_is_rb016(mini_repo: Path) -> None:
    edit(mini_repo / RB, SIGNALS, _signature(
        "      text: Paused\n      cause: rollout_paused\n      tool: rollouts-cli\n"
        "      pattern: '(?i)status:\\s+॥ paused'\n"
        f"      example: {{text: 'Status:          ॥ Paused', source: '{SOURCE}'}}\n"))
    assert ("RB016", "symptoms.signals.0.pattern") in _rules(mini_repo)


def test_backtracking_and_needleless_patterns_are_rb017(mini_repo: Path) -> None:
    edit(mini_repo / RB, SIGNALS, _signature(
        "      text: Paused\n      cause: rollout_paused\n      tool: rollouts-cli\n"
        "      pattern: '(\\s*॥)+ Paused'\n      also: '(?=.*Status)'\n"
        f"      example: {{text: 'Status:          ॥ Paused', source: '{SOURCE}'}}\n"))
    found = _rules(mini_repo)
    assert ("RB017", "symptoms.signals.0.pattern") in found and ("RB017", "symptoms.signals.0.also") in found


def test_an_example_its_signature_misses_is_rb018(mini_repo: Path) -> None:
    edit(mini_repo / RB, SIGNALS, _signature(
        "      text: Paused\n      cause: rollout_paused\n      tool: rollouts-cli\n"
        "      pattern: '^Status:\\s+॥\\s*Paused'\n"
        f"      example: {{text: 'Status:          ✔ Healthy', source: '{SOURCE}'}}\n"))
    assert _rules(mini_repo) == [("RB018", "symptoms.signals.0.example.text")]


def test_an_example_a_stronger_cause_claims_is_rb019(mini_repo: Path) -> None:
    weak = ("      text: Paused\n      cause: rollout_paused\n      tool: rollouts-cli\n      confidence: 0.5\n"
            f"      example: {{text: 'Status:  ॥ Paused (controller down)', source: '{SOURCE}'}}\n")
    strong = ("    - kind: status\n      text: controller down\n      cause: rollouts_controller_down\n"
              "      tool: rollouts-cli\n      confidence: 0.9\n"
              f"      example: {{text: 'controller down', source: '{SOURCE}'}}\n")
    edit(mini_repo / RB, SIGNALS, _signature(weak) + strong)
    assert _rules(mini_repo) == [("RB019", "symptoms.signals.0.example.text")]


def test_a_cause_in_output_without_a_signature_is_rb020(mini_repo: Path) -> None:
    edit(mini_repo / "data/causes.yaml",
         "  - id: image_not_changed\n    in_output: false  # no tool prints a text that singles this cause out\n",
         "  - id: image_not_changed\n")
    assert ("RB020", "causes.23") in _rules(mini_repo)
