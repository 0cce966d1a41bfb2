"""kubectl's positional arguments: resource types, names and the checks kubectl makes on them.

kubectl validates positional arguments in each command's own code, not in cobra, so the help
output does not describe them fully.  The rules here restate what the commands check (the
messages quoted are the real kubectl v1.32 ones); most are checked by kubectl before it
contacts a server, the resource-type checks (RB205, RB207) only once it has one.
"""

from __future__ import annotations

import difflib
import re

from ..grammar.checker import GrammarFinding, ParsedCommand, is_placeholder
from ..grammar.model import grammar, resource_index

F = GrammarFinding
# A word kubectl could send to the server as a resource type: RESOURCE, RESOURCE.GROUP or RESOURCE.VERSION.GROUP
_WELL_FORMED_TYPE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")
_TYPO_CUTOFF = 0.8  # this close to a known type, an unknown word is a misspelling rather than a custom resource

_ROLLOUT_SUBS = {"history", "pause", "restart", "resume", "status", "undo"}
# commands taking (POD | TYPE/NAME); supported workload kinds come from kubectl's own
# completion list (kubectl __complete logs '' -> pods/, deployments/, ...), in kubectl.json
_POD_CMDS = {("logs",), ("exec",), ("attach",), ("port-forward",)}


_ROLLOUT_HINTS = {
    ("rollout", "restart"): '; use "kubectl argo rollouts restart NAME"',
    ("rollout", "status"): '; use "kubectl argo rollouts status NAME"',
    ("rollout", "undo"): '; use "kubectl argo rollouts undo NAME"',
    ("rollout", "pause"): '; use "kubectl argo rollouts pause NAME"',
    ("rollout", "resume"): '; use "kubectl argo rollouts promote NAME"',
    ("rollout", "history"): '; use "kubectl argo rollouts get rollout NAME"',
    ("set", "image"): '; use "kubectl argo rollouts set image NAME CONTAINER=IMAGE"',
    ("logs",): "; target the rollout's pods (pod/NAME or -l SELECTOR)",
    ("exec",): "; target one of the rollout's pods (pod/NAME)",
    ("attach",): "; target one of the rollout's pods (pod/NAME)",
    ("port-forward",): "; forward to the rollout's Service or one of its pods",
    ("autoscale",): "; write a HorizontalPodAutoscaler whose scaleTargetRef is the Rollout",
    ("expose",): "; write a Service that selects the rollout's pods",
}


def _type_finding(word: str) -> F | None:
    """For a resource type word (one element of TYPE, TYPE1,TYPE2 or TYPE/NAME) that is not known: RB205 when it
    is malformed or a misspelling of a known type, RB208 (a warning) when it may be a custom resource the cluster
    serves, because only the API server can tell."""
    if not word or is_placeholder(word):
        return None
    idx = resource_index()
    if idx.lookup(word) is not None:
        return None
    known = idx.names() + sorted(idx.categories)
    name, _, group = word.lower().partition(".")
    typo = difflib.get_close_matches(name, known, n=1, cutoff=_TYPO_CUTOFF)
    # every resource of a group rbkb knows is known: an unknown name in it is a mistake, not a custom resource
    known_group = bool(group) and (group in idx.groups or group.partition(".")[2] in idx.groups)
    if _WELL_FORMED_TYPE.fullmatch(word) and not typo and not known_group:
        return F("RB208", f'resource type "{word}" is not one rbkb knows; the API server decides whether it exists '
                 "(a custom resource needs its CRD installed)", "warning")
    sugg = typo or difflib.get_close_matches(name, known, n=1, cutoff=0.7)
    hint = f' (did you mean "{sugg[0]}"?)' if sugg else ""
    return F("RB205", f'unknown resource type "{word}"{hint}')


def _resolve_plurals(word: str) -> set[str] | None:
    res = resource_index().lookup(word)
    if res is None:
        return None
    return {r.plural for r in res}


