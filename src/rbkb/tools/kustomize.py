"""kustomize: `kustomize build` checked against the real command (kubectl embeds the same cobra command as
`kubectl kustomize`), what each sub-command does, and how its version is found.

Only `build` has a generated grammar. The other sub-commands of kustomize v5.5.0 are known by name (kustomize
`kustomize/commands/commands.go` and `cmd/config/configcobra/cmds.go`): they are accepted without a flag check and
never count as read-only, because `edit`, `create`, `localize` and `fn` write files.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .base import Classification, Tool

if TYPE_CHECKING:
    from ..grammar.checker import GrammarFinding, ParsedCommand

UNCHECKED = frozenset({"completion", "edit", "create", "version", "openapi", "localize", "cfg", "fn", "docs-merge",
                       "docs-merge3", "docs-fn", "docs-fn-spec", "docs-io-annotations", "docs-tutorial"})


class Kustomize(Tool):
    name = "kustomize"
    display = "kustomize"
    programs = ("kustomize",)
    grammar_file = "kustomize.json"
    version_args = ("version",)

    def parse(self, argv: Sequence[str]) -> tuple[ParsedCommand | None, list[GrammarFinding]]:
        from ..grammar.checker import ParsedCommand

        first = next((w for w in argv[1:] if not w.startswith("-")), None)
        if first in UNCHECKED:
            return ParsedCommand(self.name, (first,), None, 1, uncertain=True), []
        return super().parse(argv)

    def classify(self, parsed: ParsedCommand) -> Classification:
        if parsed.path == ("build",) and not parsed.has("output"):
            return Classification("read-only", ())
        if parsed.path == ("build",):
            return Classification("mutating", ("kustomize build --output writes local files",))
        return Classification("mutating", (f"kustomize {' '.join(parsed.path)} writes local files",))


TOOL = Kustomize()
