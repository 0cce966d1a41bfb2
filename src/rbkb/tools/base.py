"""What every external tool module provides, and the small value types they share.

A tool module (``kubectl.py``, ``helm.py``, ...) holds everything the project knows about one CLI: where its grammar
is and how it is generated, what its sub-commands do to the cluster (safety), what never ends on its own, its style
rules, extra checks of values and arguments the cobra grammar cannot express, how to point it at a context and a
kubeconfig, which Kubernetes permissions its read-only commands need, and how to find its version. The linter, the
executor, the analyzers and ``runbook doctor`` ask the registry (``rbkb.tools``) instead of knowing tools themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

if TYPE_CHECKING:  # the grammar engine is imported only when a command is really parsed
    from ..grammar.checker import GrammarFinding, ParsedCommand
    from ..grammar.model import Grammar

Level = Literal["read-only", "mutating", "destructive"]
Severity = Literal["error", "warning"]
_ORDER: dict[Level, int] = {"read-only": 0, "mutating": 1, "destructive": 2}


@dataclass(frozen=True)
class Classification:
    """What a command does: read-only, mutating or destructive, and why."""

    level: Level
    reasons: tuple[str, ...]

    @property
    def read_only(self) -> bool:
        return self.level == "read-only"


READ_ONLY = Classification("read-only", ())


def worst(results: Iterable[Classification]) -> Classification:
    """The most dangerous of several classifications, with the reasons of that level (read-only when empty)."""
    found = list(results)
    if not found:
        return READ_ONLY
    level = max((r.level for r in found), key=_ORDER.__getitem__)
    reasons = tuple(dict.fromkeys(reason for r in found if r.level == level for reason in r.reasons))
    return Classification(level, reasons)


def at_least(level: Level, other: Level) -> bool:
    return _ORDER[level] >= _ORDER[other]


@dataclass(frozen=True, order=True)
class Permission:
    """One Kubernetes RBAC permission a read-only command needs."""

    verb: str
    group: str  # "" for the core API group
    resource: str  # plural, with "/subresource" when there is one

    def can_i_args(self) -> list[str]:
        """Arguments for `kubectl auth can-i`: VERB RESOURCE[.GROUP][/SUBRESOURCE]."""
        plural, _, sub = self.resource.partition("/")
        qualified = f"{plural}.{self.group}" if self.group else plural
        return [self.verb, f"{qualified}/{sub}" if sub else qualified]

    def __str__(self) -> str:
        return " ".join(self.can_i_args())


@dataclass(frozen=True)
class StyleFinding:
    """A style rule (RB4xx) that fired on a parsed command."""

    rule: str
    message: str


@dataclass(frozen=True)
class Controller:
    """How to recognise a tool's in-cluster controller by its labels (never by an assumed workload name)."""

    name: str  # as a reader knows it, e.g. "Argo CD application controller"
    selector: str  # a label selector for `kubectl get deployments,statefulsets -A -l`
    container: str = ""  # the container whose image tag is the version; "" for the first container
    product: str = ""  # the `versions:` key of statements that depend on its version (rbkb.model.Product)


class Tool:
    """The interface every tool module implements (see the module docstring); defaults suit a tool without one."""

    name: str = ""  # registry key, and the value of ParsedCommand.tool
    display: str = ""  # how a reader types it: "kubectl argo rollouts"
    programs: tuple[str, ...] = ()  # program names (argv[0] basenames) that run this tool
    grammar_file: str | None = None  # under rbkb/data/grammar/
    version_args: tuple[str, ...] = ()  # arguments that make it print its version
    context_flag: str | None = None  # the flag choosing a kubeconfig context
    kubeconfig_flag: str | None = None  # the flag choosing a kubeconfig file
    controllers: tuple[Controller, ...] = ()  # in-cluster workloads whose image tag is this tool's server version
    runnable_groups: frozenset[tuple[str, ...]] = frozenset()  # groups that also run on their own
    normalise_underscores: bool = False  # kubectl accepts --all_namespaces for --all-namespaces
    # For grammars generated from reference Markdown, which omits them: command -> (aliases, source URL), and
    # command -> corrections of the usage line's argument count, each verified against the tool's code.
    aliases: ClassVar[dict[str, tuple[list[str], str]]] = {}
    arg_overrides: ClassVar[dict[str, dict[str, Any]]] = {}

    # --- parsing -------------------------------------------------------------------------------------------------
    def grammar(self) -> Grammar:
        from ..grammar.model import load_grammar

        assert self.grammar_file is not None, self.name
        return load_grammar(self.name, self.grammar_file, self.display, self.normalise_underscores)

    def parse(self, argv: Sequence[str]) -> tuple[ParsedCommand | None, list[GrammarFinding]]:
        """Parse argv (argv[0] is one of `programs`) against the grammar, with this tool's own checks."""
        from ..grammar.checker import parse_with

        return parse_with(self, self.grammar(), list(argv), 1)

    def sub_command_start(self, words: Sequence[str]) -> int:
        """How many words after the program name belong to the program itself (`kubectl argo rollouts`: 2)."""
        return 0

    # --- checks beyond the cobra grammar ---------------------------------------------------------------------------
    def check_args(self, parsed: ParsedCommand) -> list[GrammarFinding]:
        """Positional-argument checks (RB204/RB206): by default the usage line's required arguments."""
        from ..grammar.checker import usage_args

        return usage_args(self, parsed)

    def check_values(self, parsed: ParsedCommand) -> list[GrammarFinding]:
        """Values the tool validates in its own code (RB203), beyond the flag's pflag type."""
        return []

    def accepts_value(self, flag: str, value: str) -> bool:
        """A value outside the flag's documented choices that the tool still accepts."""
        return False

    def style(self, parsed: ParsedCommand) -> list[StyleFinding]:
        return []

    # --- what it does ----------------------------------------------------------------------------------------------
    def classify(self, parsed: ParsedCommand) -> Classification:
        return Classification("mutating", (f"{self.display} {' '.join(parsed.path)}: not known to be read-only",))

    def streams(self, parsed: ParsedCommand) -> str | None:
        """Why this command would run until stopped, or None."""
        return None

    def permissions(self, parsed: ParsedCommand) -> set[Permission]:
        """Kubernetes permissions a read-only command needs (empty when the tool does not read the cluster)."""
        return set()


def flag_on(parsed: ParsedCommand, flag: str) -> bool:
    """A boolean flag given and not set to false."""
    return parsed.has(flag) and (parsed.value(flag) or "true").lower() not in ("false", "0", "f")


def match_path(path: Sequence[str], table: Mapping[str, object] | set[str] | frozenset[str]) -> str | None:
    """The longest prefix of the sub-command path (up to three words) listed in `table`."""
    for n in (3, 2, 1):
        key = " ".join(path[:n])
        if len(path) >= n and key in table:
            return key
    return None
