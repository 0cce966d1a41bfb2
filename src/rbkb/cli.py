"""runbook: lint, run and diagnose the troubleshooting runbooks for Argo CD, Argo Rollouts and Kubernetes.

`main()` only parses and dispatches; each sub-command is a function returning an exit code.

Each module in `COMMAND_MODULES` adds its own sub-parser(s) with `add_parsers(sub)` and sets `func` to a function of the
parsed arguments that returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

# Imported when a parser is built, not with this module: `runbook diagnose` takes a shorter path (see `main`).
COMMAND_MODULES = ("lint", "schema", "postmortem", "diagnose", "triage", "cards", "run", "alerts", "doctor")


def _root(value: str) -> Path:
    path = Path(value)
    if not (path / "runbooks").is_dir():
        raise argparse.ArgumentTypeError(f"{value!r} has no runbooks/ directory")
    return path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="runbook", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=_root, default=Path("."), help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f".commands.{name}", __package__).add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if _is_diagnose(argv):  # one-shot: skip importing and building every other sub-command
        from .commands.diagnose import main as diagnose_main

        return diagnose_main(argv)
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _is_diagnose(argv: list[str]) -> bool:
    rest = argv[2:] if argv[:1] == ["--root"] else argv[1:] if argv[:1] and argv[0].startswith("--root=") else argv
    return rest[:1] == ["diagnose"] and "-h" not in rest and "--help" not in rest


if __name__ == "__main__":
    sys.exit(main())
