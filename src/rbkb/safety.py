"""Classify a command as read-only, mutating or destructive, with the reason.

The classification gates execution (`runbook run` only runs read-only commands unless told otherwise) and marks
steps on the pages. Anything not known to be read-only counts as mutating: an unknown program is never trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .grammar import ParsedCommand, parse_argv
from .shell import SimpleCommand, parse_shell

Level = Literal["read-only", "mutating", "destructive"]
_ORDER: dict[Level, int] = {"read-only": 0, "mutating": 1, "destructive": 2}


@dataclass(frozen=True)
class Classification:
    level: Level
    reasons: tuple[str, ...]

    @property
    def read_only(self) -> bool:
        return self.level == "read-only"


# Sub-command paths (after the program) that only read. Longest match wins.
_KUBECTL_READ = {
    "get", "describe", "logs", "top", "explain", "api-resources", "api-versions", "version", "cluster-info",
    "auth can-i", "auth whoami", "events", "diff", "config view", "config get-contexts", "config current-context",
    "config get-clusters", "rollout status", "rollout history", "wait", "plugin list",
}
_KUBECTL_DESTRUCTIVE = {"delete": "deletes the objects", "drain": "evicts every pod from the node",
                        "replace": "replaces the whole object"}
_ROLLOUTS_READ = {"get", "list", "status", "version", "lint", "notifications template get",
                  "notifications trigger get", "completion"}
_ARGOCD_READ = {
    "app get", "app list", "app diff", "app history", "app manifests", "app resources", "app logs", "app wait",
    "app actions list", "repo list", "repo get", "repocreds list", "cluster list", "cluster get", "proj list",
    "proj get", "proj windows list", "version", "account get-user-info", "account can-i", "account list",
    "account get", "admin settings validate", "admin initial-password", "appset list", "appset get", "cert list",
    "gpg list", "context", "admin cluster stats", "admin cluster shards", "admin settings rbac can",
    "admin notifications template get", "admin notifications trigger get",
}
_ARGOCD_DESTRUCTIVE = {"app delete": "deletes the application and, with cascade, its resources",
                       "appset delete": "deletes the ApplicationSet and the applications it generated",
                       "app rollback": "deploys an older revision and disables auto-sync drift correction",
                       "cluster rm": "removes the cluster and stops managing its applications",
                       "repo rm": "removes repository access for every application using it",
                       "proj delete": "deletes the project"}
_READ_PROGRAMS = {
    "grep", "egrep", "fgrep", "jq", "yq", "head", "tail", "sort", "uniq", "wc", "cut", "tr", "column", "awk",
    "base64", "xxd", "cat", "less", "printf", "echo", "date", "nslookup", "dig", "host", "ss", "lsof", "stern",
    "openssl", "test", "true", "false", "seq", "sleep", "tee", "getent", "ping", "nc", "which", "command", "env",
    "kubectx", "kubens", "promtool", "logcli", "sed", "find", "ls", "diff", "timeout", "watch",
}
_WRITE_FLAGS_SED = ("-i", "--in-place")


def classify(command: str) -> Classification:
    parsed = parse_shell(command)
    results = [_classify_simple(c) for c in parsed.commands] or [Classification("read-only", ())]
    level = max((r.level for r in results), key=_ORDER.__getitem__)
    reasons = tuple(dict.fromkeys(reason for r in results if r.level == level for reason in r.reasons))
    if parsed.writes_files and level == "read-only":
        return Classification("mutating", (f"writes the local file {parsed.writes_files[0]}",))
    return Classification(level, reasons)


def _classify_simple(cmd: SimpleCommand) -> Classification:
    argv = list(cmd.argv)
    prog = argv[0].rsplit("/", 1)[-1] if argv else ""
    if prog == "kubectl-argo-rollouts":  # the plugin run directly
        prog, argv = "kubectl", ["kubectl", "argo", "rollouts", *argv[1:]]
    if prog in ("kubectl", "argocd"):
        parsed, _findings = parse_argv([prog, *argv[1:]])
        if parsed is None or parsed.command is None:
            return Classification("mutating", (f"{' '.join(argv[:3])}: not a known sub-command",))
        return {"kubectl": _kubectl, "argo-rollouts": _rollouts, "argocd": _argocd}[parsed.tool](parsed)
    if prog == "curl":
        return _curl(argv[1:])
    if prog == "sed" and any(a.startswith(_WRITE_FLAGS_SED) for a in argv[1:]):
        return Classification("mutating", ("sed -i edits files in place",))
    if prog == "rm":
        return Classification("destructive", ("rm deletes local files",))
    if prog in ("kill", "pkill", "killall"):
        return Classification("mutating", (f"{prog} stops local processes",))
    if prog in _READ_PROGRAMS:
        return Classification("read-only", ())
    return Classification("mutating", (f"{prog!r} is not a known read-only program",))


def _match(path: tuple[str, ...], table: set[str] | dict[str, str]) -> str | None:
    for n in (3, 2, 1):
        key = " ".join(path[:n])
        if len(path) >= n and key in table:
            return key
    return None


def _kubectl(p: ParsedCommand) -> Classification:
    verb = p.path[0]
    if verb in _KUBECTL_DESTRUCTIVE:
        return Classification("destructive", (f"kubectl {verb} {_KUBECTL_DESTRUCTIVE[verb]}",))
    if verb == "scale" and p.value("replicas") == "0":
        return Classification("destructive", ("scaling to zero replicas stops every pod",))
    if p.path[:2] == ("rollout", "undo"):
        return Classification("destructive", ("rollout undo replaces the pod template; Argo CD self-heal reverts it",))
    if _match(p.path, _KUBECTL_READ):
        return Classification("read-only", ())
    if verb in ("port-forward", "proxy"):
        return Classification("mutating", (f"kubectl {verb} opens a local listener and runs until stopped",))
    return Classification("mutating", (f"kubectl {' '.join(p.path)} changes cluster state",))


def _rollouts(p: ParsedCommand) -> Classification:
    if _match(p.path, _ROLLOUTS_READ):
        return Classification("read-only", ())
    if p.path[0] == "undo":
        return Classification("destructive", (
            "undo rewrites spec.template live: under Argo CD auto-sync or self-heal it is reverted to Git, and the "
            "revision you roll back to may not be the stable one",))
    return Classification("mutating", (f"kubectl argo rollouts {' '.join(p.path)} changes the Rollout",))


def _argocd(p: ParsedCommand) -> Classification:
    if p.path[:2] == ("app", "sync"):
        reasons = [why for flag, why in (
            ("force", "--force deletes and re-creates resources whose patch fails"),
            ("prune", "--prune deletes live resources that are no longer in Git"),
            ("replace", "--replace re-creates resources instead of patching them"),
        ) if p.has(flag) and p.value(flag) != "false"]
        if reasons:
            return Classification("destructive", tuple(reasons))
        return Classification("mutating", ("argocd app sync applies Git to the cluster",))
    key = _match(p.path, _ARGOCD_DESTRUCTIVE)
    if key:
        return Classification("destructive", (f"argocd {key} {_ARGOCD_DESTRUCTIVE[key]}",))
    if _match(p.path, _ARGOCD_READ):
        return Classification("read-only", ())
    return Classification("mutating", (f"argocd {' '.join(p.path)} changes Argo CD state",))


def _flag(args: list[str], *names: str) -> str | None:
    """The value of the first flag in `names` (`--x=v`, `--x v`), '' for a bare flag, None when absent."""
    for i, a in enumerate(args):
        for name in names:
            if a == name:
                nxt = args[i + 1] if i + 1 < len(args) else ""
                return "" if nxt.startswith("-") else nxt
            if a.startswith(name + "="):
                return a.split("=", 1)[1]
    return None


def _curl(args: list[str]) -> Classification:
    method = _flag(args, "-X", "--request")
    if (method and method.upper() not in ("GET", "HEAD")) or _flag(args, "-d", "--data", "--data-raw",
                                                                   "-F") is not None:
        return Classification("mutating", ("curl sends a request that may change the server",))
    if _flag(args, "-o", "--output", "-O") is not None:
        return Classification("mutating", ("curl writes a local file",))
    return Classification("read-only", ())


# ----------------------------------------------------------------------------------------------------------------------
# Commands that never end on their own
# ----------------------------------------------------------------------------------------------------------------------

_STREAMING_PROGRAMS = {"watch": "watch repeats the command until stopped", "top": "top runs until stopped",
                       "htop": "htop runs until stopped"}


def streams(command: str) -> str | None:
    """Why the command would stream until stopped (and so never finish), or None."""
    return next((why for simple in parse_shell(command).commands if (why := simple_streams(simple))), None)


def simple_streams(simple: SimpleCommand) -> str | None:
    """Why one program invocation would run until stopped, or None. `runbook run` refuses these; lint (RB303)
    rejects them in diagnostics."""
    argv = list(simple.argv)
    program = simple.program.rsplit("/", 1)[-1]
    if program in _STREAMING_PROGRAMS:
        return _STREAMING_PROGRAMS[program]
    if program == "tail" and any(a in ("-f", "-F", "--follow") or a.startswith("--follow=") for a in argv[1:]):
        return "tail -f follows the file until stopped"
    if program == "stern" and not any(a.startswith("--no-follow") for a in argv[1:]):
        return "stern follows logs until stopped (add --no-follow)"
    parsed, _ = parse_argv(argv)
    if parsed is not None and parsed.command is not None:
        return _tool_streams(parsed)
    return None


def _on(p: ParsedCommand, flag: str) -> bool:
    """A boolean flag given and not set to false."""
    return p.has(flag) and (p.value(flag) or "true").lower() not in ("false", "0", "f")


def _tool_streams(p: ParsedCommand) -> str | None:
    for flag in ("watch", "watch-only", "follow"):
        if _on(p, flag):
            return f"--{flag} streams until stopped"
    bounded = p.has("timeout") or (p.has("watch") and not _on(p, "watch"))
    if p.tool == "argo-rollouts" and p.path == ("status",) and not bounded:
        return "kubectl argo rollouts status watches until the rollout finishes (add --watch=false or --timeout)"
    if p.tool == "kubectl" and p.path == ("rollout", "status") and not bounded:
        return "kubectl rollout status watches until the rollout finishes (add --watch=false or --timeout)"
    if p.tool == "argocd" and p.path == ("app", "wait") and not p.has("timeout"):
        return "argocd app wait waits without limit (add --timeout)"
    if p.tool == "kubectl" and p.path[:1] in (("port-forward",), ("proxy",), ("attach",)):
        return f"kubectl {p.path[0]} runs until stopped"
    return None
