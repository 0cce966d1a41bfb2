"""The Essential tools page is rendered from the same list `runbook doctor` checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from rbkb.execute.tools import Tool, ToolsFileError, load_tools
from rbkb.render.tools import tools_page

ROOT = Path(__file__).resolve().parents[2]
FROZEN = [
    Tool(name="kubectl", command="kubectl", version=["version", "--client"], required=True,
         purpose="Reads every object. Use a matching version.", install="Download it from `dl.k8s.io`.",
         docs="https://kubernetes.io/docs/tasks/tools/"),
    Tool(name="stern", command="stern", version=["--version"], required=False,
         purpose="Follows many pods' logs | colour-coded.", install="Download a release archive.",
         docs="https://github.com/stern/stern"),
]


def test_tools_page_golden(golden: Callable[[str, str], None]) -> None:
    golden("render/tools.md", tools_page(FROZEN))


def test_real_tool_list_covers_what_the_runbooks_use() -> None:
    names = {t.command for t in load_tools(ROOT)}
    assert {"kubectl", "kubectl-argo-rollouts", "argocd", "stern", "kubectx", "kubens", "jq", "curl"} <= names


def test_invalid_tool_list_names_the_field(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tools.yaml").write_text("tools:\n  - name: x\n    command: Bad Name\n")
    with pytest.raises(ToolsFileError, match=r"data/tools.yaml: tools.0.command: String should match"):
        load_tools(tmp_path)
