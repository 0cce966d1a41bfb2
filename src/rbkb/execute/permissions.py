"""The Kubernetes permissions each diagnostic needs, derived from its parsed command.

Used by `runbook doctor` (ask `kubectl auth can-i` for each) and by the test that proves deploy/rbac/readonly.yaml
grants every one of them and nothing that writes. argocd commands are authorised by Argo CD's own RBAC
(argocd-rbac-cm), not by Kubernetes, so they add nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..grammar import ParsedCommand, is_placeholder, parse_argv
from ..grammar.model import resource_index
from ..model import Repository
from ..safety import classify
from ..shell import parse_shell

# Custom resources the generated resource list does not carry (cert-manager): word -> (group, plural).
_EXTRA_RESOURCES = {
    **dict.fromkeys(("certificate", "certificates", "cert", "certs"), ("cert-manager.io", "certificates")),
    **dict.fromkeys(("certificaterequest", "certificaterequests", "cr", "crs"),
                    ("cert-manager.io", "certificaterequests")),
    **dict.fromkeys(("issuer", "issuers"), ("cert-manager.io", "issuers")),
    **dict.fromkeys(("clusterissuer", "clusterissuers"), ("cert-manager.io", "clusterissuers")),
    **dict.fromkeys(("order", "orders"), ("acme.cert-manager.io", "orders")),
    **dict.fromkeys(("challenge", "challenges"), ("acme.cert-manager.io", "challenges")),
}
# What `kubectl describe TYPE` reads besides the object and its events (kubectl/pkg/describe).
_DESCRIBE_ALSO = {
    "deployments": [("list", "apps", "replicasets")],
    "replicasets": [("list", "", "pods")],
    "nodes": [("list", "", "pods")],
    "services": [("list", "", "endpoints")],
    "persistentvolumeclaims": [("list", "", "pods")],
    "jobs": [("list", "", "pods")],
}
# What `kubectl argo rollouts get rollout` lists to draw its tree.
_ROLLOUT_TREE = [("list", "apps", "replicasets"), ("list", "", "pods"), ("list", "argoproj.io", "analysisruns"),
                 ("list", "argoproj.io", "experiments")]
_RAW_RESOURCE_RE = re.compile(r"^/api/v1/(?:namespaces/[^/]+/)?([a-z]+)/[^/]+/([a-z]+)")


@dataclass(frozen=True, order=True)
class Permission:
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
class Need:
    permission: Permission
    runbook: str
    step: str  # field path of the diagnostic, e.g. diagnostics.3


def required(repo: Repository) -> list[Need]:
    """Every permission the runbooks' read-only diagnostics need, with where each comes from."""
    needs: set[Need] = set()
    for rb in repo.runbooks:
        for i, d in enumerate(rb.diagnostics):
            if not classify(d.command).read_only:
                continue
            for perm in command_permissions(d.command):
                needs.add(Need(perm, rb.id, f"diagnostics.{i}"))
    return sorted(needs, key=lambda n: (n.permission, n.runbook, n.step))


def command_permissions(command: str) -> set[Permission]:
    found: set[Permission] = set()
    for simple in parse_shell(command).commands:
        parsed, _ = parse_argv(simple.argv)
        if parsed is None or parsed.command is None:
            continue
        if parsed.tool == "kubectl":
            found |= _kubectl(parsed)
        elif parsed.tool == "argo-rollouts":
            found |= _rollouts(parsed)
        found |= _impersonation(parsed)
    return found


def _resource(word: str) -> tuple[str, str] | None:
    """(group, plural) for a TYPE word, or None when it is a placeholder or unknown."""
    if is_placeholder(word):
        return None
    if word.lower() in _EXTRA_RESOURCES:
        return _EXTRA_RESOURCES[word.lower()]
    found = resource_index().lookup(word)
    return (found[0].group, found[0].plural) if found else None


def _targets(p: ParsedCommand) -> list[tuple[tuple[str, str], bool]]:
    """((group, plural), named) for each TYPE in TYPE[,TYPE] [NAME...] or TYPE/NAME... positionals."""
    words = p.positionals
    if not words:
        return []
    if any("/" in w for w in words):
        return [(r, True) for w in words if (r := _resource(w.split("/", 1)[0]))]
    named = len(words) > 1 and not p.has("selector", "field-selector")
    return [(r, named) for t in words[0].split(",") if (r := _resource(t))]


def _perms(items: Iterable[tuple[str, str, str]]) -> set[Permission]:
    return {Permission(*item) for item in items}


def _kubectl(p: ParsedCommand) -> set[Permission]:
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
        workload = _resource(target.split("/", 1)[0]) if "/" in target else None
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


def _rollouts(p: ParsedCommand) -> set[Permission]:
    if p.path == ("get", "rollout"):
        return _perms([("get", "argoproj.io", "rollouts"), *_ROLLOUT_TREE])
    if p.path == ("get", "experiment"):
        return _perms([("get", "argoproj.io", "experiments"), *_ROLLOUT_TREE])
    if p.path == ("status",):
        return _perms([("get", "argoproj.io", "rollouts"), ("watch", "argoproj.io", "rollouts")])
    if p.path[:1] == ("list",) and p.path[1:]:
        return _perms([("list", "argoproj.io", p.path[1])])
    return set()


def _impersonation(p: ParsedCommand) -> set[Permission]:
    who = p.value("as")
    if who is None:
        return set()
    kind = "serviceaccounts" if who.startswith("system:serviceaccount:") else "users"
    return _perms([("impersonate", "", kind)])
