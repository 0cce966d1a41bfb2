"""Version ranges as data: an empty range is an error (RB015), and a range reads the same on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit
from test_load import RB, line_of, messages

from rbkb.versions import describe, empty_reason, parse_version, satisfies, statements


@pytest.mark.parametrize("spec", [">=2.5,<3.0", "<1.10", ">=1.8", ">=1.8,<=1.8", "==2.5", ">=2,!=2.1"])
def test_satisfiable_ranges_are_accepted(spec: str) -> None:
    assert empty_reason(spec) is None


@pytest.mark.parametrize("spec", [">=2.0,<1.9", ">1.8,<=1.8", ">=1.8,<1.8", "==1.8,>=1.9", "==1.8,==1.9"])
def test_empty_ranges_say_why(spec: str) -> None:
    assert empty_reason(spec)


def test_description_reads_as_the_page_shows_it() -> None:
    assert describe({"argo-cd": ">=2.5,<3.0", "argo-rollouts": "<1.10"}) == "Argo CD ≥ 2.5, < 3.0; Argo Rollouts < 1.10"
    assert describe({"kubernetes": ">=1.27.3"}) == "Kubernetes ≥ 1.27.3"


def test_empty_range_in_a_runbook_is_rb015(mini_repo: Path) -> None:
    edit(mini_repo / RB, "  - id: image_not_changed\n",
         '  - id: image_not_changed\n    versions: {argo-rollouts: ">=1.9,<1.8"}\n')
    line = line_of(mini_repo, RB, "versions: {argo-rollouts")
    found = messages(mini_repo)
    assert any(m.startswith(f"{RB}:{line}: RB015 causes.0.versions.argo-rollouts: '>=1.9,<1.8' holds no version")
               for m in found), found


def test_malformed_range_is_a_schema_error(mini_repo: Path) -> None:
    edit(mini_repo / RB, "  - id: image_not_changed\n",
         '  - id: image_not_changed\n    versions: {argo-rollouts: "1.8+"}\n')
    assert any("RB003 causes.0.versions.argo-rollouts" in m for m in messages(mini_repo))


def test_unknown_product_is_a_schema_error(mini_repo: Path) -> None:
    edit(mini_repo / RB, "  - id: image_not_changed\n", '  - id: image_not_changed\n    versions: {argocd: ">=2.5"}\n')
    assert any("RB003 causes.0.versions" in m and "argocd" in m for m in messages(mini_repo))


SIGNAL = '''    - kind: error_message
      text: "manually paused"
      where: "`kubectl argo rollouts get rollout` Message line"
'''


def test_signature_needs_a_cause_of_this_runbook_a_tool_and_an_example(mini_repo: Path) -> None:
    edit(mini_repo / RB, SIGNAL, SIGNAL + "      cause: crashloop\n")
    line = line_of(mini_repo, RB, 'text: "manually paused"') - 1
    found = messages(mini_repo)
    assert f"{RB}:{line + 3}: RB014 symptoms.signals.3.cause: cause 'crashloop' has no section in this runbook" in found
    assert f"{RB}:{line}: RB014 symptoms.signals.3: a signature (a signal with a cause) needs `tool`" in found
    assert f"{RB}:{line}: RB014 symptoms.signals.3: a signature (a signal with a cause) needs `example`" in found


def test_pattern_without_a_cause_is_rb014(mini_repo: Path) -> None:
    edit(mini_repo / RB, SIGNAL, SIGNAL + "      pattern: manually\n")
    assert any("RB014 symptoms.signals.3: pattern, also, unless and example belong to a signature" in m
               for m in messages(mini_repo))


@pytest.mark.parametrize(("tag", "expected"), [("v3.1.16", (3, 1, 16)), ("3.1", (3, 1, 0)), ("v1.10.0-rc1", (1, 10, 0)),
                                               ("latest", None), ("", None), ("sha256-abc", None)])
def test_image_tags_name_a_version_or_none(tag: str, expected: tuple[int, int, int] | None) -> None:
    assert parse_version(tag) == expected


def test_a_version_satisfies_a_range_by_every_clause() -> None:
    assert satisfies((3, 2, 0), ">=3.2") and not satisfies((3, 1, 16), ">=3.2")
    assert satisfies((1, 9, 3), "<1.10") and not satisfies((1, 10, 0), "<1.10")
    assert satisfies((2, 13, 0), ">=2.5,<3.0") and not satisfies((3, 0, 0), ">=2.5,<3.0")


def test_every_version_dependent_statement_is_listed_with_its_section(repo) -> None:  # type: ignore[no-untyped-def]
    found = list(statements(repo))
    tagged = sum(len(s.versions or {}) for rb in repo.runbooks for s in rb.symptoms.signals)
    assert sum(1 for s in found if s.anchor == "symptoms") == tagged > 0
    assert {s.product for s in found} >= {"argo-cd", "argo-rollouts"}
    assert all(s.anchor == "symptoms" or s.anchor.startswith(("cause-", "check-")) for s in found)
