"""Every kubectl command this repository shows or runs is one the real kubectl accepts, as the linter says.

Placeholders are filled with the runbook's own example (or default) values; docs snippets and scripts get
"example". kubectl runs in the sandbox described in kubectl_oracle.py: no cluster, no side effects.
"""

from __future__ import annotations

from grammar_corpus import REPO, requires
from kubectl_cache import verdicts as kubectl_verdicts
from kubectl_oracle import kubectl_available

from rbkb.grammar import check_argv
from rbkb.lint import targets

pytestmark = requires(kubectl_available(), "kubectl")

COMMANDS = sorted({
    (t.file, t.line, tuple(argv))
    for t in targets(REPO)
    for argv in t.concrete_argvs()
    if argv[:1] == ["kubectl"] and argv[1:2] != ["argo"]
})


def test_the_repository_has_kubectl_commands_to_check() -> None:
    assert len(COMMANDS) > 300


def test_real_kubectl_accepts_every_kubectl_command_the_linter_accepts() -> None:
    verdicts = kubectl_verdicts([list(c[2]) for c in COMMANDS])  # each distinct line once per kubectl build
    disagreements = []
    for (file, line, argv), v in zip(COMMANDS, verdicts, strict=True):
        linter_ok = not check_argv(list(argv))
        if linter_ok != bool(v.accepted):
            disagreements.append(f"{file}:{line}: linter {'accepts' if linter_ok else 'rejects'}, kubectl "
                                 f"{'accepts' if v.accepted else 'rejects'} ({v.detail}): {' '.join(argv)}")
    assert disagreements == []
