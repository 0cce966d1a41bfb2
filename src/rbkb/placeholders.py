"""How a command marks a value to fill in, kept apart from the model so that checking one command stays light.

In a runbook, `<name>` stands for a declared parameter (lower-case words joined by `-`). In documentation and in
commands pasted from it, `<APPNAME>`, `<service_account_namespace>` and `<PROJECT>` follow the same convention; the
shell layer treats all of them as one word to fill in, never as redirections.
"""

from __future__ import annotations

import re

# `<name>` in a command stands for a declared parameter; `<<` (heredocs) and `< file` never match.
PLACEHOLDER_RE = re.compile(r"(?<![<\w])<([a-z][a-z0-9]*(?:-[a-z0-9]+)*)>(?!>)")
# Any documentation placeholder: a letter, then letters, digits, `_`, `-` or `.`, in angle brackets.
DOC_PLACEHOLDER_RE = re.compile(r"(?<![<\w])<([A-Za-z][A-Za-z0-9_.-]*)>(?!>)")
