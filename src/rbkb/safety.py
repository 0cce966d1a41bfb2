"""Classify a command as read-only, mutating or destructive, with the reason.

The classification gates execution (`runbook run` only runs read-only commands unless told otherwise), fails
`runbook lint` (RB301) for diagnostics that change anything, marks steps on the pages and is reported by
`runbook lint-command`. It is decided from what will really run: a cobra CLI is asked of its tool module
(`rbkb.tools`), a wrapper (`timeout`, `env`, `xargs`, `sh -c`, ...) is classified by the command it runs, an
interpreter (`awk`, `sed`, `find`) by its program text, and output written to a file is a change. Anything the
classifier cannot prove read-only counts as mutating: an unknown program is never trusted.
"""

from __future__ import annotations

from .shell import SimpleCommand, parse_shell
from .tools.base import Classification, Level, worst

__all__ = ["Classification", "Level", "classify", "classify_argv", "simple_streams", "streams"]

_MAX_DEPTH = 8  # wrappers nested deeper than this are not worth proving read-only


def classify(command: str) -> Classification:
    return _classify_text(command, 0)


def _classify_text(command: str, depth: int) -> Classification:
    parsed = parse_shell(command)
    if parsed.syntax_error and depth:
        return Classification("mutating", (f"cannot parse the shell text it runs ({parsed.syntax_error})",))
    result = worst(classify_argv(c.argv, depth) for c in parsed.commands)
    if parsed.writes_files and result.read_only:
        return Classification("mutating", (f"writes the local file {parsed.writes_files[0]}",))
    return result


def classify_argv(argv: tuple[str, ...] | list[str], depth: int = 0) -> Classification:
    """One program invocation: a registered tool, a wrapper of another command, or a known program."""
    from .tools import parse
    from .tools.programs import classify_program

    if not argv:
        return Classification("read-only", ())
    if depth > _MAX_DEPTH:
        return Classification("mutating", ("wrappers nested too deep to prove read-only",))
    tool, parsed, _findings = parse(argv)
    if tool is None:
        return classify_program(list(argv), lambda inner: classify_argv(inner, depth + 1),
                                lambda text: _classify_text(text, depth + 1))
    if parsed is None or parsed.command is None:
        return Classification("mutating", (f"{' '.join(argv[:3])}: not a known sub-command",))
    return tool.classify(parsed)


# ----------------------------------------------------------------------------------------------------------------------
# Commands that never end on their own
# ----------------------------------------------------------------------------------------------------------------------

def streams(command: str) -> str | None:
    """Why the command would stream until stopped (and so never finish), or None."""
    return next((why for simple in parse_shell(command).commands if (why := simple_streams(simple))), None)


def simple_streams(simple: SimpleCommand) -> str | None:
    """Why one program invocation would run until stopped, or None. `runbook run` refuses these; lint (RB303)
    rejects them in diagnostics."""
    return argv_streams(list(simple.argv), 0)


def argv_streams(argv: list[str], depth: int) -> str | None:
    from .tools import parse
    from .tools.programs import program_streams

    if not argv or depth > _MAX_DEPTH:
        return None
    tool, parsed, _ = parse(argv)
    if tool is None:
        return program_streams(argv, lambda inner: argv_streams(inner, depth + 1), _text_streams)
    if parsed is not None and parsed.command is not None:
        return tool.streams(parsed)
    return None


def _text_streams(text: str) -> str | None:
    return streams(text)
