"""Splitting pasted text at command lines: the prompts people paste from their terminals."""

from __future__ import annotations

import pytest

from rbkb.analyze.segments import split_outputs

TABLE = "NAME   READY   STATUS    RESTARTS   AGE\nweb-1  1/1     Running   0          5m\n"


@pytest.mark.parametrize("prompt", [
    "", "$ ", "user@host:~/src$ ", "[root@node1 ~]# ", "% ", "❯ ",
    "PS C:\\Users\\Jane Doe\\repo> ",  # PowerShell, a path with a space
])
def test_a_prompt_before_kubectl_starts_a_command_segment(prompt: str) -> None:
    (seg,) = split_outputs(f"{prompt}kubectl get pods -n shop\n{TABLE}")
    assert seg.command == "kubectl get pods -n shop"


def test_the_k_alias_is_recorded_as_kubectl() -> None:
    (seg,) = split_outputs(f"$ k get pods -n shop\n{TABLE}")
    assert seg.command == "kubectl get pods -n shop"


def test_text_that_only_looks_like_a_prompt_is_not_a_command() -> None:
    segs = split_outputs("PS: the kubectl version matters here\n" + TABLE)
    assert all(s.command is None for s in segs)
