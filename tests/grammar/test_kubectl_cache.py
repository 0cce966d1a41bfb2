"""The cache of kubectl's answers asks only for what it has not stored under the same key."""

from __future__ import annotations

from pathlib import Path

import pytest
from kubectl_cache import digest, remembered


@pytest.fixture(autouse=True)
def _scratch_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RBKB_TEST_CACHE", str(tmp_path / "cache"))


def test_only_new_items_are_computed_and_a_new_key_starts_afresh() -> None:
    asked: list[list[str]] = []

    def compute(items: list[str]) -> list[str]:
        asked.append(items)
        return [i.upper() for i in items]

    assert remembered("t", "k1", compute, ["a", "b", "a"]) == ["A", "B", "A"]
    assert remembered("t", "k1", compute, ["b", "c"]) == ["B", "C"]
    assert remembered("t", "k2", compute, ["a"]) == ["A"]
    assert asked == [["a", "b"], ["c"], ["a"]]


def test_the_key_changes_with_the_source(tmp_path: Path) -> None:
    source = tmp_path / "gen.py"
    source.write_text("x = 1\n")
    before = digest(source, "kubectl", "v1.32.4")
    assert digest(source, "kubectl", "v1.32.5") != before
    source.write_text("x = 2\n")
    assert digest(source, "kubectl", "v1.32.4") != before
