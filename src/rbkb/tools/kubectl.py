"""kubectl: grammar (generated from the real binary), its own argument and value checks, what each sub-command does,
style rules, context flags and the permissions its read-only commands need.

`kubectl argo rollouts ...` runs the Argo Rollouts plugin; kubectl hands it over only when `argo rollouts` are the
first words, and the rest of the command belongs to `rbkb.tools.rollouts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .base import Classification, Permission, StyleFinding, Tool, flag_on, match_path

if TYPE_CHECKING:
    from ..grammar.checker import GrammarFinding, ParsedCommand

# Sub-command paths that only read. Longest match wins.
_READ = frozenset({
    "get", "describe", "logs", "top", "explain", "api-resources", "api-versions", "version", "cluster-info",
    "auth can-i", "auth whoami", "events", "diff", "config view", "config get-contexts", "config current-context",
    "config get-clusters", "config get-users", "rollout status", "rollout history", "wait", "plugin list",
    "kustomize", "completion",
})
_DESTRUCTIVE = {"delete": "deletes the objects", "drain": "evicts every pod from the node",
                "replace": "replaces the whole object"}
_LISTENERS = ("port-forward", "proxy")

# Values kubectl checks in its own code before it talks to a server (messages of kubectl v1.32, offline).
_RESTART = ("Always", "OnFailure", "Never")  # kubectl run: "invalid restart policy: X"
_EVENT_TYPES = ("normal", "warning")  # kubectl events: "valid --types are Normal or Warning" (case-insensitive)
_SERVICE_ACCOUNT = re.compile(r"[^:]+:[^:]+")  # create (cluster)rolebinding: "serviceaccount must be <ns>:<name>"

# What `kubectl describe TYPE` reads besides the object and its events (kubectl/pkg/describe).
_DESCRIBE_ALSO = {
    "deployments": [("list", "apps", "replicasets")],
    "replicasets": [("list", "", "pods")],
    "nodes": [("list", "", "pods")],
    "services": [("list", "", "endpoints")],
    "persistentvolumeclaims": [("list", "", "pods")],
    "jobs": [("list", "", "pods")],
}
_RAW_RESOURCE_RE = re.compile(r"^/api/v1/(?:namespaces/[^/]+/)?([a-z]+)/[^/]+/([a-z]+)")
_ROLLOUT_SELECTOR = re.compile(r"^rollout\s*(=|==|!=|\s+in\b)|,\s*rollout\s*=")


class Kubectl(Tool):
    name = "kubectl"
    display = "kubectl"
    programs = ("kubectl",)
    grammar_file = "kubectl.json"
    version_args = ("version", "--client")
    context_flag = "--context"
    kubeconfig_flag = "--kubeconfig"
    runnable_groups = frozenset({("create",), ("apply",), ("cluster-info",), ()})
    normalise_underscores = True

    def parse(self, argv: Sequence[str]) -> tuple[ParsedCommand | None, list[GrammarFinding]]:
        from ..grammar.checker import find_command, is_placeholder, parse_with

        args = list(argv)
        g = self.grammar()
        found = find_command(g, args, 1)
        _cmd, path_idx, stray = found
        if path_idx or stray is None or is_placeholder(stray):
            return parse_with(self, g, args, 1, found=found)
        return _plugin_or_unknown(self, args, stray)

    def sub_command_start(self, words: Sequence[str]) -> int:
        return 2 if list(words[:2]) == ["argo", "rollouts"] else 0

    def check_args(self, parsed: ParsedCommand) -> list[GrammarFinding]:
        from .kubectl_args import check_kubectl_args

        return check_kubectl_args(parsed)

    def check_values(self, parsed: ParsedCommand) -> list[GrammarFinding]:
        from ..grammar.checker import GrammarFinding, is_placeholder

        out: list[GrammarFinding] = []
        display = " ".join(("kubectl", *parsed.path))

        def bad(flag: str, value: str, why: str) -> None:
            out.append(GrammarFinding("RB203", f'invalid value "{value}" for --{flag} in "{display}": {why}'))

        for value in _values(parsed, "replicas") if parsed.path == ("scale",) else ():
            if value.lstrip("+-").isdigit() and int(value) < 0:
                bad("replicas", value, "COUNT must be greater than or equal to 0")
        for value in _values(parsed, "restart") if parsed.path == ("run",) else ():
            if value not in _RESTART:
                bad("restart", value, f"invalid restart policy (one of {', '.join(_RESTART)})")
        for value in _values(parsed, "types") if parsed.path == ("events",) else ():
            wrong = [t for t in value.split(",") if t.strip().lower() not in _EVENT_TYPES and not is_placeholder(t)]
            if wrong:
                bad("types", value, "valid --types are Normal or Warning")
        if parsed.path in (("create", "rolebinding"), ("create", "clusterrolebinding")):
            for value in _values(parsed, "serviceaccount"):
                if not is_placeholder(value) and not _SERVICE_ACCOUNT.fullmatch(value):
                    bad("serviceaccount", value, "serviceaccount must be <namespace>:<name>")
        return out

    def style(self, parsed: ParsedCommand) -> list[StyleFinding]:
        found = []
        selectors = [v for v in parsed.flags.get("selector", []) if v]
        if any(_ROLLOUT_SELECTOR.search(s) for s in selectors):
            found.append(StyleFinding(
                "RB405", "no `rollout=` label exists; use the Rollout's selector or rollouts-pod-template-hash"))
        if parsed.path == ("logs",) and parsed.has("selector") and not parsed.has("tail"):
            found.append(StyleFinding("RB407", "`kubectl logs -l` shows only 10 lines per pod; add --tail"))
        return found

    def classify(self, parsed: ParsedCommand) -> Classification:
        verb = parsed.path[0]
        if verb in _DESTRUCTIVE:
            return Classification("destructive", (f"kubectl {verb} {_DESTRUCTIVE[verb]}",))
        if verb == "scale" and parsed.value("replicas") == "0":
            return Classification("destructive", ("scaling to zero replicas stops every pod",))
        if parsed.path[:2] == ("rollout", "undo"):
            return Classification("destructive",
                                  ("rollout undo replaces the pod template; Argo CD self-heal reverts it",))
        if parsed.path == ("kustomize",) and parsed.has("output"):
            return Classification("mutating", ("kubectl kustomize --output writes local files",))
        if match_path(parsed.path, _READ):
            return Classification("read-only", ())
        if verb in _LISTENERS:
            return Classification("mutating", (f"kubectl {verb} opens a local listener and runs until stopped",))
        return Classification("mutating", (f"kubectl {' '.join(parsed.path)} changes cluster state",))

    def streams(self, parsed: ParsedCommand) -> str | None:
        for flag in ("watch", "watch-only", "follow"):
            if flag_on(parsed, flag):
                return f"--{flag} streams until stopped"
        bounded = parsed.has("timeout") or (parsed.has("watch") and not flag_on(parsed, "watch"))
        if parsed.path == ("rollout", "status") and not bounded:
            return "kubectl rollout status watches until the rollout finishes (add --watch=false or --timeout)"
        if parsed.path[:1] in (("port-forward",), ("proxy",), ("attach",)):
            return f"kubectl {parsed.path[0]} runs until stopped"
        return None

    def permissions(self, parsed: ParsedCommand) -> set[Permission]:
        return _permissions(parsed) | impersonation(parsed)


def _values(parsed: ParsedCommand, flag: str) -> list[str]:
    from ..grammar.checker import is_placeholder

    return [v for v in parsed.flags.get(flag, []) if v is not None and not is_placeholder(v)]


def _plugin_or_unknown(tool: Kubectl, args: list[str], stray: str) -> tuple[ParsedCommand, list[GrammarFinding]]:
    """kubectl looks for a plugin only when the first word is not one of its commands."""
    from ..grammar.checker import GrammarFinding, ParsedCommand, suggest
    from . import get

    plugin_words: list[str] = []
    for w in args[1:]:
        if w.startswith("-"):
            break
        plugin_words.append(w)
    unknown = ParsedCommand("kubectl", (), None, 1)
    if stray == "argo" or plugin_words[:1] == ["argo"]:
        if not plugin_words:
            return unknown, [GrammarFinding(
                "RB201",
                f'flags cannot be placed before plugin name: {args[1]} (kubectl looks for the plugin '
                f'"kubectl-argo-rollouts" only when "argo rollouts" come first; move the flags after it)',
            )]
        if plugin_words[:2] == ["argo", "rollouts"]:
            from ..grammar.checker import parse_with

            rollouts = get("argo-rollouts")
            return parse_with(rollouts, rollouts.grammar(), args, 3)
        what = f"argo {plugin_words[1] if len(plugin_words) > 1 else ''}".strip()
        return unknown, [GrammarFinding("RB201", f'unknown command "{what}" for "kubectl" (did you mean "argo '
                                                 'rollouts"?)')]
    sugg = suggest(stray, sorted(tool.grammar().root.children))
    if stray in ("argo-rollouts", "rollouts"):
        sugg = "argo rollouts"
    hint = f' (did you mean "{sugg}"?)' if sugg else ""
    return unknown, [GrammarFinding("RB201", f'unknown command "{stray}" for "kubectl"{hint}')]


# ----------------------------------------------------------------------------------------------------------------------
# Permissions
# ----------------------------------------------------------------------------------------------------------------------

def impersonation(parsed: ParsedCommand) -> set[Permission]:
    """`--as` needs the right to impersonate (kubectl and its plugins share the flag)."""
    who = parsed.value("as")
    if who is None:
        return set()
    kind = "serviceaccounts" if who.startswith("system:serviceaccount:") else "users"
    return {Permission("impersonate", "", kind)}


def resource_of(word: str) -> tuple[str, str] | None:
    """(group, plural) for a TYPE word, or None when it is a placeholder or unknown."""
    from ..grammar.checker import is_placeholder
    from ..grammar.model import resource_index

    if is_placeholder(word):
        return None
    found = resource_index().lookup(word)
    return (found[0].group, found[0].plural) if found else None


def _targets(p: ParsedCommand) -> list[tuple[tuple[str, str], bool]]:
    """((group, plural), named) for each TYPE in TYPE[,TYPE] [NAME...] or TYPE/NAME... positionals."""
    words = p.positionals
    if not words:
        return []
    if any("/" in w for w in words):
        return [(r, True) for w in words if (r := resource_of(w.split("/", 1)[0]))]
    named = len(words) > 1 and not p.has("selector", "field-selector")
    return [(r, named) for t in words[0].split(",") if (r := resource_of(t))]


def _perms(items: Iterable[tuple[str, str, str]]) -> set[Permission]:
    return {Permission(*item) for item in items}


def _permissions(p: ParsedCommand) -> set[Permission]:
    verb = p.path[0] if p.path else ""
    found: set[Permission] = set()
    if verb == "get" and p.has("raw"):
        m = _RAW_RESOURCE_RE.match(p.value("raw") or "")
        return _perms([("get", "", f"{m.group(1)}/{m.group(2)}")]) if m else set()
    if verb in ("get", "describe"):
        for (group, plural), named in _targets(p):
            found.add(Permission("get" if named else "list", group, plural))
            if p.has("watch", "watch-only"):
                found.add(Permission("watch", group, plural))
            if verb == "describe":
                found |= _perms([("list", "", "events"), *_DESCRIBE_ALSO.get(plural, [])])
    elif verb == "logs":
        target = p.positionals[0] if p.positionals else ""
        workload = resource_of(target.split("/", 1)[0]) if "/" in target else None
        if workload and workload[1] != "pods":  # kubectl reads the workload, then lists its pods
            found |= _perms([("get", *workload), ("list", "", "pods")])
        else:
            found.add(Permission("list" if p.has("selector") else "get", "", "pods"))
        found.add(Permission("get", "", "pods/log"))
    elif p.path[:1] == ("top",):
        kind = "nodes" if p.path[1:] == ("node",) else "pods"
        found |= _perms([("list", "metrics.k8s.io", kind), *([("list", "", "nodes")] if kind == "nodes" else [])])
    elif verb == "events":
        found.add(Permission("list", "", "events"))
    elif p.path[:1] == ("rollout",) and p.path[1:] in (("status",), ("history",)):
        for (group, plural), _named in _targets(p):
            found.add(Permission("get", group, plural))
            found.add(Permission("watch" if p.path[1] == "status" else "list", *(
                (group, plural) if p.path[1] == "status" else ("apps", "replicasets"))))
    elif verb == "cluster-info":
        found.add(Permission("list", "", "services"))
    return found


TOOL = Kubectl()
