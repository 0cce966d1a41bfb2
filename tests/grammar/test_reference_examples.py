"""Every example in the official argocd, Argo Rollouts and Helm CLI references passes the grammar,
except the documentation errata recorded as real mistakes in corpus/invalid.yaml."""

from __future__ import annotations

import shlex

import pytest
from grammar_corpus import SHARED, argv_of, load_corpus, requires

from rbkb.grammar import check_argv
from rbkb.tools.generate import HELM_REFERENCE_ROOT
from rbkb.tools.generate.cobra_markdown import reference_examples

pytestmark = requires((SHARED / "reference").is_dir(), "../shared/reference")

ERRATA = {tuple(argv_of(e)) for e in load_corpus("invalid.yaml") if e["kind"] == "real"}


def _examples(tool: str) -> list[list[str]]:
    out = []
    root = HELM_REFERENCE_ROOT if tool == "helm" else SHARED
    for lines in reference_examples(root, tool).values():
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
            if first and first[0] in ("argocd", "kubectl", "helm"):
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


def _helm_examples() -> list[list[str]]:
    """The `helm ...` lines of the Helm reference's synopses (helm shows its examples there, after `$ `)."""
    out = []
    for md in sorted((HELM_REFERENCE_ROOT / "reference" / "helm-cli").glob("*.md")):
        for line in md.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if text.startswith("$ helm "):
                text = text.removeprefix("$ ")
                words = shlex.split(text)
                cut = next((i for i, w in enumerate(words) if w in ("|", ">", ">>")), len(words))
                out.append(words[:cut])
    return out


def test_helm_reference_examples_pass() -> None:
    examples = _helm_examples()
    assert len(examples) >= 15
    failures = [(" ".join(a), check_argv(a)) for a in examples if check_argv(a)]
    assert not failures, "\n".join(f"{c}: {f}" for c, f in failures)
