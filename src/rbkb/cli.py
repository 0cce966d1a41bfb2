"""runbook: lint, run and diagnose the troubleshooting runbooks for Argo CD, Argo Rollouts and Kubernetes.

`main()` only parses and dispatches; each sub-command is a function returning an exit code.

Each module in `COMMANDS` adds its own sub-parser(s) with `add_parsers(sub)` and sets `func` to a function of the
parsed arguments that returns the exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .commands import alerts as alerts_cmd
from .commands import cards as cards_cmd
from .commands import diagnose as diagnose_cmd
from .commands import doctor as doctor_cmd
from .commands import lint as lint_cmd
from .commands import postmortem as postmortem_cmd
from .commands import run as run_cmd
from .commands import schema as schema_cmd
from .commands import triage as triage_cmd

COMMANDS = [lint_cmd, schema_cmd, postmortem_cmd, diagnose_cmd, triage_cmd, cards_cmd, run_cmd, alerts_cmd, doctor_cmd]


def _root(value: str) -> Path:
    path = Path(value)
    if not (path / "runbooks").is_dir():
        raise argparse.ArgumentTypeError(f"{value!r} has no runbooks/ directory")
    return path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="runbook", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=_root, default=Path("."), help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
