"""The generated grammars (``rbkb/data/grammar/*.json``) loaded once and indexed for lookups."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

# The package's data folder (importlib.resources would import zipfile: a third of a one-command check)
_DATA = Path(__file__).resolve().parent.parent / "data" / "grammar"

# Flags cobra adds to every command; they are not listed in the generated references.
_HELP = {"type": "bool", "shorthand": "h", "default": False}


def _read(name: str) -> Any:
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Flag:
    name: str
    type: str
    shorthand: str = ""
    enum: frozenset[str] | None = None
    enum_accepts_bool: bool = False
    optional_value: bool = False  # pflag NoOptDefVal: may be given without a value

    @property
    def needs_value(self) -> bool:
        """True when ``--flag`` alone consumes the next word as its value."""
        return not (self.type in ("bool", "count") or self.optional_value)


def _flag(name: str, d: dict[str, Any]) -> Flag:
    enum = d.get("enum")
    return Flag(
        name=name,
        type=d["type"],
        shorthand=d.get("shorthand", ""),
        enum=frozenset(enum) if enum else None,
        enum_accepts_bool=bool(d.get("enum_accepts_bool")),
        optional_value=bool(d.get("optional_value")),
    )


@dataclass(slots=True)
class Command:
    tool: str
    prefix: str  # how the tool is typed, e.g. "kubectl argo rollouts"
    path: tuple[str, ...]
    aliases: tuple[str, ...]
    usage: str
    children: dict[str, str]  # name or alias -> canonical child name
    local: dict[str, Flag]
    required_flags: tuple[str, ...]
    args: dict[str, Any]
    completion_args: tuple[str, ...]
    long: dict[str, Flag] = field(default_factory=dict)  # every flag this command accepts
    short: dict[str, Flag] = field(default_factory=dict)

    @property
    def display(self) -> str:
        return " ".join((self.prefix, *self.path))

    @property
    def is_group(self) -> bool:
        return bool(self.children)


@dataclass(slots=True)
class Grammar:
    tool: str
    display: str
    commands: dict[tuple[str, ...], Command]
    global_flags: dict[str, Flag]
    flag_owners: dict[str, tuple[tuple[str, ...], ...]]  # long flag name -> commands that have it locally
    normalise_underscores: bool = False  # kubectl reads --all_namespaces as --all-namespaces

    @property
    def root(self) -> Command:
        return self.commands[()]


def _build(tool: str, file: str, display: str) -> Grammar:
    data = _read(file)
    gflags = {n: _flag(n, d) for n, d in data["global_flags"].items()}
    gflags.setdefault("help", _flag("help", _HELP))
    commands: dict[tuple[str, ...], Command] = {}
    owners: dict[str, list[tuple[str, ...]]] = {}
    for key, c in data["commands"].items():
        path = tuple(key.split()) if key else ()
        local = {n: _flag(n, d) for n, d in c["flags"].items()}
        inherited = {n: _flag(n, d) for n, d in c.get("inherited_flags", {}).items()}
        for n in local:
            owners.setdefault(n, []).append(path)
        long = {**gflags, **inherited, **local}
        short = {f.shorthand: f for f in long.values() if f.shorthand}
        commands[path] = Command(
            tool=tool,
            prefix=display,
            path=path,
            aliases=tuple(c.get("aliases", ())),
            usage=c.get("usage", ""),
            children={},
            local=local,
            required_flags=tuple(c.get("required_flags", ())),
            args=c.get("args", {}),
            completion_args=tuple(c.get("completion_args", ())),
            long=long,
            short=short,
        )
    if ("help",) not in commands:
        # cobra adds "help [command]" to every root command; the generated references omit it
        commands[("help",)] = Command(tool, display, ("help",), (), f"{display} help [command]", {}, {}, (),
                                      {"takes_args": True, "min": 0, "curated": True}, (),
                                      long=dict(gflags), short={f.shorthand: f for f in gflags.values() if f.shorthand})
    for path, cmd in commands.items():
        if not path:
            continue
        parent = commands.get(path[:-1])
        if parent is None:
            continue
        parent.children[path[-1]] = path[-1]
        for a in cmd.aliases:
            parent.children.setdefault(a, path[-1])
    return Grammar(tool, display, commands, gflags, {n: tuple(p) for n, p in owners.items()})


@cache
def load_grammar(tool: str, file: str, display: str, normalise_underscores: bool = False) -> Grammar:
    """One tool's grammar, read from its JSON file the first time it is needed."""
    g = _build(tool, file, display)
    g.normalise_underscores = normalise_underscores
    return g


def grammar(tool: str) -> Grammar:
    """The grammar of a registered tool (``kubectl``, ``argocd``, ``argo-rollouts``, ``helm``, ``kustomize``)."""
    from ..tools import get

    return get(tool).grammar()


# ---------------------------------------------------------------------------
# resource types


@dataclass(frozen=True, slots=True)
class Resource:
    plural: str
    singular: str
    short_names: tuple[str, ...]
    group: str
    kind: str
    namespaced: bool


@dataclass(slots=True)
class ResourceIndex:
    by_name: dict[str, tuple[Resource, ...]]  # lower-case plural, singular, short name or kind
    categories: frozenset[str]
    groups: frozenset[str]

    def lookup(self, word: str) -> tuple[Resource, ...] | None:
        """Resources a TYPE word can mean (``pods``, ``po``, ``Pod``, ``rollouts.argoproj.io``,
        ``deployments.v1.apps``); ``()`` for a category such as ``all``; None when unknown."""
        w = word.lower()
        if w in self.categories:
            return ()
        if w in self.by_name:
            return self.by_name[w]
        if "." in w:
            name, rest = w.split(".", 1)
            cands = self.by_name.get(name)
            # resource.group or resource.version.group (kubectl tries both readings)
            groups = {rest}
            if "." in rest:
                groups.add(rest.split(".", 1)[1])
            elif rest.startswith("v") and rest[1:2].isdigit():
                groups.add("")  # resource.version of the core group, e.g. pods.v1
            if cands:
                hit = tuple(r for r in cands if r.group in groups)
                if hit:
                    return hit
            if not (groups & self.groups) and any("." in g for g in groups):
                # an API group (a DNS name) this platform does not know about: a CRD we cannot verify
                return ()
        return None

    def names(self) -> list[str]:
        return sorted(self.by_name)


@cache
def resource_index() -> ResourceIndex:
    data = _read("resources.json")
    by_name: dict[str, list[Resource]] = {}
    cats: set[str] = set()
    groups: set[str] = set()
    # built-in kinds first, then Argo's, then other custom resources: the first meaning of a shared short name wins
    for r in sorted(data["resources"], key=lambda r: r.get("rank", 2)):
        res = Resource(r["plural"], r["singular"], tuple(r["short_names"]), r["group"], r["kind"], r["namespaced"])
        groups.add(res.group)
        cats.update(r.get("categories", ()))
        for n in {res.plural, res.singular, res.kind.lower(), *res.short_names}:
            lst = by_name.setdefault(n.lower(), [])
            if res not in lst:
                lst.append(res)
    return ResourceIndex({k: tuple(v) for k, v in by_name.items()}, frozenset(cats), frozenset(groups))
