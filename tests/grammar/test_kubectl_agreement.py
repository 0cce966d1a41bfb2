"""The real kubectl agrees with the grammar on every kubectl command of the corpus.

How kubectl is run without a cluster and without side effects, and how its answer is read, is
described in kubectl_oracle.py.  Agreement means:

* valid corpus: kubectl accepts the command (it parses and only fails on the refused server or a
  missing local file);
* invalid corpus: kubectl rejects the command with an error of the same kind as the rule the
  grammar reports (unknown command, unknown flag, bad value, missing flag/argument, unexpected
  argument); entries marked ``offline: false`` are the exceptions kubectl cannot decide without a
  cluster (unknown resource type, a type the command does not support, ``get -o`` format), and
  for those kubectl must accept the line offline (it parsed it and went on to ask the server).
* ``kubectl argo rollouts`` lines are not run: the plugin is a separate binary that no package
  registry ships, so they are checked against the official generated reference instead
  (test_corpus.py, test_reference_examples.py).
"""

from __future__ import annotations

import pytest
from grammar_corpus import argv_of, load_corpus, requires
from kubectl_cache import verdicts as kubectl_verdicts
from kubectl_oracle import kubectl_available, rules_of

from rbkb.grammar import check_argv

pytestmark = requires(kubectl_available(), "kubectl")

ENTRIES = [(e, "valid") for e in load_corpus("valid.yaml")] + [(e, "invalid") for e in load_corpus("invalid.yaml")]
# style findings (RB4xx) are warnings about commands kubectl runs: nothing for kubectl to agree with
KUBECTL = [(e, k) for e, k in ENTRIES if argv_of(e)[0] == "kubectl" and argv_of(e)[1:2] != ["argo"]
           and not e.get("rule", "RB2").startswith("RB4")]


@pytest.fixture(scope="module")
def verdicts():
    results = kubectl_verdicts([argv_of(e) for e, _ in KUBECTL])  # asked once per kubectl build (kubectl_cache.py)
    return {e["command"]: v for (e, _), v in zip(KUBECTL, results, strict=True)}


@pytest.mark.parametrize("entry,kind", KUBECTL, ids=[f"{k}:{e['command']}" for e, k in KUBECTL])
def test_real_kubectl_agrees(entry: dict, kind: str, verdicts) -> None:
    v = verdicts[entry["command"]]
    assert v.accepted is not None, f"kubectl was not asked: {v.detail}"
    where = f"(mode {v.mode}: {' '.join(v.argv)})"
    if kind == "valid":
        assert v.accepted, f"kubectl rejected a valid command: {v.detail} {where}"
        return
    if entry.get("offline", True) is False:
        assert v.accepted, f"marked offline: false, but kubectl rejects it offline: {v.detail} {where}"
        return
    assert not v.accepted, f"kubectl accepts a command the grammar rejects: {v.detail} {where}"
    expected = rules_of(v.detail)
    ours = {f.rule for f in check_argv(argv_of(entry))}
    assert expected & ours, f"kubectl says {v.detail!r} ({expected}), the grammar says {ours} {where}"