def _supported(cmd_path: tuple[str, ...], type_word: str, display: str, out: list[F]) -> None:
    """RB207 when kubectl resolves the type but this command cannot handle it."""
    if is_placeholder(type_word):
        return
    cmd = grammar("kubectl").commands[cmd_path]
    allowed = {a.rstrip("/") for a in cmd.completion_args}
    if not allowed:
        return
    allowed_plurals: set[str] = set()
    for a in allowed:
        allowed_plurals |= _resolve_plurals(a) or set()
    got = _resolve_plurals(type_word)
    if not got or (got & allowed_plurals):
        return
    plural = sorted(got)[0]
    hint = ""
    if plural == "rollouts":
        hint = _ROLLOUT_HINTS.get(cmd_path, "")
    out.append(F(
        "RB207",
        f'"{display}" does not support {plural} (supported: {", ".join(sorted(allowed_plurals))}){hint}',
    ))


def _resources(
    words: list[str], out: list[F], *, display: str, support: tuple[str, ...] | None = None
) -> tuple[int, int]:
    """Check TYPE [NAME...] | TYPE/NAME... ; return (number of types given, number of names)."""
    if not words:
        return 0, 0
    slash = [w for w in words if "/" in w and not is_placeholder(w.split("/", 1)[0])]
    if any("/" in w for w in words):
        if len(slash) != len(words) and not any(is_placeholder(w) for w in words):
            out.append(F(
                "RB206",
                f'"{display}": there is no need to specify a resource type as a separate argument when passing '
                "arguments in resource/name form (write TYPE/NAME for every argument, or TYPE NAME...)",
            ))
            return 1, len(words)
        for w in words:
            t = w.split("/", 1)[0]
            f = _type_finding(t)
            if f:
                out.append(f)
            elif support:
                _supported(support, t, display, out)
        return len(words), len(words)
    types = words[0]
    for t in types.split(","):
        f = _type_finding(t)
        if f:
            out.append(f)
        elif support:
            _supported(support, t, display, out)
    return 1, len(words) - 1


def _has_file(p: ParsedCommand) -> bool:
    return p.has("filename", "kustomize")


