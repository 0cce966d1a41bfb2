"""argocd, the Argo CD CLI: grammar from the official generated CLI reference, argument and value checks its code
makes, what each sub-command does, and how its application controller is found.

argocd talks to the Argo CD API server (or, with `--core`, to the cluster directly): its permissions are Argo CD
RBAC (argocd-rbac-cm), not Kubernetes RBAC, so `permissions` adds nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from .base import Classification, Controller, Tool, match_path

if TYPE_CHECKING:
    from ..grammar.checker import GrammarFinding, ParsedCommand

SOURCE = "https://github.com/argoproj/argo-cd/blob/37ee0097cf851bc2dd7665fc081bbce61a7e836e/"

_READ = frozenset({
    "app get", "app list", "app diff", "app history", "app manifests", "app resources", "app logs", "app wait",
    "app actions list", "repo list", "repo get", "repocreds list", "cluster list", "cluster get", "proj list",
    "proj get", "proj windows list", "version", "account get-user-info", "account can-i", "account list",
    "account get", "admin settings validate", "admin initial-password", "appset list", "appset get", "cert list",
    "gpg list", "admin cluster stats", "admin cluster shards", "admin settings rbac can",
    "admin notifications template get", "admin notifications trigger get", "completion",
})
_DESTRUCTIVE = {"app delete": "deletes the application and, with cascade, its resources",
                "appset delete": "deletes the ApplicationSet and the applications it generated",
                "app rollback": "deploys an older revision and disables auto-sync drift correction",
                "cluster rm": "removes the cluster and stops managing its applications",
                "repo rm": "removes repository access for every application using it",
                "proj delete": "deletes the project"}
_FORCEFUL_SYNC = (("force", "--force deletes and re-creates resources whose patch fails"),
                  ("prune", "--prune deletes live resources that are no longer in Git"),
                  ("replace", "--replace re-creates resources instead of patching them"))

# cmd/util/app.go SetAppSpecOptions: any other value ends in `log.Fatalf("Invalid sync-policy: %s")`.
_SYNC_POLICIES = ("none", "manual", "automated", "automatic", "auto")
_SYNC_POLICY_COMMANDS = {("app", "create"), ("app", "set"), ("admin", "app", "generate-spec")}

# Usage lines that say less, or more, than the command's code checks; the generator applies these to the grammar
# (each verified against the command's source at SOURCE or its reference examples).
_ARG_OVERRIDES: dict[str, dict[str, Any]] = {
    # "argocd app create -f app.yaml" takes the name from the file
    "app create": {"min": 0},
    # "argocd app delete -l app.kubernetes.io/instance=my-app" (examples in the reference)
    "app delete": {"unless_flags": ["selector"]},
    # "argocd appset create <filename>" / "appset delete NAME": usage line shows no argument
    "appset create": {"min": 1},
    "appset delete": {"min": 1},
    # --batch reads from stdin, no positional argument
    "cert add-ssh": {"min": 0},
    # "argocd app unset APPNAME parameters": "parameters" is prose, not an argument
    "app unset": {"min": 1},
    # cmd/argocd/commands/login.go: `len(args) != 1 && !PortForward && !Core` prints the usage and exits 1
    "login": {"min": 1, "unless_flags": ["port-forward", "core"]},
    # "argocd logout" without CONTEXT is accepted (current context)
    "logout": {"min": 0},
    # "argocd proj create -f proj.yaml"
    "proj create": {"min": 0},
}


class Argocd(Tool):
    name = "argocd"
    display = "argocd"
    programs = ("argocd",)
    grammar_file = "argocd.json"
    version_args = ("version", "--client", "--short")
    context_flag = "--kube-context"
    arg_overrides: ClassVar[dict[str, dict[str, Any]]] = _ARG_OVERRIDES
    runnable_groups = frozenset({("admin", "cluster", "namespaces")})  # prints the namespaces of a cluster
    controllers = (Controller("Argo CD application controller", product="argo-cd", selector=
                              "app.kubernetes.io/part-of=argocd,app.kubernetes.io/component=application-controller"),)

    def accepts_value(self, flag: str, value: str) -> bool:
        return flag == "output" and value.startswith("tree=")  # "-o tree=detailed"

    def check_values(self, parsed: ParsedCommand) -> list[GrammarFinding]:
        from ..grammar.checker import GrammarFinding, is_placeholder

        out = []
        display = " ".join(("argocd", *parsed.path))
        if parsed.path in _SYNC_POLICY_COMMANDS:
            for value in parsed.flags.get("sync-policy", []):
                if value is not None and not is_placeholder(value) and value not in _SYNC_POLICIES:
                    out.append(GrammarFinding("RB203", f'invalid value "{value}" for --sync-policy in "{display}": '
                                              f'one of {", ".join(_SYNC_POLICIES)} (argocd: "Invalid sync-policy")'))
        if parsed.path == ("app", "rollback") and len(parsed.positionals) > 1:
            rev = parsed.positionals[1]
            if not is_placeholder(rev) and not rev.lstrip("+-").isdigit():
                out.append(GrammarFinding("RB203", f'invalid history ID "{rev}" for "{display}": an integer from '
                                          '"argocd app history" (strconv.Atoi: invalid syntax)'))
        return out

    def classify(self, parsed: ParsedCommand) -> Classification:
        p = parsed.path
        if p[:2] == ("app", "sync"):
            reasons = tuple(why for flag, why in _FORCEFUL_SYNC if parsed.has(flag) and parsed.value(flag) != "false")
            if reasons:
                return Classification("destructive", reasons)
            return Classification("mutating", ("argocd app sync applies Git to the cluster",))
        key = match_path(p, _DESTRUCTIVE)
        if key:
            return Classification("destructive", (f"argocd {key} {_DESTRUCTIVE[key]}",))
        if p == ("context",):
            if parsed.positionals or parsed.has("delete"):
                return Classification("mutating", ("argocd context NAME switches the current Argo CD context",))
            return Classification("read-only", ())
        if match_path(p, _READ):
            return Classification("read-only", ())
        return Classification("mutating", (f"argocd {' '.join(p)} changes Argo CD state",))

    def streams(self, parsed: ParsedCommand) -> str | None:
        from .base import flag_on

        for flag in ("watch", "follow"):
            if flag_on(parsed, flag):
                return f"--{flag} streams until stopped"
        if parsed.path == ("app", "wait") and not parsed.has("timeout"):
            return "argocd app wait waits without limit (add --timeout)"
        return None


TOOL = Argocd()
