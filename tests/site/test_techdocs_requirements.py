"""The TechDocs environment gets this package's own dependencies, minus the two that techdocs-core pins."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from techdocs_requirements import requirements  # noqa: E402


def test_techdocs_requirements_follow_pyproject_without_the_pinned_theme() -> None:
    reqs = requirements(ROOT / "pyproject.toml")
    names = {r.split(">")[0].split("=")[0].split("<")[0].strip() for r in reqs}
    assert "mkdocs-material" not in names and "pymdown-extensions" not in names
    assert {"mkdocs", "mkdocs-macros-plugin", "pydantic"} <= names
