"""The tool registry: one module per external tool, and everything the project asks about a tool goes through it."""

from __future__ import annotations

import pytest

from rbkb.execute.substitute import Target, fill
from rbkb.grammar import parse_argv
from rbkb.tools import TOOLS, all_tools, get, parse, program_names, tool_for
from rbkb.tools.base import Tool


def test_every_registry_line_names_a_tool_module() -> None:
    for name, module in TOOLS.items():
        tool = get(name)
        assert isinstance(tool, Tool) and tool.name == name, module
        assert tool.programs and tool.display and tool.grammar_file and tool.version_args, name


def test_program_names_are_unique_and_cover_every_tool() -> None:
    programs = [p for tool in all_tools() for p in tool.programs]
    assert len(programs) == len(set(programs))
    assert set(program_names()) == set(programs)
    assert {"kubectl", "kubectl-argo-rollouts", "argocd", "helm", "kustomize"} <= set(programs)


@pytest.mark.parametrize(("argv", "owner", "path"), [
    (["kubectl", "-n", "x", "get", "pods"], "kubectl", ("get",)),
    (["kubectl", "argo", "rollouts", "get", "rollout", "r"], "argo-rollouts", ("get", "rollout")),
    (["/usr/local/bin/kubectl-argo-rollouts", "status", "r"], "argo-rollouts", ("status",)),
    (["argocd", "app", "get", "a"], "argocd", ("app", "get")),
    (["helm", "ls", "-A"], "helm", ("list",)),  # an alias from helm's sources
    (["helm", "uninstall", "x"], "helm", ("uninstall",)),
    (["kustomize", "build", "."], "kustomize", ("build",)),
])
def test_parse_names_the_tool_that_owns_the_command(argv: list[str], owner: str, path: tuple[str, ...]) -> None:
    tool, parsed, findings = parse(argv)
    assert tool is not None and parsed is not None
    assert (tool.name, parsed.path, findings) == (owner, path, [])
    assert parse_argv(argv)[0] == parsed


def test_other_programs_belong_to_no_tool() -> None:
    assert tool_for(["jq", "."]) is None
    assert parse(["jq", "."]) == (None, None, [])


@pytest.mark.parametrize(("command", "shown"), [
    ("kubectl get pods", "kubectl --context prod --kubeconfig /k get pods"),
    ("kubectl argo rollouts get rollout r", "kubectl argo rollouts --context prod --kubeconfig /k get rollout r"),
    ("argocd app get a", "argocd --kube-context prod app get a"),
    ("helm get values r", "helm --kube-context prod --kubeconfig /k get values r"),
    ("kustomize build .", "kustomize build ."),  # renders files: no cluster to point at
])
def test_each_tool_says_how_it_is_pointed_at_a_context(command: str, shown: str) -> None:
    assert fill(command, {}, Target(context="prod", kubeconfig="/k")).display == shown
