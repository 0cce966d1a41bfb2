"""runbook: lint, run and diagnose the troubleshooting runbooks for Argo CD, Argo Rollouts and Kubernetes.

`main()` only parses and dispatches; each sub-command is a function returning an exit code.

Each module in `COMMANDS` adds its own sub-parser(s) with `add_parsers(sub)` and sets `func` to a function of the
parsed arguments that returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

# Sub-command -> the module in rbkb.commands that defines it. Only the module of the command being run is imported:
# the others pull in the renderers, WeasyPrint, tree-sitter or the executor, which that command does not need.
COMMANDS = {
    "lint": "lint", "lint-command": "lint", "schema": "schema", "postmortem": "postmortem", "diagnose": "diagnose",
    "triage": "triage", "cards": "cards", "run": "run", "alerts": "alerts", "doctor": "doctor",
}


def _root(value: str) -> Path:
    path = Path(value)
    if not (path / "runbooks").is_dir():
        raise argparse.ArgumentTypeError(f"{value!r} has no runbooks/ directory")
    return path


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for `command` alone when it is known, else for every command (for help and errors)."""
    parser = argparse.ArgumentParser(prog="runbook", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=_root, default=Path("."), help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    names = [COMMANDS[command]] if command in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in names:
        importlib.import_module(f"{__package__}.commands.{name}").add_parsers(sub)
    return parser


def _command_word(argv: Sequence[str]) -> str | None:
    """The sub-command named in `argv`: the first word that is neither an option nor the value of --root."""
    words = iter(argv)
    for word in words:
        if word == "--root":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_command_word(argv)).parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
