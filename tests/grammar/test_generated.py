"""The stored grammars equal what the generator produces from the real sources.

A fresh run of the generator is remembered per kubectl build and generator source (kubectl_cache.py).
"""

from __future__ import annotations

import difflib
import shutil

import pytest
from grammar_corpus import REPO, SHARED, requires
from kubectl_cache import generated_grammar

from rbkb.tools import generate as gen

DATA = REPO / "src" / "rbkb" / "data" / "grammar"


def _assert_same(name: str, text: str) -> None:
    stored = (DATA / name).read_text(encoding="utf-8")
    if stored != text:
        diff = "".join(list(difflib.unified_diff(
            stored.splitlines(True), text.splitlines(True), f"stored/{name}", f"regenerated/{name}"))[:60])
        pytest.fail(f"{name} differs from a fresh run of scripts/gen_grammar.py:\n{diff}")


@requires(shutil.which("kubectl") is not None, "kubectl")
def test_kubectl_grammar_matches_real_kubectl() -> None:
    _assert_same("kubectl.json", generated_grammar("kubectl"))


@requires(shutil.which("kubectl") is not None, "kubectl")
def test_kustomize_build_grammar_matches_the_real_command() -> None:
    _assert_same("kustomize.json", generated_grammar("kustomize"))


@requires((SHARED / "reference").is_dir(), "../shared/reference")
@pytest.mark.parametrize("target", ["argocd", "argo-rollouts", "resources"])
def test_reference_grammar_matches_shared_reference(target: str) -> None:
    _assert_same(gen.FILES[target], generated_grammar(target))


def test_helm_grammar_matches_the_helm_reference() -> None:
    """The repository keeps the Helm reference itself (tests/fixtures/reference/helm-cli, verbatim upstream)."""
    _assert_same("helm.json", gen.dump_json(gen.generate("helm", gen.HELM_REFERENCE_ROOT)))


def test_every_registered_tool_has_its_generated_grammar() -> None:
    from rbkb.tools import all_tools

    for tool in all_tools():
        assert tool.grammar_file in gen.FILES.values(), tool.name
        assert (DATA / str(tool.grammar_file)).is_file(), tool.name


def test_generated_files_record_their_source() -> None:
    import json

    for name in ("kubectl.json", "argocd.json", "argo-rollouts.json", "helm.json", "kustomize.json"):
        data = json.loads((DATA / name).read_text(encoding="utf-8"))
        assert data["_source"]["version"], name
        assert data["_source"]["generator"].startswith("scripts/gen_grammar.py"), name
    res = json.loads((DATA / "resources.json").read_text(encoding="utf-8"))
    assert res["_source"]
    assert all(r["source"] for r in res["resources"])
