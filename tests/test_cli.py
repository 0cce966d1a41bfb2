"""The `runbook` command imports the module of the sub-command it runs, not every sub-command's."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rbkb.cli import COMMANDS, build_parser

_IMPORTED = """
import sys
from rbkb.cli import build_parser
build_parser({command!r})
print(" ".join(sorted(m for m in sys.modules if m.startswith("rbkb.commands."))))
"""


def _command_modules(command: str | None) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _IMPORTED.format(command=command)], capture_output=True, text=True,
                          timeout=120, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("command", ["schema", "lint-command", "diagnose"])
def test_only_the_sub_commands_module_is_imported(command: str) -> None:
    assert _command_modules(command) == {f"rbkb.commands.{COMMANDS[command]}"}


def test_help_and_unknown_words_list_every_command() -> None:
    assert _command_modules(None) == {f"rbkb.commands.{m}" for m in COMMANDS.values()}
    choices = build_parser("no-such-command")._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(choices) == set(COMMANDS)