def check_kubectl_args(p: ParsedCommand) -> list[F]:
    cmd = p.command
    if cmd is None:
        return []
    path = cmd.path
    display = cmd.display
    out: list[F] = []
    pos = p.positionals
    unsure = p.uncertain
    n = len(pos)
    head = path[:1]

    def need(cond: bool, message: str) -> None:
        if not cond and not unsure:
            out.append(F("RB204", message))

    def extra(max_n: int, what: str = "") -> None:
        if n > max_n and not unsure:
            word = pos[max_n]
            out.append(F("RB206", f'unexpected argument "{word}" for "{display}"{what}'))

    if path in (("get",), ("describe",)):
        need(n > 0 or _has_file(p) or p.has("raw"),
             f'missing resource type for "{display}" (TYPE, TYPE NAME, TYPE/NAME or -f FILE)')
        _resources(pos, out, display=display)
    elif path == ("delete",):
        need(n > 0 or _has_file(p),
             f'missing resource for "{display}" (TYPE NAME, TYPE/NAME, TYPE -l SELECTOR or -f FILE)')
        types, names = _resources(pos, out, display=display)
        selecting = p.has("selector", "all", "field-selector")
        if types and not names and not selecting and not any("/" in w for w in pos) and not unsure:
            out.append(F("RB204", f'"{display} {pos[0]}" names no object: give NAME, -l SELECTOR or --all'))
        if names and p.has("selector", "all") and not unsure:
            out.append(F("RB206", f'"{display}": name cannot be provided when a selector (-l or --all) is given'))
    elif path in (("autoscale",), ("expose",)):
        need(n > 0 or _has_file(p), f'missing resource for "{display}" (TYPE NAME, TYPE/NAME or -f FILE)')
        _resources(pos, out, display=display, support=path)
    elif path in (("edit",), ("scale",), ("apply", "view-last-applied"),
                  ("apply", "edit-last-applied"), ("set", "resources"), ("set", "selector"),
                  ("set", "serviceaccount"), ("set", "subject")):
        need(n > 0 or _has_file(p) or p.has("selector", "all"),
             f'missing resource for "{display}" (TYPE NAME, TYPE/NAME or -f FILE)')
        words = pos
        if path in (("set", "selector"), ("set", "serviceaccount")) and n:
            words = pos[:-1]  # the last argument is the selector / service account name
        _resources(words, out, display=display)
    elif path == ("patch",):
        need(n > 0 or _has_file(p), f'missing resource for "{display}" (TYPE NAME, TYPE/NAME or -f FILE)')
        need(p.has("patch", "patch-file"), f'"{display}" needs --patch/-p or --patch-file')
        _resources(pos, out, display=display)
    elif path in (("label",), ("annotate",)):
        updates = [w for w in pos if "=" in w or (w.endswith("-") and not is_placeholder(w))]
        res = [w for w in pos if w not in updates]
        need(bool(res) or _has_file(p) or p.has("all", "selector"),
             f'missing resource for "{display}" (TYPE NAME KEY=VAL, TYPE/NAME KEY=VAL or -f FILE KEY=VAL)')
        need(bool(updates) or p.has("list") or any(is_placeholder(w) for w in pos),
             f'"{display}" needs at least one KEY=VALUE (or KEY-) update')
        _resources(res, out, display=display)
    elif path == ("set", "image"):
        updates = [w for w in pos if "=" in w]
        res = [w for w in pos if w not in updates]
        need(bool(res) or _has_file(p) or p.has("all", "selector"),
             f'missing resource for "{display}" (TYPE NAME or TYPE/NAME)')
        need(bool(updates) or any(is_placeholder(w) for w in pos),
             f'"{display}" needs at least one CONTAINER=IMAGE update')
        _resources(res, out, display=display, support=path)
    elif path == ("set", "env"):
        res = [w for w in pos if "=" not in w and not w.endswith("-")]
        need(bool(res) or _has_file(p) or p.has("all", "selector"), f'missing resource for "{display}"')
        _resources(res, out, display=display)
    elif head == ("rollout",) and len(path) == 2 and path[1] in _ROLLOUT_SUBS:
        need(n > 0 or _has_file(p), f'missing resource for "{display}" (TYPE NAME or TYPE/NAME; kubectl: '
             '"required resource not specified")')
        _resources(pos, out, display=display, support=path)
    elif path == ("wait",):
        need(p.has("for"), f'"{display}" needs --for (condition=..., delete, create or jsonpath=...)')
        need(n > 0 or _has_file(p), f'missing resource for "{display}" (TYPE/NAME, TYPE -l SELECTOR or -f FILE)')
        _resources(pos, out, display=display)
    elif path == ("logs",):
        if p.has("selector"):
            extra(0, " (kubectl: only a selector (-l) or a POD name is allowed)")
        else:
            need(n > 0, f'"{display}" needs a pod (POD or TYPE/NAME) or a -l selector')
            extra(2, " (usage: kubectl logs (POD | TYPE/NAME) [CONTAINER])")
        if n and "/" in pos[0]:
            _resources(pos[:1], out, display=display, support=path)
    elif path == ("exec",):
        need(n > 0 or _has_file(p), f'"{display}" needs a pod (POD or TYPE/NAME)')
        if n > 1 and not unsure:
            out.append(F("RB206", f'unexpected argument "{pos[1]}" for "{display}": put the command after "--" '
                         "(kubectl: exec [POD] [COMMAND] is not supported anymore)"))
        elif n <= 1:
            need(bool(p.dash_args), f'"{display}" needs a command after "--" (kubectl exec POD -- COMMAND)')
        if n and "/" in pos[0]:
            _resources(pos[:1], out, display=display, support=path)
    elif path == ("attach",):
        need(n > 0 or _has_file(p), f'"{display}" needs a pod (POD or TYPE/NAME)')
        extra(1)
        if n and "/" in pos[0]:
            _resources(pos[:1], out, display=display, support=path)
    elif path == ("port-forward",):
        need(n >= 2, f'"{display}" needs TYPE/NAME (or POD) and at least one port ([LOCAL_PORT:]REMOTE_PORT)')
        if n and "/" in pos[0]:
            _resources(pos[:1], out, display=display, support=path)
    elif path == ("debug",):
        if n and "/" in pos[0]:
            _resources(pos[:1], out, display=display)
    elif path in (("top", "pod"), ("top", "node")):
        extra(1)
        if n == 1 and p.has("selector") and not unsure:
            out.append(F("RB206", f'"{display}": only one of NAME or --selector can be given'))
    elif path in (("cordon",), ("uncordon",), ("drain",)):
        need(n > 0 or p.has("selector"), f'"{display}" needs a NODE name (or -l selector)')
    elif path == ("taint",):
        need(n > 0 or p.has("all", "selector"), f'"{display}" needs: node NAME KEY=VAL:EFFECT')
        if n:
            _resources(pos[:1], out, display=display)
    elif path == ("events",):
        for_value = p.value("for")
        if for_value and "/" in for_value:
            f = _type_finding(for_value.split("/", 1)[0])
            if f:
                out.append(f)
    elif path == ("explain",):
        need(n > 0, f'"{display}" needs a resource type (TYPE or TYPE.field.path)')
        extra(1)
        if n:
            t = pos[0].split(".", 1)[0]
            f = _type_finding(t)
            if f:
                out.append(f)
    elif path == ("auth", "can-i"):
        listing = p.has("list") and (p.value("list") or "true").lower() not in ("false", "0", "f")
        need(n >= 2 or listing, f'"{display}" needs VERB and TYPE (or TYPE/NAME, or --list)')
        if listing and n and not unsure:
            out.append(F("RB206", f'unexpected argument "{pos[0]}" for "{display} --list" (kubectl: "list option '
                         'must be specified with no arguments")'))
        extra(3)
    elif path == ("cp",):
        need(n >= 2, f'"{display}" needs a source and a destination')
        extra(2)
    elif path == ("completion",):
        need(n > 0, f'"{display}" needs a shell ({", ".join(cmd.completion_args)})')
        extra(1)
        if n and not is_placeholder(pos[0]) and pos[0] not in cmd.completion_args:
            shells = ", ".join(cmd.completion_args)
            out.append(F("RB203", f'unsupported shell "{pos[0]}" for "{display}" (one of: {shells})'))
    elif path in (("version",), ("api-resources",), ("api-versions",), ("config", "view"),
                  ("apply", "set-last-applied"), ("auth", "reconcile"), ("replace",), ("diff",)):
        if not (path == ("version",) and p.has("client")):  # kubectl version --client ignores arguments
            extra(0)
        if path in (("replace",), ("diff",), ("apply", "set-last-applied"), ("auth", "reconcile")):
            need(_has_file(p), f'"{display}" needs -f FILE (or -k DIR)')
    elif path in (("apply",), ("create",)):
        if n and not unsure:
            word = pos[0]
            sugg = difflib.get_close_matches(word, sorted(cmd.children), n=1, cutoff=0.6)
            if sugg:
                out.append(F("RB201", f'unknown command "{word}" for "{display}" (did you mean "{sugg[0]}"?)'))
            else:
                out.append(F("RB206", f'unexpected argument "{word}" for "{display}" (kubectl: "Unexpected args")'))
        need(_has_file(p) or (path == ("create",) and p.has("raw")), f'"{display}" needs -f FILE (or -k DIR)')
    elif path == ("run",) or (head == ("create",) and len(path) >= 2 and not cmd.is_group):
        need(n > 0, f'"{display}" needs a NAME')
        if path != ("run",):
            extra(1)
    elif head == ("config",) and len(path) == 2:
        least = int(cmd.args.get("min", 0))
        need(n >= least, f'"{display}" needs {least} argument(s) (usage: {cmd.usage})')
    return out
