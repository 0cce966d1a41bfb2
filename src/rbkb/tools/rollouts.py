"""The Argo Rollouts kubectl plugin (`kubectl argo rollouts ...`, or `kubectl-argo-rollouts` run directly).

Grammar: generated from the official CLI reference (``rbkb.tools.generate``). Its controller is found by the labels
of the upstream manifests and the argo-helm chart (`app.kubernetes.io/name=argo-rollouts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from .base import Classification, Controller, Permission, Tool, match_path
from .kubectl import impersonation

if TYPE_CHECKING:
    from ..grammar.checker import GrammarFinding, ParsedCommand

_READ = frozenset({"get", "list", "status", "version", "lint", "notifications template get",
                   "notifications trigger get", "completion"})
# What `kubectl argo rollouts get rollout` lists to draw its tree.
_TREE = [("list", "apps", "replicasets"), ("list", "", "pods"), ("list", "argoproj.io", "analysisruns"),
         ("list", "argoproj.io", "experiments")]
# Flags the plugin parses itself after cobra: `restart --in` goes through time.ParseDuration
# (argo-rollouts pkg/kubectl-argo-rollouts/cmd/restart/restart.go, v1alpha1.DurationString.Duration).
_DURATIONS: dict[tuple[str, ...], tuple[str, ...]] = {("restart",): ("in",)}
# Flags the plugin requires in its own code (`lint` returns its usage when --filename is empty, cmd/lint/lint.go).
_REQUIRED: dict[tuple[str, ...], str] = {("lint",): "filename"}

# Aliases are not part of cobra's generated Markdown; these come from the plugin's Go sources (cobra `Aliases:`).
_SRC = "https://github.com/argoproj/argo-rollouts/blob/master/pkg/kubectl-argo-rollouts/cmd/"
_ALIASES = {
    "get rollout": (["ro", "rollouts"], _SRC + "get/get_rollout.go"),
    "get experiment": (["exp", "experiments"], _SRC + "get/get_experiment.go"),
    "list rollouts": (["ro", "rollout"], _SRC + "list/list_rollouts.go"),
    "list experiments": (["exp", "experiment"], _SRC + "list/list_experiments.go"),
    "retry rollout": (["ro", "rollouts"], _SRC + "retry/retry.go"),
    "retry experiment": (["exp", "experiments"], _SRC + "retry/retry.go"),
    "terminate analysisrun": (["ar", "analysisruns"], _SRC + "terminate/terminate.go"),
    "terminate experiment": (["exp", "experiments"], _SRC + "terminate/terminate.go"),
    "create analysisrun": (["ar"], _SRC + "create/create.go"),
}
# group commands whose usage line shows the sub-command words, not arguments
_ARG_OVERRIDES: dict[str, dict[str, Any]] = {
    key: {"min": 0} for key in ("get", "list", "retry", "terminate", "set", "")}


class Rollouts(Tool):
    name = "argo-rollouts"
    display = "kubectl argo rollouts"
    programs = ("kubectl-argo-rollouts",)
    grammar_file = "argo-rollouts.json"
    version_args = ("version", "--short")
    context_flag = "--context"
    kubeconfig_flag = "--kubeconfig"
    runnable_groups = frozenset({("create",)})
    aliases: ClassVar[dict[str, tuple[list[str], str]]] = _ALIASES
    arg_overrides: ClassVar[dict[str, dict[str, Any]]] = _ARG_OVERRIDES
    # The chart's dashboard carries the same name label (component rollouts-dashboard): leave it out.
    controllers = (Controller("Argo Rollouts controller", product="argo-rollouts", selector=
                              "app.kubernetes.io/name=argo-rollouts,app.kubernetes.io/component!=rollouts-dashboard"),)

    def check_args(self, parsed: ParsedCommand) -> list[GrammarFinding]:
        from ..grammar.checker import GrammarFinding, usage_args

        out = usage_args(self, parsed)
        cmd = parsed.command
        assert cmd is not None
        need = int(cmd.args.get("min", 0))
        if out or parsed.uncertain or cmd.args.get("curated") or not cmd.args.get("names"):
            return out
        # the plugin's commands check len(args) against their usage line
        usage_rest = cmd.usage.split("[flags]")[0]
        fixed = "..." not in usage_rest and "[" not in usage_rest and "<" not in usage_rest
        if fixed and len(parsed.positionals) > need:
            extra = parsed.positionals[need]
            out.append(GrammarFinding(
                "RB206", f'unexpected argument "{extra}" for "{cmd.display}" (usage: {cmd.usage})'))
        return out

    def check_values(self, parsed: ParsedCommand) -> list[GrammarFinding]:
        from ..grammar.checker import GrammarFinding, is_placeholder
        from ..grammar.values import check_value

        out = []
        display = " ".join((self.display, *parsed.path))
        for flag in _DURATIONS.get(parsed.path, ()):
            for value in parsed.flags.get(flag, []):
                err = None if value is None or is_placeholder(value) else check_value("duration", value)
                if err:
                    out.append(GrammarFinding("RB203", f'invalid value "{value}" for --{flag} in "{display}": {err}'))
        required = _REQUIRED.get(parsed.path)
        if required and not parsed.has(required) and not parsed.uncertain and not parsed.has("help"):
            out.append(GrammarFinding("RB204", f'missing required flag --{required} for "{display}"'))
        return out

    def classify(self, parsed: ParsedCommand) -> Classification:
        if match_path(parsed.path, _READ):
            return Classification("read-only", ())
        if parsed.path[0] == "undo":
            return Classification("destructive", (
                "undo rewrites spec.template live: under Argo CD auto-sync or self-heal it is reverted to Git, and "
                "the revision you roll back to may not be the stable one",))
        return Classification("mutating", (f"kubectl argo rollouts {' '.join(parsed.path)} changes the Rollout",))

    def streams(self, parsed: ParsedCommand) -> str | None:
        from .base import flag_on

        for flag in ("watch", "follow"):
            if flag_on(parsed, flag):
                return f"--{flag} streams until stopped"
        bounded = parsed.has("timeout") or (parsed.has("watch") and not flag_on(parsed, "watch"))
        if parsed.path == ("status",) and not bounded:
            return "kubectl argo rollouts status watches until the rollout finishes (add --watch=false or --timeout)"
        return None

    def permissions(self, parsed: ParsedCommand) -> set[Permission]:
        p = parsed.path
        found: set[Permission] = set()
        if p == ("get", "rollout"):
            found = {Permission("get", "argoproj.io", "rollouts"), *(Permission(*t) for t in _TREE)}
        elif p == ("get", "experiment"):
            found = {Permission("get", "argoproj.io", "experiments"), *(Permission(*t) for t in _TREE)}
        elif p == ("status",):
            found = {Permission("get", "argoproj.io", "rollouts"), Permission("watch", "argoproj.io", "rollouts")}
        elif p[:1] == ("list",) and p[1:]:
            found = {Permission("list", "argoproj.io", p[1])}
        return found | impersonation(parsed)

    def sub_command_start(self, words: Sequence[str]) -> int:
        return 0


TOOL = Rollouts()
