"""The `runbook` command. `main()` only parses and dispatches; each sub-command is a function returning an exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .commands import lint as lint_cmd
from .commands import schema as schema_cmd


def _root(value: str) -> Path:
    path = Path(value)
    if not (path / "runbooks").is_dir():
        raise argparse.ArgumentTypeError(f"{value!r} has no runbooks/ directory")
    return path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="runbook", description=__doc__)
    parser.add_argument("--root", type=_root, default=Path("."), help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("lint", help="check every runbook, data file, command, doc snippet and script")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.set_defaults(func=lambda a: lint_cmd.lint(a.root, strict=a.strict))

    p = sub.add_parser("lint-command", help="check commands given as arguments or one per line on stdin")
    p.add_argument("commands", nargs="*", metavar="COMMAND")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=lambda a: lint_cmd.lint_command(a.commands, fmt=a.format, stdin=sys.stdin))

    p = sub.add_parser("schema", help="write the JSON Schemas generated from the model into schema/")
    p.add_argument("--check", action="store_true", help="exit 1 when a schema file is stale instead of writing")
    p.set_defaults(func=lambda a: schema_cmd.schema(a.root, check=a.check))
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
