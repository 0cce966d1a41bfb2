"""The stored grammars equal what the generator produces from the real sources."""

from __future__ import annotations

import difflib
import importlib.util
import shutil

import pytest
from grammar_corpus import REPO, SHARED, requires

DATA = REPO / "src" / "rbkb" / "data" / "grammar"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_grammar", REPO / "scripts" / "gen_grammar.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _assert_same(name: str, text: str) -> None:
    stored = (DATA / name).read_text(encoding="utf-8")
    if stored != text:
        diff = "".join(list(difflib.unified_diff(
            stored.splitlines(True), text.splitlines(True), f"stored/{name}", f"regenerated/{name}"))[:60])
        pytest.fail(f"{name} differs from a fresh run of scripts/gen_grammar.py:\n{diff}")


@requires(shutil.which("kubectl") is not None, "kubectl")
def test_kubectl_grammar_matches_real_kubectl() -> None:
    gen = _generator()
    _assert_same("kubectl.json", gen.dump_json(gen.gen_kubectl()))


@requires((SHARED / "reference").is_dir(), "../shared/reference")
@pytest.mark.parametrize("target", ["argocd", "argo-rollouts", "resources"])
def test_reference_grammar_matches_shared_reference(target: str) -> None:
    gen = _generator()
    _assert_same(gen.FILES[target], gen.dump_json(gen.generate(target, SHARED, "kubectl")))


def test_generated_files_record_their_source() -> None:
    import json

    for name in ("kubectl.json", "argocd.json", "argo-rollouts.json"):
        data = json.loads((DATA / name).read_text(encoding="utf-8"))
        assert data["_source"]["version"], name
        assert data["_source"]["generator"].startswith("scripts/gen_grammar.py"), name
    res = json.loads((DATA / "resources.json").read_text(encoding="utf-8"))
    assert res["_source"]
    assert all(r["source"] for r in res["resources"])
