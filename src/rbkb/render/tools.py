"""The "Essential tools" page, from data/tools.yaml (the list `runbook doctor` checks)."""

from __future__ import annotations

from collections.abc import Sequence

from ..execute.tools import Tool

TOOLS_DOC = "reference/tools.md"


def tools_page(tools: Sequence[Tool]) -> str:
    out = [
        "# Essential tools",
        "",
        "The runbooks' checks use these tools. Install them before you are on call, and run `runbook doctor` to see",
        "which are present, whether the current cluster answers, and whether your identity may run every check.",
        "",
        "| Tool | Needed | What it is for |",
        "|---|---|---|",
    ]
    for tool in tools:
        needed = "yes" if tool.required else "optional"
        out.append(f"| [`{tool.name}`](#{_anchor(tool)}) | {needed} | {_one_line(tool.purpose)} |")
    out.append("")
    for tool in tools:
        out += [
            f"## `{tool.name}` {{#{_anchor(tool)}}}",
            "",
            tool.purpose.strip(),
            "",
            f"**Install:** {tool.install.strip()}",
            "",
            f"**Check:** `{' '.join([tool.command, *tool.version])}` prints the installed version. "
            f"[Official installation guide]({tool.docs}).",
            "",
        ]
    out += [
        "## Read-only access",
        "",
        "The checks only read. `deploy/rbac/readonly.yaml` in the repository holds a ClusterRole with `get`, `list`",
        "and `watch` on the resources they read, and a separate role for Secrets bound only in the",
        "namespaces that need it; a test keeps it in step with the runbooks. `runbook doctor` asks",
        "`kubectl auth can-i` for each permission and lists the ones you lack.",
        "",
    ]
    return "\n".join(out)


def _anchor(tool: Tool) -> str:
    return "tool-" + tool.command


def _one_line(text: str) -> str:
    first = text.strip().split(". ")[0].rstrip(".")
    return first.replace("|", "\\|").replace("\n", " ") + "."
