"""Generate the grammar data of every tool (``rbkb/data/grammar/*.json``); ``scripts/gen_grammar.py`` runs it.

Targets (each writes one file):

``kubectl``
    Walks the real ``kubectl`` (``cobra_help``): ``--help`` for every sub-command with ``KUBECONFIG=/dev/null``,
    flag types confirmed by kubectl's own parser, required flags and completions from ``__complete``.
``kustomize``
    The ``kustomize build`` command from the real binary: kubectl embeds it as ``kubectl kustomize`` (the same cobra
    command, ``build.NewCmdBuild``), walked the same way.
``argocd`` / ``argo-rollouts`` / ``helm``
    The official cobra-generated CLI reference Markdown (``cobra_markdown``): ``<shared>/reference/argocd-cli``,
    ``<shared>/reference/argo-rollouts-cli`` and ``<shared>/reference/helm-cli``.
``resources``
    Resource types (``resources``): built-in kinds, the Argo CRDs, and the custom resources of the traffic routers,
    monitoring and certificates Argo Rollouts users run, each with its upstream source.

``generate(target, shared, kubectl)`` returns the data (a dict) without writing; ``--check`` compares with the stored
files. Output is deterministic: sorted keys, no timestamps, machine paths replaced by ``$HOME``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

OUT_DIR = Path(__file__).resolve().parents[2] / "data" / "grammar"
REPO = Path(__file__).resolve().parents[4]
DEFAULT_SHARED = REPO.parent / "shared"  # a sibling of the repository checkout
HELM_REFERENCE_ROOT = REPO / "tests" / "fixtures"  # the repository keeps the helm reference itself

GENERATOR = "scripts/gen_grammar.py"

FILES = {"kubectl": "kubectl.json", "argocd": "argocd.json", "argo-rollouts": "argo-rollouts.json",
         "helm": "helm.json", "kustomize": "kustomize.json", "resources": "resources.json"}


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _join_desc(lines: list[str]) -> str:
    return " ".join(x.strip() for x in lines if x.strip())


# Enumerations that help texts spell out.  Each pattern yields the list text.
_ENUM_PATTERNS = [
    # kubectl: "One of: (json, yaml, name)." / "One of (none|cpu|heap)"
    re.compile(r"\bOne of:? \(([^)]*)\)"),
    # argocd: "One of: json|yaml|wide|tree"
    re.compile(r"\bOne of:? ((?:[\w.-]+\|)+[\w.-]+)"),
    # argocd: "(possible values: gzip, none)"
    re.compile(r"\(possible values: ([^)]*)\)"),
    # kubectl: 'Must be "none", "server", or "client".' / 'Options are "legacy", ...'
    re.compile(r'\b(?:Must be|Options are)\s+((?:"[^"]+"[,\s]*(?:or\s+)?)+)'),
    # kubectl: "Must be one of (yaml, json)" / "Valid values are: (plaintext, plaintext-openapiv2)"
    re.compile(r"\b(?:Must be one of|Valid values are):? \(([^)]*)\)"),
    # kubectl apply --validate: "Must be one of: strict (or true), warn, ignore (or false)."
    re.compile(r"\bMust be one of: ([^.]*)\."),
    # kubectl patch --type: "one of [json merge strategic]"
    re.compile(r"\bone of \[([^\]]*)\]"),
    # kubectl version -o: "One of 'yaml' or 'json'." / top --sort-by: "can be either 'cpu' or 'memory'"
    re.compile(r"\b(?:One of|can be either) ((?:'[^']+'(?:,\s*|\s+or\s+)?)+)"),
    # helm: "Allowed values: table, json, yaml (default table)"
    re.compile(r"\bAllowed values: ((?:[\w-]+, )+[\w-]+)"),
]


def parse_enum(desc: str) -> list[str] | None:
    for pat in _ENUM_PATTERNS:
        m = pat.search(desc)
        if not m:
            continue
        text = m.group(1)
        if '"' in text:
            vals = re.findall(r'"([^"]+)"', text)
        elif "'" in text:
            vals = re.findall(r"'([^']+)'", text)
        else:
            vals = [v for v in re.split(r"[|,\s()]+", text) if v and v != "or"]
        vals = [v for v in vals if v and re.fullmatch(r"[\w.=-]+", v)]
        if len(vals) >= 2:
            return sorted(set(vals))
    return None


def generate(target: str, shared: Path, kubectl: str = "kubectl") -> dict[str, Any]:
    """The grammar data of one target, as it would be written (the tests compare it with the stored file)."""
    if target == "kubectl":
        from .cobra_help import gen_kubectl

        return gen_kubectl(kubectl)
    if target == "kustomize":
        from .cobra_help import gen_kustomize

        return gen_kustomize(kubectl)
    if target in ("argocd", "argo-rollouts", "helm"):
        from .cobra_markdown import gen_reference

        return gen_reference(shared, target)
    if target == "resources":
        from .resources import gen_resources

        return gen_resources(shared)
    raise ValueError(target)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("target", choices=[*FILES, "all"])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default: ../shared)")
    ap.add_argument("--helm-root", type=Path, default=HELM_REFERENCE_ROOT,
                    help="folder holding reference/helm-cli (default: tests/fixtures)")
    ap.add_argument("--kubectl", default="kubectl", help="kubectl binary (default: kubectl on PATH)")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--check", action="store_true", help="compare with the stored files instead of writing")
    args = ap.parse_args(argv)
    targets = list(FILES) if args.target == "all" else [args.target]
    rc = 0
    for t in targets:
        text = dump_json(generate(t, args.helm_root if t == "helm" else args.shared, args.kubectl))
        path = args.out / FILES[t]
        if args.check:
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            if old != text:
                print(f"{path} is out of date (run {GENERATOR} {t})", file=sys.stderr)
                rc = 1
            else:
                print(f"{path}: up to date")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
