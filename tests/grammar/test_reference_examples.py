"""Every example in the official argocd and Argo Rollouts CLI references passes the grammar,
except the documentation errata recorded as real mistakes in corpus/invalid.yaml."""

from __future__ import annotations

import shlex

import pytest
from grammar_corpus import SHARED, argv_of, load_corpus, requires
from kubectl_cache import generator

from rbkb.grammar import check_argv

pytestmark = requires((SHARED / "reference").is_dir(), "../shared/reference")

ERRATA = {tuple(argv_of(e)) for e in load_corpus("invalid.yaml") if e["kind"] == "real"}


def _examples(tool: str) -> list[list[str]]:
    gen = generator()
    out = []
    for lines in gen.reference_examples(SHARED, tool).values():
        for line in lines:
            try:
                words = shlex.split(line)
            except ValueError:
                continue  # a multi-line shell string
            first: list[str] = []
            for w in words:
                if w in ("|", "||", "&&", ";", ">", ">>"):
                    break
                first.append(w)
            if first and first[0] in ("argocd", "kubectl"):
                out.append(first)
    return out


@pytest.mark.parametrize("tool", ["argocd", "argo-rollouts"])
def test_reference_examples_pass(tool: str) -> None:
    examples = _examples(tool)
    assert len(examples) > 50
    failures = [(" ".join(a), check_argv(a)) for a in examples if tuple(a) not in ERRATA and check_argv(a)]
    assert not failures, "\n".join(f"{c}: {f}" for c, f in failures)
    used = {tuple(a) for a in examples} & ERRATA
    assert used, "the errata list no longer matches the reference"
