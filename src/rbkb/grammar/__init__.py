"""The cobra/pflag grammar engine (lint layer 2, rules RB2xx) shared by every tool in ``rbkb.tools``.

``check_argv(argv)`` checks one simple command, already split into words by the shell layer, against the grammar
of the tool that runs it (generated data under ``rbkb/data/grammar/``, see ``rbkb.tools.generate``): sub-commands,
flags (own, inherited and global; long and short), flag value types, required flags and arguments, and what the tool
module adds (resource types, values and arguments the tool checks in its own code).
"""

from __future__ import annotations

from .checker import GrammarFinding, ParsedCommand, check_argv, is_placeholder, parse_argv
from .rules import RULES

__all__ = ["GrammarFinding", "ParsedCommand", "RULES", "check_argv", "is_placeholder", "parse_argv"]
