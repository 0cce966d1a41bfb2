"""Every example in kubectl's own help (kubectl <command> --help, the source of the kubectl
reference pages) passes the grammar, except errata recorded in corpus/invalid.yaml."""

from __future__ import annotations

import json
import re
import shlex
import shutil

from grammar_corpus import REPO, argv_of, load_corpus, requires
from kubectl_cache import kubectl_helps

from rbkb.grammar import check_argv

pytestmark = requires(shutil.which("kubectl") is not None, "kubectl")

ERRATA = {tuple(argv_of(e)) for e in load_corpus("invalid.yaml") if e["kind"] == "real"}


def _examples() -> list[list[str]]:
    data = json.loads((REPO / "src/rbkb/data/grammar/kubectl.json").read_text(encoding="utf-8"))
    helps = kubectl_helps(list(data["commands"]))  # asked once per kubectl build (kubectl_cache.py)
    out = []
    for text in helps:
        m = re.search(r"^Examples:\n(.*?)\n(?:[A-Z][A-Za-z ]*:\n|\Z)", text, re.S | re.M)
        if not m:
            continue
        buf = ""
        for raw in m.group(1).splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            line = f"{buf} {line}".strip() if buf else line
            buf = ""
            if line.endswith("\\"):
                buf = line[:-1]
                continue
            try:
                words = shlex.split(line)
            except ValueError:
                continue
            first: list[str] = []
            for w in words:
                if w in ("|", "||", "&&", ";", ">", ">>", "<"):
                    break
                first.append(w)
            if first and first[0] == "kubectl":
                out.append(first)
    return out


def test_kubectl_help_examples_pass() -> None:
    examples = _examples()
    assert len(examples) > 300
    failures = [(" ".join(a), check_argv(a)) for a in examples if tuple(a) not in ERRATA and check_argv(a)]
    assert not failures, "\n".join(f"{c}: {f}" for c, f in failures)
