"""What the grammar tests learn from the real kubectl and from the generator, kept between test runs.

Asking kubectl is slow (about 150 `--help` runs to regenerate its grammar, a process per command to check
agreement), and the answers change only when kubectl or the code that asks changes. So every answer is stored
under a key made of the kubectl build (`kubectl version --client -o json`) and the source of the code that produced
it: a new kubectl, a changed generator or oracle, or a new command asks again; nothing else does.

The cache lives in $RBKB_TEST_CACHE, by default ~/.cache/rbkb/tests ($XDG_CACHE_HOME honoured); deleting it is
always safe. Writes are atomic and locked, so parallel test workers share it.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import fcntl
import functools
import hashlib
import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from grammar_corpus import HERE, REPO, SHARED
from kubectl_oracle import Sandbox, Verdict, verdict

# The grammar generator (rbkb.tools.generate). One place names it; its source is part of every generated key.
GENERATOR = REPO / "src" / "rbkb" / "tools" / "generate"
GRAMMAR_CODE = [*(REPO / "src" / "rbkb" / "grammar").glob("*.py"), *(REPO / "src" / "rbkb" / "tools").glob("*.py"),
                REPO / "src/rbkb/data/grammar/kubectl.json"]


def cache_dir() -> Path:
    if configured := os.environ.get("RBKB_TEST_CACHE"):
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rbkb" / "tests"


@functools.cache
def kubectl_build() -> str:
    """The kubectl on PATH, as `kubectl version --client -o json` describes it (version, commit, build date)."""
    done = subprocess.run(["kubectl", "version", "--client", "-o", "json"], capture_output=True, text=True,
                          timeout=60, check=False)
    return done.stdout if done.returncode == 0 else f"unknown: {done.stderr}"


def digest(*parts: str | Path) -> str:
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            for file in sorted(part.rglob("*")) if part.is_dir() else [part]:
                if file.is_file() and "__pycache__" not in file.parts:  # bytecode differs run to run
                    h.update(str(file.relative_to(part) if part.is_dir() else file.name).encode())
                    h.update(file.read_bytes())
        else:
            h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()[:32]


@contextlib.contextmanager
def _locked(name: str) -> Iterator[Path]:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder / f"{name}.json"


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write(path: Path, data: dict[str, Any]) -> None:
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".part", delete=False, encoding="utf-8") as tmp:
        json.dump(data, tmp)
    os.replace(tmp.name, path)


def remembered(name: str, key: str, compute: Callable[[list[str]], list[Any]], items: list[str]) -> list[Any]:
    """compute(items) for the items not stored under (name, key) yet; the stored answers for the others."""
    with _locked(f"{name}-{key}") as path:
        known = _read(path)
        missing = [i for i in dict.fromkeys(items) if i not in known]
        if missing:
            known.update(zip(missing, compute(missing), strict=True))
            _write(path, known)
    return [known[i] for i in items]


# ----------------------------------------------------------------------------------------------------------------------
# What the tests ask
# ----------------------------------------------------------------------------------------------------------------------


def generator() -> ModuleType:
    from rbkb.tools import generate

    return generate


def generated_grammar(target: str) -> str:
    """The JSON text a fresh run of the generator writes for `target` (kubectl, kustomize, argocd, argo-rollouts,
    resources)."""
    source = kubectl_build() if target in ("kubectl", "kustomize") else digest(SHARED / "reference")
    key = digest(GENERATOR, target, source)

    def generate(targets: list[str]) -> list[str]:
        gen = generator()
        return [gen.dump_json(gen.generate(t, SHARED, "kubectl")) for t in targets]

    return str(remembered("grammar", key, generate, [target])[0])


def verdicts(argvs: list[list[str]]) -> list[Verdict]:
    """The real kubectl's verdict on each command line (kubectl_oracle.py), asked once per kubectl build."""
    key = digest(kubectl_build(), HERE / "kubectl_oracle.py", *GRAMMAR_CODE)

    def ask(lines: list[str]) -> list[dict[str, Any]]:
        with Sandbox() as sandbox, concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            found = list(pool.map(lambda line: verdict(json.loads(line), sandbox), lines))
        return [dataclasses.asdict(v) for v in found]

    stored = remembered("verdicts", key, ask, [json.dumps(a) for a in argvs])
    return [Verdict(**v) for v in stored]


def kubectl_helps(commands: list[str]) -> list[str]:
    """`kubectl <command> --help` for each command path ("rollout status"), as the sandbox prints it."""
    key = digest(kubectl_build(), HERE / "kubectl_oracle.py")

    def ask(paths: list[str]) -> list[str]:
        with Sandbox() as sandbox, concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            return list(pool.map(lambda path: sandbox.run(["kubectl", *path.split(), "--help"])[1], paths))

    return [str(h) for h in remembered("helps", key, ask, commands)]
