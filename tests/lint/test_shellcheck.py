"""ShellCheck runs once for a whole lint, and each text gets exactly the findings a run of its own would give."""

from __future__ import annotations

import json
import subprocess

import pytest

from rbkb.lint import shellcheck
from rbkb.lint.shellcheck import shellcheck_binary, shellcheck_many

TEXTS = [
    "kubectl get pods -n $ns",  # SC2086 on line 1
    "kubectl get pods -n <namespace> -o name",  # placeholders are masked: clean
    'for p in $(kubectl get pods -o name); do\n  echo "$p"\ndone\nkubectl logs $p',  # SC2013-style and SC2086
    "echo 'unterminated",  # a parse error: SC1003/SC1078 family
    "# shellcheck disable=SC2086\nkubectl get pods -n $ns",  # a directive applies to its own text only
]


def _alone(text: str) -> list[tuple[str, int, str]]:
    """ShellCheck on one text through stdin, as each command was checked before the batch."""
    masked = shellcheck.PLACEHOLDER_RE.sub(lambda m: "PLACEHOLDER_" + m.group(1).replace("-", "_"), text)
    proc = subprocess.run([shellcheck_binary(), "--norc", "--shell=bash", "--format=json1",
                           f"--exclude={shellcheck._EXCLUDED}", "-"], input=masked, capture_output=True, text=True,
                          timeout=60, check=False)
    return [(f"SC{c['code']}", c["line"], c["message"]) for c in json.loads(proc.stdout)["comments"]]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    shellcheck._cache.clear()


def test_each_text_gets_the_findings_of_its_own_run() -> None:
    batched = shellcheck_many(TEXTS)
    assert [[(f.code, f.line, f.message) for f in found] for found in batched] == [_alone(t) for t in TEXTS]
    assert [f.code for f in batched[0]] == ["SC2086"] and batched[1] == () and batched[4] == ()
    assert batched[3], "the unterminated quote gives a finding"


def test_one_process_checks_every_text(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        calls.append(argv)
        return real(argv, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(shellcheck.subprocess, "run", counting)
    texts = [f"kubectl get pods -n ns{i} $x" for i in range(60)]
    found = shellcheck_many(texts)
    assert len(calls) == 1 and all(f[0].code == "SC2086" for f in found)
    assert shellcheck_many(texts[:5]) == found[:5] and len(calls) == 1, "checked texts come from the cache"


def test_many_texts_are_split_into_processes_of_at_most_a_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shellcheck, "CHUNK", 2)
    found = shellcheck_many(TEXTS)
    assert [[(f.code, f.line, f.message) for f in one] for one in found] == [_alone(t) for t in TEXTS]
