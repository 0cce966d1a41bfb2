"""Command grammars for kubectl, kubectl argo rollouts and argocd (lint layer 2, rules RB2xx).

``check_argv(argv)`` checks one simple command, already split into words by the shell
layer, against grammars generated from the real tools (see ``scripts/gen_grammar.py``):
sub-commands, flags (own, inherited and global; long and short), flag value types,
required flags and arguments, and resource types.
"""

from __future__ import annotations

from .checker import GrammarFinding, ParsedCommand, check_argv, is_placeholder, parse_argv
from .rules import RULES

__all__ = ["GrammarFinding", "ParsedCommand", "RULES", "check_argv", "is_placeholder", "parse_argv"]
