"""tree-sitter-bash splits commands the way bash does; placeholders survive; expansions are marked."""

from __future__ import annotations

import pytest

from rbkb.shell import EXPANSION, parse_shell


def argvs(text: str) -> list[tuple[str, ...]]:
    parsed = parse_shell(text)
    assert parsed.syntax_error is None, parsed.syntax_error
    return [c.argv for c in parsed.commands]


def test_pipeline_and_quotes() -> None:
    assert argvs("kubectl get pods -n <namespace> -o jsonpath='{.items[*].metadata.name}' | grep -F \"a b\"") == [
        ("kubectl", "get", "pods", "-n", "<namespace>", "-o", "jsonpath={.items[*].metadata.name}"),
        ("grep", "-F", "a b"),
    ]


def test_command_substitution_is_a_command_and_an_expansion() -> None:
    assert argvs("kubectl exec -n argocd $(kubectl get pods -n argocd -o name) -- bash") == [
        ("kubectl", "exec", "-n", "argocd", EXPANSION, "--", "bash"),
        ("kubectl", "get", "pods", "-n", "argocd", "-o", "name"),
    ]


@pytest.mark.parametrize("text", [
    "arr=(a b c); echo \"${#arr[@]}\"",
    "[[ -f x ]] && echo yes",
    "echo $((1024*1024))",
    "case $1 in a) echo a;; *) echo b;; esac",
    "while read -r line; do echo \"$line\"; done < <(kubectl get pods -o name)",
])
def test_constructs_bashlex_cannot_parse(text: str) -> None:
    assert parse_shell(text).syntax_error is None


def test_syntax_error_is_reported_with_position() -> None:
    error = parse_shell("echo 'unterminated").syntax_error
    assert error is not None and error.startswith("shell syntax error at line 1")


def test_redirect_targets_are_recorded() -> None:
    assert parse_shell("kubectl get x > out.txt 2>/dev/null").writes_files == ("out.txt",)
    assert parse_shell("kubectl get x 2>&1 | head").writes_files == ()
