"""helm (v3): grammar from the official cobra-generated CLI reference (helm-www `versioned_docs/version-3/helm`,
Helm v3.21.1), what each sub-command does, context flags and the permissions of its read-only commands.

Argo CD renders Helm charts with `helm template`, so its applications are not Helm releases: `helm list` and
`helm history` only show charts installed with `helm install`. Readers use `helm template`, `helm show values` and
`helm get values` to see what Argo CD would render.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from .base import Classification, Permission, Tool, match_path

if TYPE_CHECKING:
    from ..grammar.checker import ParsedCommand

_SRC = "https://github.com/helm/helm/blob/1ad3dfe028030b26f9032f9c77c519902b630b8b/cmd/helm/"  # tag v3.21.1
# cobra `Aliases:` in helm's sources; the generated reference does not list them.
_ALIASES = {
    "dependency": (["dep", "dependencies"], _SRC + "dependency.go"),
    "dependency list": (["ls"], _SRC + "dependency.go"),
    "dependency update": (["up"], _SRC + "dependency_update.go"),
    "history": (["hist"], _SRC + "history.go"),
    "list": (["ls"], _SRC + "list.go"),
    "plugin install": (["add"], _SRC + "plugin_install.go"),
    "plugin list": (["ls"], _SRC + "plugin_list.go"),
    "plugin uninstall": (["rm", "remove"], _SRC + "plugin_uninstall.go"),
    "plugin update": (["up"], _SRC + "plugin_update.go"),
    "pull": (["fetch"], _SRC + "pull.go"),
    "repo list": (["ls"], _SRC + "repo_list.go"),
    "repo remove": (["rm"], _SRC + "repo_remove.go"),
    "repo update": (["up"], _SRC + "repo_update.go"),
    "show": (["inspect"], _SRC + "show.go"),
    "uninstall": (["del", "delete", "un"], _SRC + "uninstall.go"),
}
# Argument counts from each command's `Args: require.*` in the same sources (the usage lines show `[NAME] [CHART]`
# where the code requires one argument).
_EXACT_1 = ("create", "get all", "get hooks", "get manifest", "get metadata", "get notes", "get values", "history",
            "plugin install", "repo index", "show all", "show chart", "show crds", "show readme", "show values",
            "status", "verify")
_AT_LEAST_1 = ("install", "pull", "registry login", "registry logout", "repo remove", "rollback", "template",
               "uninstall")
_ARG_OVERRIDES: dict[str, dict[str, Any]] = {
    **{key: {"min": 0, "max": 0} for key in ("completion bash", "completion fish", "completion powershell",
                                              "completion zsh", "list", "repo list", "version")},
    **{key: {"min": 1, "max": 1} for key in _EXACT_1},
    **{key: {"min": 1} for key in _AT_LEAST_1},
    **{key: {"min": 0, "max": 1} for key in ("dependency list", "dependency build", "dependency update", "env")},
    "push": {"min": 2},
    "repo add": {"min": 2, "max": 2},
    "upgrade": {"min": 2, "max": 2},
}
_READ = frozenset({"template", "get", "history", "list", "status", "show", "search", "version", "env", "lint",
                   "verify", "dependency list", "plugin list", "repo list", "completion"})
_DESTRUCTIVE = {"uninstall": "deletes the release and every resource it installed",
                "rollback": "re-deploys an older release revision over the live objects"}
# Helm keeps each release revision in a Secret of its namespace (the default "secret" storage driver) and reads
# them with a label-selected list: pkg/storage/driver/secrets.go Query.
_READS_RELEASES = frozenset({"get", "history", "list", "status"})


class Helm(Tool):
    name = "helm"
    display = "helm"
    programs = ("helm",)
    grammar_file = "helm.json"
    version_args = ("version", "--short")
    context_flag = "--kube-context"
    kubeconfig_flag = "--kubeconfig"
    aliases: ClassVar[dict[str, tuple[list[str], str]]] = _ALIASES
    arg_overrides: ClassVar[dict[str, dict[str, Any]]] = _ARG_OVERRIDES

    def classify(self, parsed: ParsedCommand) -> Classification:
        key = match_path(parsed.path, _DESTRUCTIVE)
        if key:
            return Classification("destructive", (f"helm {key} {_DESTRUCTIVE[key]}",))
        if parsed.path[:1] == ("template",) and parsed.has("output-dir"):
            return Classification("mutating", ("helm template --output-dir writes local files",))
        if parsed.path[:1] in (("lint",), ("show",), ("template",)) and parsed.has("dependency-update"):
            return Classification("mutating", ("--dependency-update downloads charts into the chart's charts/",))
        if match_path(parsed.path, _READ):
            return Classification("read-only", ())
        return Classification("mutating", (f"helm {' '.join(parsed.path)} changes releases, charts or Helm's "
                                           "local configuration",))

    def permissions(self, parsed: ParsedCommand) -> set[Permission]:
        if parsed.path[:1] and parsed.path[0] in _READS_RELEASES:
            return {Permission("list", "", "secrets")}
        return set()


TOOL = Helm()
