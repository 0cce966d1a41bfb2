"""Checks that need more than one line: empty table columns, empty describe fields, blocks about one object.

Each check returns (cause, confidence, evidence lines); the lines are verbatim from the segment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .segments import Segment
from .signatures import Matcher

Hit = tuple[str, float, list[str]]  # lines of one segment; rbkb.analyze.diagnose says where they came from

_POD_FAILING = re.compile(r"\b(CrashLoopBackOff|Error|CreateContainerError|CreateContainerConfigError|ImagePullBackOff|"
                          r"ErrImagePull|Pending|OOMKilled|Init:\S+)\b")


def segment_hits(seg: Segment, matcher: Matcher) -> Iterator[Hit]:
    yield from controller_absent(seg)
    if seg.kind == "table":
        yield from _table(seg)
    elif seg.kind == "describe":
        yield from _describe(seg, matcher)


# ----------------------------------------------------------------------------------------------------------------------
# Tables: `kubectl get`
# ----------------------------------------------------------------------------------------------------------------------

def _columns(header: str) -> list[tuple[str, int]]:
    """Column names and start offsets; names may hold one space (`LAST SEEN`, `ACCESS MODES`)."""
    return [(m.group(0), m.start()) for m in re.finditer(r"\S+(?: \S+)*", header)]


def _cell(row: str, columns: list[tuple[str, int]], name: str) -> str | None:
    names = [c for c, _ in columns]
    if name not in names:
        return None
    i = names.index(name)
    start = columns[i][1]
    end = columns[i + 1][1] if i + 1 < len(columns) else len(row)
    return row[start:end].strip() if len(row) > start else ""


def _table(seg: Segment) -> Iterator[Hit]:
    body = [line for line in seg.lines if line.strip()]
    header, rows = body[0], body[1:]
    columns = _columns(header)
    for row in rows:
        tokens = row.split()
        if seg.resource == "endpoints" and (len(tokens) == 2 or "<none>" in tokens[1:2]):
            yield "no_endpoints_selector_mismatch", 0.75, [header, row]
        elif seg.resource == "ingresses" and _cell(row, columns, "ADDRESS") == "":
            yield "ingress_controller_missing", 0.6, [header, row]
        elif seg.resource == "pvc" and len(tokens) > 1 and tokens[1] == "Pending":
            yield "unbound_pvc", 0.8, [header, row]
        elif seg.resource == "applications" and "OutOfSync" in tokens:
            yield "out_of_sync", 0.6, [header, row]
        elif seg.resource == "pods":
            yield from _pod_row(header, row, tokens)


def _pod_row(header: str, row: str, tokens: list[str]) -> Iterator[Hit]:
    name = tokens[1] if header.lstrip().startswith("NAMESPACE") and len(tokens) > 1 else tokens[0]
    ready = next((t for t in tokens if re.fullmatch(r"\d+/\d+", t)), None)
    not_ready = ready is not None and ready.split("/")[0] != ready.split("/")[1]
    if name.startswith("argocd-server-") and (not_ready or _POD_FAILING.search(row)):
        yield "argocd_server_crash", 0.85, [header, row]


# ----------------------------------------------------------------------------------------------------------------------
# Describe blocks: `kubectl describe`
# ----------------------------------------------------------------------------------------------------------------------

def _field(lines: list[str], key: str) -> tuple[str, str] | None:
    for line in lines:
        m = re.match(rf"^\s*{re.escape(key)}:(.*)$", line)
        if m:
            return line, m.group(1).strip()
    return None


def _describe(seg: Segment, matcher: Matcher) -> Iterator[Hit]:
    lines = seg.lines
    if seg.resource == "services":
        selector, eps = _field(lines, "Selector"), _field(lines, "Endpoints")
        if selector and selector[1] not in ("", "<none>") and eps and eps[1] in ("", "<none>"):
            yield "no_endpoints_selector_mismatch", 0.8, [selector[0], eps[0]]
    elif seg.resource == "ingresses":
        address = _field(lines, "Address")
        if address and address[1] == "":
            yield "ingress_controller_missing", 0.6, [address[0]]
    elif seg.resource == "pvc":
        status = _field(lines, "Status")
        if status and status[1] == "Pending":
            yield "unbound_pvc", 0.8, [status[0]]
    elif seg.resource == "pods":
        name = _field(lines, "Name")
        if name and name[1].startswith("argocd-server-"):
            failing = [line for line in lines if any(s.cause in _POD_CAUSES for s in matcher.match(line))]
            if failing:
                yield "argocd_server_crash", 0.85, [name[0], *failing[:3]]


_POD_CAUSES = {"crashloop", "oom_killed", "image_pull_error", "missing_config_or_secret", "insufficient_resources",
               "unbound_pvc", "liveness_probe_failure"}


def port_mismatch(segments: list[Segment]) -> Iterator[Hit]:
    """A Service whose targetPort the selected pods do not serve.

    Two forms: a described Service whose numeric targetPort no described pod's container declares (outputs pasted
    together), and a `kubectl port-forward svc/NAME L:R` that kubectl resolved to a targetPort T != R which then
    refused the connection (one segment; see `_port_forward_refused`).
    """
    yield from _port_forward_refused(segments)
    targets = [(line, m.group(1)) for seg in segments if seg.kind == "describe" and seg.resource == "services"
               for line in seg.lines for m in [re.match(r"^\s*TargetPort:\s+(\d+)/\w+", line)] if m]
    pod_ports = [(line, set(re.findall(r"(\d+)/(?:TCP|UDP|SCTP)", line))) for seg in segments
                 if seg.kind == "describe" and seg.resource == "pods"
                 for line in seg.lines if re.match(r"^\s*Ports?:\s+\d", line)]
    if not targets or not pod_ports:
        return
    declared = set().union(*(ports for _, ports in pod_ports))
    for line, port in targets:
        if port not in declared:
            yield "service_port_mismatch", 0.75, [line, *(pl for pl, _ in pod_ports[:2])]


# `kubectl port-forward [flags] svc/NAME [flags] [LOCAL:]REMOTE ...`: kubectl resolves the Service port REMOTE to its
# targetPort and prints `Forwarding from 127.0.0.1:LOCAL -> TARGET`. A refusal on TARGET != REMOTE means nothing in the
# pod listens on the Service's targetPort. The app may only not be listening yet, so the reported confidence stays at
# 0.6: the hit is 0.57 and `rank` adds 0.03 for its second evidence line.
_PF_SERVICE_RE = re.compile(r"^(?:svc|service|services)/\S+$")
_PF_PORTS_RE = re.compile(r"^(?:(\d*):)?(\d+)$")  # REMOTE, LOCAL:REMOTE or :REMOTE
_PF_FORWARDING_RE = re.compile(r"^\s*Forwarding from \S+:(\d+) -> (\d+)\s*$")


def _service_port_specs(command: str | None) -> list[tuple[str | None, str]]:
    """(LOCAL or None, REMOTE) of each port of a `kubectl port-forward` to a Service; [] for any other command."""
    if not command or "port-forward" not in command:
        return []  # most pasted commands: no need to parse them (nor to import the shell parser and grammar)
    from ..grammar import parse_argv
    from ..shell import parse_shell

    commands = parse_shell(command).commands
    parsed = parse_argv(commands[0].argv)[0] if commands else None
    if parsed is None or parsed.path != ("port-forward",) or not parsed.positionals:
        return []
    target, *ports = parsed.positionals
    if not _PF_SERVICE_RE.match(target):
        return []  # a pod, deployment or other workload forwards to the container port as given
    return [(m.group(1), m.group(2)) for port in ports for m in [_PF_PORTS_RE.match(port)] if m]


def _port_forward_refused(segments: list[Segment]) -> Iterator[Hit]:
    for seg in segments:
        specs = _service_port_specs(seg.command)
        if not specs:
            continue
        for i, line in enumerate(seg.lines):
            fwd = _PF_FORWARDING_RE.match(line)
            if not fwd:
                continue
            local, target = fwd.groups()
            remote = next((r for lp, r in specs if (r if lp is None else lp) == local), None)
            if remote is None and len(specs) == 1 and specs[0][0] == "":
                remote = specs[0][1]  # `:REMOTE` lets kubectl pick the local port
            if remote is None or remote == target:
                continue
            on_target = re.compile(rf"(?:127\.0\.0\.1|localhost|\[::1\]):{target}(?!\d)|forwarding port {target}(?!\d)")
            refused = next((later for later in seg.lines[i + 1:]
                            if "connection refused" in later.lower() and on_target.search(later)), None)
            if refused is not None:
                yield "service_port_mismatch", 0.57, [line, refused]
                break


# ----------------------------------------------------------------------------------------------------------------------
# Evidence of absence: a listing of a controller's namespace without the controller
# ----------------------------------------------------------------------------------------------------------------------

# The namespace and the pod-name prefix of each controller in its install manifests (argo-rollouts
# manifests/install.yaml, argo-cd manifests/install.yaml, ingress-nginx deploy/static/provider/*/deploy.yaml).
CONTROLLER_NAMESPACES = {
    "argo-rollouts": ("argo-rollouts", "rollouts_controller_down"),
    "argocd": ("argocd-server", "argocd_server_crash"),
    "ingress-nginx": ("ingress-nginx-controller", "ingress_controller_missing"),
}
_LISTED = {"pods", "pod", "po", "all", "deployments", "deployment", "deploy"}


def _listing_namespace(command: str | None) -> str | None:
    """The namespace a `kubectl get pods|deployments|all -n NS` lists, else None."""
    if not command or " get " not in f" {command} " or not any(ns in command for ns in CONTROLLER_NAMESPACES):
        return None
    from ..grammar import parse_argv
    from ..shell import parse_shell

    commands = parse_shell(command).commands
    parsed = parse_argv(commands[0].argv)[0] if commands else None
    if parsed is None or parsed.path != ("get",) or not set(parsed.positionals[:1]) & _LISTED:
        return None
    namespace = (parsed.flags.get("namespace") or [None])[-1]
    return namespace if namespace in CONTROLLER_NAMESPACES else None


def controller_absent(seg: Segment) -> Iterator[Hit]:
    namespace = _listing_namespace(seg.command)
    if namespace is None:
        return
    prefix, cause = CONTROLLER_NAMESPACES[namespace]
    empty = next((line for line in seg.lines if line.startswith("No resources found")), None)
    if empty is not None:
        yield cause, 0.7, [empty]
    elif seg.kind == "table":
        rows = [line for line in seg.lines[1:] if line.strip()]
        if rows and not any(prefix in row.split()[0] for row in rows):
            yield cause, 0.6, [seg.lines[0], *rows[:2]]
