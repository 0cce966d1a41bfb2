#!/usr/bin/env python3
"""Generate the command grammars used by ``rbkb.grammar``.

Sub-commands (each writes one file under ``src/rbkb/data/grammar/``):

``kubectl``
    Walks the real ``kubectl`` (``kubectl <path> --help`` for every sub-command,
    ``kubectl options`` for the global flags) with ``KUBECONFIG=/dev/null``, so it
    never contacts a cluster.  Help output does not show flag types, so each
    flag's type is derived from its printed default and then confirmed by asking
    kubectl's own flag parser (``kubectl <path> --help --flag=5q``: the parse
    error names the Go parser, e.g. ``strconv.ParseInt``).  Whether a non-bool
    flag may be given without a value (pflag ``NoOptDefVal``, e.g.
    ``--dry-run``) is probed with ``kubectl <path> --help --flag``.  Required
    flags and static argument completions come from cobra's completion
    machinery (``kubectl __complete <path> ''``), which lists unset required
    flags and never runs the command.  Output: ``kubectl.json``.
``argocd`` / ``argo-rollouts``
    Parses the official generated CLI reference Markdown in
    ``<shared>/reference/argocd-cli`` and ``<shared>/reference/argo-rollouts-cli``
    (usage line, options with pflag type names, inherited options).
    Output: ``argocd.json`` / ``argo-rollouts.json``.
``resources``
    Resource types: built-in kinds (table below, from the kubectl reference),
    the Argo CRDs read from ``<shared>/reference/crds``, and prometheus-operator
    and Gateway API CRD names (table below, each with its upstream source).
    Output: ``resources.json``.
``all``
    All of the above.

``--check`` regenerates in memory and exits 1 if a stored file differs (the
tests use the same functions).  Output is deterministic: sorted keys, no
timestamps, machine paths replaced by ``$HOME``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "src" / "rbkb" / "data" / "grammar"
DEFAULT_SHARED = REPO.parent / "shared"

GENERATOR = "scripts/gen_grammar.py"


# ---------------------------------------------------------------------------
# helpers


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _join_desc(lines: list[str]) -> str:
    return " ".join(x.strip() for x in lines if x.strip())


# Enumerations that help texts spell out.  Each pattern yields the list text.
_ENUM_PATTERNS = [
    # kubectl: "One of: (json, yaml, name)." / "One of (none|cpu|heap)"
    re.compile(r"\bOne of:? \(([^)]*)\)"),
    # argocd: "One of: json|yaml|wide|tree"
    re.compile(r"\bOne of:? ((?:[\w.-]+\|)+[\w.-]+)"),
    # argocd: "(possible values: gzip, none)"
    re.compile(r"\(possible values: ([^)]*)\)"),
    # kubectl: 'Must be "none", "server", or "client".' / 'Options are "legacy", ...'
    re.compile(r'\b(?:Must be|Options are)\s+((?:"[^"]+"[,\s]*(?:or\s+)?)+)'),
    # kubectl: "Must be one of (yaml, json)" / "Valid values are: (plaintext, plaintext-openapiv2)"
    re.compile(r"\b(?:Must be one of|Valid values are):? \(([^)]*)\)"),
    # kubectl apply --validate: "Must be one of: strict (or true), warn, ignore (or false)."
    re.compile(r"\bMust be one of: ([^.]*)\."),
    # kubectl patch --type: "one of [json merge strategic]"
    re.compile(r"\bone of \[([^\]]*)\]"),
    # kubectl version -o: "One of 'yaml' or 'json'." / top --sort-by: "can be either 'cpu' or 'memory'"
    re.compile(r"\b(?:One of|can be either) ((?:'[^']+'(?:,\s*|\s+or\s+)?)+)"),
]


def parse_enum(desc: str) -> list[str] | None:
    for pat in _ENUM_PATTERNS:
        m = pat.search(desc)
        if not m:
            continue
        text = m.group(1)
        if '"' in text:
            vals = re.findall(r'"([^"]+)"', text)
        elif "'" in text:
            vals = re.findall(r"'([^']+)'", text)
        else:
            vals = [v for v in re.split(r"[|,\s()]+", text) if v and v != "or"]
        vals = [v for v in vals if v and re.fullmatch(r"[\w.=-]+", v)]
        if len(vals) >= 2:
            return sorted(set(vals))
    return None


# ---------------------------------------------------------------------------
# kubectl


class Kubectl:
    """Runs the real kubectl with an empty kubeconfig and a throw-away HOME."""

    def __init__(self, binary: str = "kubectl", workers: int = 8):
        self.binary = binary
        self.workers = workers
        self.home = tempfile.mkdtemp(prefix="rbkb-gen-home-")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "KUBECONFIG": "/dev/null",
            "LANG": "C",
            "LC_ALL": "C",
        }

    def close(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)

    def run(self, args: list[str]) -> tuple[int, str, str]:
        r = subprocess.run(
            [self.binary, *args], capture_output=True, text=True, env=self.env, timeout=60, cwd=self.home
        )
        return r.returncode, r.stdout, r.stderr

    def unhome(self, s: str) -> str:
        return s.replace(self.home, "$HOME")


_SECTION = re.compile(r"^([A-Z][A-Za-z ()]*):\s*$")
_KFLAG = re.compile(r"^\s{4}(?:-(\S), )?--([A-Za-z0-9][\w.-]*)=(.*):$")


def split_sections(text: str) -> dict[str, list[str]]:
    secs: dict[str, list[str]] = {"_desc": []}
    cur = "_desc"
    for line in text.splitlines():
        m = _SECTION.match(line)
        if m:
            cur = m.group(1)
            secs.setdefault(cur, [])
            continue
        secs[cur].append(line)
    return secs


def parse_kubectl_flags(lines: list[str]) -> dict[str, dict[str, Any]]:
    flags: dict[str, dict[str, Any]] = {}
    cur: dict[str, Any] | None = None
    for line in lines:
        m = _KFLAG.match(line)
        if m:
            short, name, raw = m.groups()
            cur = {"name": name, "shorthand": short or "", "raw_default": raw, "desc": []}
            flags[name] = cur
        elif cur is not None and line.startswith("\t"):
            cur["desc"].append(line)
    for f in flags.values():
        f["desc"] = _join_desc(f["desc"])
    return flags


def _first_block(lines: list[str]) -> str:
    out = []
    for line in lines:
        if not line.strip():
            if out:
                break
            continue
        out.append(line.strip())
    return " ".join(out)


def infer_kubectl_type(raw: str) -> tuple[str, Any]:
    """Type guess and default from the help's ``--flag=DEFAULT`` text."""
    if raw in ("true", "false"):
        return "bool", raw == "true"
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1]
        return "stringArray", [x for x in inner.split(",") if x] if inner else []
    if len(raw) >= 2 and raw[0] == "'" and raw[-1] == "'":
        return "string", raw[1:-1]
    return "?", raw


_PARSER_TYPES = [
    ("strconv.ParseBool", "bool"),
    ("strconv.ParseUint", "uint"),
    ("strconv.ParseInt", "int"),
    ("strconv.ParseFloat", "float"),
    ("time: ", "duration"),
    ("must be formatted as key=value", "stringToString"),
]


def _parser_type(stderr: str) -> str | None:
    for needle, typ in _PARSER_TYPES:
        if needle in stderr:
            return typ
    return None


def _min_required(tokens: list[str]) -> int:
    """Minimum number of positional words a usage fragment needs.

    ``[...]`` is optional, ``(A | B)`` needs the cheaper alternative, an alternative made
    only of flags (``-f FILENAME``) needs none, upper-case words and ``<x>`` need one each.
    """
    pos = 0

    def seq(stop: set[str]) -> list[int]:
        nonlocal pos
        alts = [0]
        prev_flag = False
        while pos < len(tokens) and tokens[pos] not in stop:
            t = tokens[pos]
            pos += 1
            if t == "[":
                seq({"]"})
                pos += 1
                prev_flag = False
            elif t == "(":
                inner = seq({")"})
                pos += 1
                alts[-1] += min(inner)
                prev_flag = False
            elif t == "|":
                alts.append(0)
                prev_flag = False
            elif t.startswith("-"):
                prev_flag = "=" not in t
            elif prev_flag:
                prev_flag = False  # the flag's value, e.g. "-f FILENAME"
            elif re.fullmatch(r"[A-Z][A-Z0-9_]*(?:[/.:=][A-Za-z0-9_\[\]./:=]*)?", t) or t.startswith("<"):
                alts[-1] += 1
        return alts

    return min(seq(set()))


def kubectl_usage_args(path: str, usage: str) -> dict[str, Any]:
    """Rough positional-argument shape from a kubectl usage line."""
    u = usage
    prefix = "kubectl " + path if path else "kubectl"
    if u.startswith(prefix):
        u = u[len(prefix):]
    u = u.split(" -- ")[0]
    u = re.sub(r"\[(?:options|flags)\]", " ", u)
    u = re.sub(r"\(-o\|--output=\)\S+", " ", u)
    tokens = re.findall(r"[\[\]()|]|[^\s\[\]()|]+", u)
    words = [t for t in tokens if re.fullmatch(r"[A-Z][A-Z0-9_]*.*|<[^>]+>|resource\.\S+", t)]
    return {
        "takes_args": bool(words) or "SUBCOMMAND" in usage,
        "min": 0 if "SUBCOMMAND" in usage else _min_required(tokens),
    }


# kubectl parses these with strconv.ParseBool first and accepts a boolean as a
# deprecated spelling (--dry-run=true, --cascade=false, --validate=true); the
# help text does not say so.  Verified with the real kubectl against a
# refusing server: "--dry-run=true is deprecated (boolean value)".
ENUM_ALSO_BOOL = {"dry-run", "cascade", "validate"}
HIDDEN_CANDIDATES = ["record"]


def gen_kubectl(binary: str = "kubectl", workers: int = 8) -> dict[str, Any]:
    k = Kubectl(binary, workers)
    try:
        return _gen_kubectl(k)
    finally:
        k.close()


def _gen_kubectl(k: Kubectl) -> dict[str, Any]:
    rc, out, err = k.run(["version", "--client"])
    version_lines = [x.strip() for x in out.splitlines() if x.strip()]

    # global flags
    rc, out, err = k.run(["options"])
    gflags = parse_kubectl_flags(out.splitlines())

    # command tree, one level at a time (the help runs of a level in parallel)
    commands: dict[str, dict[str, Any]] = {}
    extra_roots = ["options", "help"]  # real commands the root help does not list

    def describe(path: list[str]) -> tuple[list[str], dict[str, Any]]:
        rc, out, err = k.run([*path, "--help"])
        if rc != 0:
            raise RuntimeError(f"kubectl {' '.join(path)} --help failed: {err}")
        secs = split_sections(out)
        subs: list[str] = []
        for name, lines in secs.items():
            if "Commands" in name:
                for line in lines:
                    m = re.match(r"^  (\S+)\s{2,}", line)
                    if m:
                        subs.append(m.group(1))
        if not path:
            subs += extra_roots
        usage = _first_block(secs.get("Usage", []))
        aliases_line = _first_block(secs.get("Aliases", []))
        aliases = [a.strip() for a in aliases_line.split(",") if a.strip()]
        name = path[-1] if path else "kubectl"
        aliases = [a for a in aliases if a != name]
        key = " ".join(path)
        cmd: dict[str, Any] = {
            "aliases": sorted(aliases),
            "usage": usage,
            "short": _first_block(secs["_desc"]),
            "subcommands": sorted(subs),
            "flags": parse_kubectl_flags(secs.get("Options", [])),
            "args": kubectl_usage_args(key, usage),
        }
        desc_all = "\n".join(secs["_desc"])
        m = re.search(r"Valid resource types include:\s*\n((?:\s*\*\s+\S+\s*\n)+)", desc_all + "\n")
        if m:
            cmd["valid_resource_types"] = sorted(re.findall(r"\*\s+(\S+)", m.group(1)))
        return path, cmd

    level: list[list[str]] = [[]]
    with concurrent.futures.ThreadPoolExecutor(max_workers=k.workers) as ex:
        while level:
            nxt: list[list[str]] = []
            for path, cmd in ex.map(describe, level):
                commands[" ".join(path)] = cmd
                nxt.extend([*path, s] for s in cmd["subcommands"])
            level = nxt

    # --- probes -----------------------------------------------------------
    # Quoted-string and bool flags are probed once per distinct definition (same
    # name, shorthand, printed default and description): kubectl reuses the same
    # flag helpers across many commands.  List and unquoted defaults are probed
    # per command: the same help text can hide different Go types (run --env is a
    # stringArray, debug --env a stringToString).
    GLOBAL = "<global>"

    def sig_of(key: str, f: dict[str, Any]) -> tuple:
        typ, _ = infer_kubectl_type(f["raw_default"])
        owner = key if typ in ("stringArray", "?") else ""
        return (f["name"], f["shorthand"], f["raw_default"], f["desc"], owner)

    probe_cmd: dict[tuple, list[str]] = {}
    for key, cmd in commands.items():
        for f in cmd["flags"].values():
            probe_cmd.setdefault(sig_of(key, f), key.split() if key else [])
    for f in gflags.values():
        probe_cmd.setdefault(sig_of(GLOBAL, f), ["version"])

    def probe(sig: tuple) -> tuple[tuple, dict[str, Any]]:
        name, _short, raw, _desc, _owner = sig
        path = probe_cmd[sig]
        typ, _default = infer_kubectl_type(raw)
        res: dict[str, Any] = {}
        if typ == "bool":
            res["type"] = "bool"
            return sig, res
        if typ == "stringArray":
            rc, _o, e = k.run([*path, "--help", f"--{name}=5q"])
            res["type"] = "stringToString" if rc != 0 and "key=value" in e else "stringArray"
        elif typ == "string":
            res["type"] = "string"
        else:
            rc, _o, e = k.run([*path, "--help", f"--{name}=5q"])
            if rc == 0:
                res["type"] = "string"
            else:
                t = _parser_type(e)
                if t is None:
                    rc2, _o2, _e2 = k.run([*path, "--help", f"--{name}=5s"])
                    t = "duration" if rc2 == 0 and re.fullmatch(r"[\dhms.]+", raw) else "string"
                    if t == "string":
                        res["validated"] = True
                res["type"] = t
        rc, _o, e = k.run([*path, "--help", f"--{name}"])
        res["optional_value"] = rc == 0
        return sig, res

    with concurrent.futures.ThreadPoolExecutor(max_workers=k.workers) as ex:
        probed = dict(ex.map(probe, sorted(probe_cmd)))

    def finish(key: str, f: dict[str, Any]) -> dict[str, Any]:
        p = probed[sig_of(key, f)]
        typ, default = infer_kubectl_type(f["raw_default"])
        if typ == "?":
            default = f["raw_default"]
        out: dict[str, Any] = {"type": p["type"]}
        if f["shorthand"]:
            out["shorthand"] = f["shorthand"]
        if isinstance(default, str):
            default = k.unhome(default)
        out["default"] = default
        if p.get("optional_value") and p["type"] != "bool":
            out["optional_value"] = True
        if p.get("validated"):
            out["validated"] = True
        enum = parse_enum(f["desc"])
        if enum and p["type"] in ("string",):
            out["enum"] = enum
            if f["name"] in ENUM_ALSO_BOOL:
                out["enum_accepts_bool"] = True
        return out

    for key, cmd in commands.items():
        cmd["flags"] = {n: finish(key, f) for n, f in cmd["flags"].items()}
    global_flags = {n: finish(GLOBAL, f) for n, f in gflags.items()}

    # Hidden (deprecated) flags that kubectl still accepts do not appear in --help.  A one-off
    # probe of ~40 historical kubectl flag names (generator, export, delete-local-data, short,
    # server-dry-run, prune-whitelist, show-all, heapster-*, ...) against every command found
    # only --record still accepted, so that is the candidate list probed here.
    def probe_hidden(item: tuple[str, str]) -> tuple[str, str, bool, str]:
        key, name = item
        rc, _o, e = k.run([*key.split(), "--help", f"--{name}"])
        note = next((x.strip() for x in e.splitlines() if "deprecated" in x), "")
        return key, name, rc == 0, note

    items = [(key, name) for key in commands if key and key not in ("help", "options")
             for name in HIDDEN_CANDIDATES if name not in commands[key]["flags"]]
    with concurrent.futures.ThreadPoolExecutor(max_workers=k.workers) as ex:
        for key, name, ok, note in ex.map(probe_hidden, items):
            if ok:
                commands[key]["flags"][name] = {"type": "bool", "default": False, "hidden": True,
                                                "deprecated": note or True}

    # required flags and static completions (cobra __complete never runs the command)
    def complete(key: str) -> tuple[str, list[str], list[str]]:
        path = key.split() if key else []
        rc, out, _e = k.run(["__complete", *path, ""])
        req, vals = [], []
        for line in out.splitlines():
            if not line or line.startswith(":") or line.startswith("Completion ended"):
                continue
            word = line.split("\t")[0]
            if word.startswith("-"):
                req.append(word)
            else:
                vals.append(word)
        return key, req, vals

    leaf_keys = [key for key in commands if key and key not in ("help", "options")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=k.workers) as ex:
        for key, req, vals in ex.map(complete, leaf_keys):
            cmd = commands[key]
            allf = {**global_flags, **cmd["flags"]}
            short = {v.get("shorthand"): n for n, v in allf.items() if v.get("shorthand")}
            names = set()
            for w in req:
                if w.startswith("--"):
                    names.add(w[2:])
                elif w[1:] in short:
                    names.add(short[w[1:]])
            if names:
                cmd["required_flags"] = sorted(names)
            vals = [v for v in vals if v not in cmd["subcommands"] and v != "help"]
            if vals:
                cmd["completion_args"] = sorted(vals)

    return {
        "_source": {
            "tool": "kubectl",
            "binary": "kubectl (" + ", ".join(version_lines) + ")",
            "version": next((v.split(":", 1)[1].strip() for v in version_lines if v.startswith("Client")), ""),
            "generator": GENERATOR + " kubectl",
            "method": (
                "kubectl <path> --help and kubectl options with KUBECONFIG=/dev/null; flag types confirmed by "
                "kubectl's own parser (--help --flag=5q); optional values probed with --help --flag; required "
                "flags and static completions from kubectl __complete <path> ''; args.min is a rough reading of "
                "the usage line"
            ),
        },
        "tool": "kubectl",
        "global_flags": global_flags,
        "commands": commands,
    }


# ---------------------------------------------------------------------------
# Markdown references (argocd, argo rollouts)

_MDFLAG = re.compile(r"^\s*(?:-(\S), )?--([A-Za-z0-9][\w.-]*)(?: (\S+))?(?:\s{2,}(.*))?$")
_PFLAG_TYPES = {
    "string": "string",
    "int": "int",
    "int32": "int",
    "int64": "int",
    "uint": "uint",
    "uint32": "uint",
    "uint64": "uint",
    "float": "float",
    "float32": "float",
    "float64": "float",
    "duration": "duration",
    "strings": "stringSlice",
    "stringArray": "stringArray",
    "stringToString": "stringToString",
    "stringToInt": "stringToString",
    "ints": "intSlice",
    "int64Slice": "intSlice",
    "int32Slice": "intSlice",
    "uints": "intSlice",
    "bools": "boolSlice",
    "count": "count",
}


def parse_md_flags(lines: list[str]) -> dict[str, dict[str, Any]]:
    flags: dict[str, dict[str, Any]] = {}
    for line in lines:
        m = _MDFLAG.match(line)
        if not m:
            continue
        short, name, typ, desc = m.groups()
        desc = desc or ""
        optional = None
        if typ and "[=" in typ:
            typ, _, rest = typ.partition("[=")
            optional = rest.rstrip("]").strip('"')
        if typ is None:
            t = "bool"
        elif typ in _PFLAG_TYPES:
            t = _PFLAG_TYPES[typ]
        else:
            t = "string"  # pflag shows a back-quoted word from the usage text instead of the type name
        f: dict[str, Any] = {"type": t}
        if short:
            f["shorthand"] = short
        dm = re.search(r'\(default (.*)\)\s*$', desc)
        if dm:
            d = dm.group(1)
            if t == "bool":
                f["default"] = d == "true"
            elif d.startswith('"') and d.endswith('"'):
                f["default"] = d[1:-1]
            else:
                f["default"] = d
        elif t == "bool":
            f["default"] = False
        if optional is not None and t != "bool":
            f["optional_value"] = True
        enum = parse_enum(desc)
        if enum and t == "string":
            f["enum"] = enum
        flags[name] = f
    return flags


def _md_blocks(text: str) -> list[tuple[str, str, list[str]]]:
    """(heading, fence-info, lines) for every fenced block, with the nearest heading."""
    out = []
    heading = ""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        if line.startswith("```"):
            info = line[3:].strip()
            j = i + 1
            body = []
            while j < len(lines) and not lines[j].startswith("```"):
                body.append(lines[j])
                j += 1
            out.append((heading, info, body))
            i = j + 1
            continue
        i += 1
    return out


def _usage_args(path_words: list[str], usage: str, tool_prefix: list[str]) -> dict[str, Any]:
    words = usage.split()
    head = tool_prefix + path_words
    if words[: len(head)] == head:
        words = words[len(head):]
    rest = " ".join(w for w in words if w not in ("[flags]",))
    # required = upper-case words outside brackets (before any flag word)
    depth = 0
    required = []
    variadic = False
    optional_words = False
    for tok in re.findall(r"\[|\]|[^\s\[\]]+", rest):
        if tok == "[":
            depth += 1
            continue
        if tok == "]":
            depth -= 1
            continue
        if tok.startswith("-"):
            continue
        if tok.endswith("...") or tok == "...":
            variadic = True
        word = tok.rstrip(".")
        if depth == 0 and word and (re.fullmatch(r"[A-Z][A-Z0-9_/.=-]*", word) or word.startswith("<")):
            required.append(word)
        elif word:
            optional_words = True
    return {
        "takes_args": bool(required or optional_words or variadic),
        "min": len(required),
        "names": required,
    }


def parse_reference(folder: Path, tool: str) -> dict[str, Any]:
    """Parse one folder of cobra-generated Markdown (one file per command)."""
    if tool == "argocd":
        prefix = ["argocd"]
        file_prefix = "argocd"
    else:
        prefix = ["kubectl", "argo", "rollouts"]
        file_prefix = "kubectl-argo-rollouts"
    commands: dict[str, dict[str, Any]] = {}
    for md in sorted(folder.glob("*.md")):
        stem = md.stem
        if not (stem == file_prefix or stem.startswith(file_prefix + "_")):
            continue
        path_words = stem.split("_")[1:]
        text = md.read_text(encoding="utf-8")
        blocks = _md_blocks(text)
        usage = ""
        examples: list[str] = []
        local: list[str] = []
        inherited: list[str] = []
        for heading, _info, body in blocks:
            h = heading.lower()
            if h.startswith("options inherited"):
                inherited = body
            elif h == "options":
                local = body
            elif h == "examples":
                examples.extend(body)
            elif not usage and body and body[0].strip().startswith(" ".join(prefix)):
                usage = body[0].strip()
        # short description: first non-heading paragraph after the command heading
        short = ""
        for line in text.splitlines():
            s = line.strip()
            if not s or s.startswith("#") or s.startswith("```"):
                continue
            short = s
            break
        subs = []
        for m in re.finditer(r"^\* \[([^\]]+)\]\(([^)]+)\.md\)", text, re.M):
            target = m.group(2)
            tw = target.split("_")[1:]
            if len(tw) == len(path_words) + 1 and tw[:-1] == path_words:
                subs.append(tw[-1])
        flags = parse_md_flags(local)
        flags.pop("help", None)
        inh = parse_md_flags(inherited)
        key = " ".join(path_words)
        commands[key] = {
            "usage": usage,
            "short": short,
            "subcommands": sorted(set(subs)),
            "flags": flags,
            "inherited_flags": inh,
            "aliases": [],
            "args": _usage_args(path_words, usage, prefix),
            "examples": [e.strip() for e in examples if e.strip() and not e.strip().startswith("#")],
        }
    # Global flags: the root command's own options are the persistent flags of the
    # root; keep them once and drop them from every command's inherited set.
    root = commands[""]
    root_flags = dict(root["flags"])
    global_flags = root_flags
    for key, cmd in commands.items():
        if key == "":
            cmd["flags"] = {}
            cmd["inherited_flags"] = {}
            continue
        cmd["inherited_flags"] = {n: f for n, f in cmd["inherited_flags"].items() if n not in global_flags}
    return {"commands": commands, "global_flags": global_flags}


# Aliases are not part of cobra's generated Markdown.  These come from the
# upstream Go sources (cobra ``Aliases:``), cited per entry.
ROLLOUTS_ALIASES = {
    "get rollout": (["ro", "rollouts"], "pkg/kubectl-argo-rollouts/cmd/get/get_rollout.go"),
    "get experiment": (["exp", "experiments"], "pkg/kubectl-argo-rollouts/cmd/get/get_experiment.go"),
    "list rollouts": (["ro", "rollout"], "pkg/kubectl-argo-rollouts/cmd/list/list_rollouts.go"),
    "list experiments": (["exp", "experiment"], "pkg/kubectl-argo-rollouts/cmd/list/list_experiments.go"),
    "retry rollout": (["ro", "rollouts"], "pkg/kubectl-argo-rollouts/cmd/retry/retry.go"),
    "retry experiment": (["exp", "experiments"], "pkg/kubectl-argo-rollouts/cmd/retry/retry.go"),
    "terminate analysisrun": (["ar", "analysisruns"], "pkg/kubectl-argo-rollouts/cmd/terminate/terminate.go"),
    "terminate experiment": (["exp", "experiments"], "pkg/kubectl-argo-rollouts/cmd/terminate/terminate.go"),
    "create analysisrun": (["ar"], "pkg/kubectl-argo-rollouts/cmd/create/create.go"),
}

# Commands whose Markdown usage line names an argument that a flag can replace
# (min lowered to 0), verified against the command's own examples.
ARG_OVERRIDES: dict[str, dict[str, dict[str, Any]]] = {
    "argocd": {
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
        # "argocd cluster add" without CONTEXT lists contexts
        "cluster add": {"min": 0},
        # "argocd login" uses the current context's server when none is given
        "login": {"min": 0},
        # "argocd logout" without CONTEXT is accepted (current context)
        "logout": {"min": 0},
        # "argocd proj create -f proj.yaml"
        "proj create": {"min": 0},
    },
    "argo-rollouts": {
        # group commands whose usage line shows the sub-command words
        "get": {"min": 0},
        "list": {"min": 0},
        "retry": {"min": 0},
        "terminate": {"min": 0},
        "set": {"min": 0},
        "": {"min": 0},
    },
}


def reference_examples(shared: Path, tool: str) -> dict[str, list[str]]:
    """The example command lines of each command's reference page (backslash-continued lines joined)."""
    folder = shared / "reference" / ("argocd-cli" if tool == "argocd" else "argo-rollouts-cli")
    out: dict[str, list[str]] = {}
    for key, cmd in parse_reference(folder, tool)["commands"].items():
        lines, buf = [], ""
        for e in cmd["examples"]:
            e = (buf + " " + e).strip() if buf else e
            buf = ""
            if e.endswith("\\"):
                buf = e[:-1]
                continue
            lines.append(e)
        out[key] = lines
    return out


def gen_reference(shared: Path, tool: str) -> dict[str, Any]:
    readme = (shared / "reference" / "README.md").read_text(encoding="utf-8")
    if tool == "argocd":
        folder = shared / "reference" / "argocd-cli"
        sec = readme.split("## argocd-cli/", 1)[1].split("\n## ", 1)[0]
        repo = "https://github.com/argoproj/argo-cd"
        docs_path = "docs/user-guide/commands/*.md"
    else:
        folder = shared / "reference" / "argo-rollouts-cli"
        sec = readme.split("## argo-rollouts-cli/", 1)[1].split("\n## ", 1)[0]
        repo = "https://github.com/argoproj/argo-rollouts"
        docs_path = "docs/generated/kubectl-argo-rollouts/*.md"
    commit = re.search(r"Commit: `([0-9a-f]{40})`", sec).group(1)
    version = re.search(r"Version: (.*)", sec).group(1).strip()
    data = parse_reference(folder, tool)
    for cmd in data["commands"].values():
        cmd.pop("examples", None)  # not needed at run time; see reference_examples()
    if tool == "argo-rollouts":
        for key, (aliases, src) in ROLLOUTS_ALIASES.items():
            data["commands"][key]["aliases"] = sorted(aliases)
            data["commands"][key]["aliases_source"] = f"{repo}/blob/master/{src}"
    for key, over in ARG_OVERRIDES.get(tool, {}).items():
        if key in data["commands"]:
            data["commands"][key]["args"].update(over)
            data["commands"][key]["args"]["curated"] = True
    return {
        "_source": {
            "tool": tool,
            "repository": repo,
            "path": docs_path,
            "commit": commit,
            "version": version,
            "generator": GENERATOR + " " + tool,
            "method": "cobra-generated CLI reference Markdown: usage line, Options and Options inherited from "
            "parent commands (pflag type names); aliases from the upstream Go sources where noted",
        },
        "tool": tool,
        "global_flags": data["global_flags"],
        "commands": data["commands"],
    }


# ---------------------------------------------------------------------------
# resources

K8S_DOC = "https://kubernetes.io/docs/reference/kubectl/#resource-types"
# (plural, singular, short names, group, namespaced, kind)
BUILTIN = [
    ("bindings", "binding", [], "", True, "Binding"),
    ("componentstatuses", "componentstatus", ["cs"], "", False, "ComponentStatus"),
    ("configmaps", "configmap", ["cm"], "", True, "ConfigMap"),
    ("endpoints", "endpoints", ["ep"], "", True, "Endpoints"),
    ("events", "event", ["ev"], "", True, "Event"),
    ("limitranges", "limitrange", ["limits"], "", True, "LimitRange"),
    ("namespaces", "namespace", ["ns"], "", False, "Namespace"),
    ("nodes", "node", ["no"], "", False, "Node"),
    ("persistentvolumeclaims", "persistentvolumeclaim", ["pvc"], "", True, "PersistentVolumeClaim"),
    ("persistentvolumes", "persistentvolume", ["pv"], "", False, "PersistentVolume"),
    ("pods", "pod", ["po"], "", True, "Pod"),
    ("podtemplates", "podtemplate", [], "", True, "PodTemplate"),
    ("replicationcontrollers", "replicationcontroller", ["rc"], "", True, "ReplicationController"),
    ("resourcequotas", "resourcequota", ["quota"], "", True, "ResourceQuota"),
    ("secrets", "secret", [], "", True, "Secret"),
    ("serviceaccounts", "serviceaccount", ["sa"], "", True, "ServiceAccount"),
    ("services", "service", ["svc"], "", True, "Service"),
    ("mutatingwebhookconfigurations", "mutatingwebhookconfiguration", [], "admissionregistration.k8s.io", False,
     "MutatingWebhookConfiguration"),
    ("validatingwebhookconfigurations", "validatingwebhookconfiguration", [], "admissionregistration.k8s.io", False,
     "ValidatingWebhookConfiguration"),
    ("validatingadmissionpolicies", "validatingadmissionpolicy", [], "admissionregistration.k8s.io", False,
     "ValidatingAdmissionPolicy"),
    ("validatingadmissionpolicybindings", "validatingadmissionpolicybinding", [], "admissionregistration.k8s.io",
     False, "ValidatingAdmissionPolicyBinding"),
    ("customresourcedefinitions", "customresourcedefinition", ["crd", "crds"], "apiextensions.k8s.io", False,
     "CustomResourceDefinition"),
    ("apiservices", "apiservice", [], "apiregistration.k8s.io", False, "APIService"),
    ("controllerrevisions", "controllerrevision", [], "apps", True, "ControllerRevision"),
    ("daemonsets", "daemonset", ["ds"], "apps", True, "DaemonSet"),
    ("deployments", "deployment", ["deploy"], "apps", True, "Deployment"),
    ("replicasets", "replicaset", ["rs"], "apps", True, "ReplicaSet"),
    ("statefulsets", "statefulset", ["sts"], "apps", True, "StatefulSet"),
    ("selfsubjectreviews", "selfsubjectreview", [], "authentication.k8s.io", False, "SelfSubjectReview"),
    ("tokenreviews", "tokenreview", [], "authentication.k8s.io", False, "TokenReview"),
    ("localsubjectaccessreviews", "localsubjectaccessreview", [], "authorization.k8s.io", True,
     "LocalSubjectAccessReview"),
    ("selfsubjectaccessreviews", "selfsubjectaccessreview", [], "authorization.k8s.io", False,
     "SelfSubjectAccessReview"),
    ("selfsubjectrulesreviews", "selfsubjectrulesreview", [], "authorization.k8s.io", False, "SelfSubjectRulesReview"),
    ("subjectaccessreviews", "subjectaccessreview", [], "authorization.k8s.io", False, "SubjectAccessReview"),
    ("horizontalpodautoscalers", "horizontalpodautoscaler", ["hpa"], "autoscaling", True, "HorizontalPodAutoscaler"),
    ("cronjobs", "cronjob", ["cj"], "batch", True, "CronJob"),
    ("jobs", "job", [], "batch", True, "Job"),
    ("certificatesigningrequests", "certificatesigningrequest", ["csr"], "certificates.k8s.io", False,
     "CertificateSigningRequest"),
    ("leases", "lease", [], "coordination.k8s.io", True, "Lease"),
    ("endpointslices", "endpointslice", [], "discovery.k8s.io", True, "EndpointSlice"),
    ("events", "event", ["ev"], "events.k8s.io", True, "Event"),
    ("flowschemas", "flowschema", [], "flowcontrol.apiserver.k8s.io", False, "FlowSchema"),
    ("prioritylevelconfigurations", "prioritylevelconfiguration", [], "flowcontrol.apiserver.k8s.io", False,
     "PriorityLevelConfiguration"),
    ("ingressclasses", "ingressclass", [], "networking.k8s.io", False, "IngressClass"),
    ("ingresses", "ingress", ["ing"], "networking.k8s.io", True, "Ingress"),
    ("networkpolicies", "networkpolicy", ["netpol"], "networking.k8s.io", True, "NetworkPolicy"),
    ("runtimeclasses", "runtimeclass", [], "node.k8s.io", False, "RuntimeClass"),
    ("poddisruptionbudgets", "poddisruptionbudget", ["pdb"], "policy", True, "PodDisruptionBudget"),
    ("clusterrolebindings", "clusterrolebinding", [], "rbac.authorization.k8s.io", False, "ClusterRoleBinding"),
    ("clusterroles", "clusterrole", [], "rbac.authorization.k8s.io", False, "ClusterRole"),
    ("rolebindings", "rolebinding", [], "rbac.authorization.k8s.io", True, "RoleBinding"),
    ("roles", "role", [], "rbac.authorization.k8s.io", True, "Role"),
    ("priorityclasses", "priorityclass", ["pc"], "scheduling.k8s.io", False, "PriorityClass"),
    ("csidrivers", "csidriver", [], "storage.k8s.io", False, "CSIDriver"),
    ("csinodes", "csinode", [], "storage.k8s.io", False, "CSINode"),
    ("csistoragecapacities", "csistoragecapacity", [], "storage.k8s.io", True, "CSIStorageCapacity"),
    ("storageclasses", "storageclass", ["sc"], "storage.k8s.io", False, "StorageClass"),
    ("volumeattachments", "volumeattachment", [], "storage.k8s.io", False, "VolumeAttachment"),
]
BUILTIN_SOURCE = (
    K8S_DOC + " (table 'accurate as of Kubernetes 1.25.0', kubernetes/website "
    "content/en/docs/reference/kubectl/_index.md), adjusted for v1.32: podsecuritypolicies removed (v1.25); "
    "validatingadmissionpolicies/-bindings (GA v1.30) and selfsubjectreviews (GA v1.28) added"
)

PROM_SRC = "https://github.com/prometheus-operator/prometheus-operator"
PROMETHEUS_OPERATOR = [
    ("servicemonitors", "servicemonitor", ["smon"], "ServiceMonitor", True,
     PROM_SRC + "/blob/01b1a0ea3113af46d69ae3d2ee717bd10b2de1d1/example/prometheus-operator-crd/"
     "monitoring.coreos.com_servicemonitors.yaml (operator v0.84.1)"),
    ("podmonitors", "podmonitor", ["pmon"], "PodMonitor", True,
     PROM_SRC + "/blob/0ff52b38b82db983c210eae0147d7d675a23ca70/example/prometheus-operator-crd/"
     "monitoring.coreos.com_podmonitors.yaml (operator v0.87.0)"),
    ("prometheusrules", "prometheusrule", ["promrule"], "PrometheusRule", True,
     PROM_SRC + "/blob/2de7fa35f1dae33ca3dfc392b27dbf06a93d5c4d/example/prometheus-operator-crd/"
     "monitoring.coreos.com_prometheusrules.yaml (operator v0.76.0)"),
    ("probes", "probe", ["prb"], "Probe", True,
     PROM_SRC + " pkg/apis/monitoring/v1/probe_types.go (+kubebuilder:resource shortName=\"prb\")"),
    ("prometheuses", "prometheus", ["prom"], "Prometheus", True,
     PROM_SRC + " pkg/apis/monitoring/v1/prometheus_types.go (+kubebuilder:resource shortName=\"prom\")"),
    ("prometheusagents", "prometheusagent", ["promagent"], "PrometheusAgent", True,
     PROM_SRC + " pkg/apis/monitoring/v1alpha1/prometheusagent_types.go (shortName=\"promagent\")"),
    ("alertmanagers", "alertmanager", ["am"], "Alertmanager", True,
     PROM_SRC + " pkg/apis/monitoring/v1/alertmanager_types.go (shortName=\"am\")"),
    ("alertmanagerconfigs", "alertmanagerconfig", ["amcfg"], "AlertmanagerConfig", True,
     PROM_SRC + " pkg/apis/monitoring/v1alpha1/alertmanager_config_types.go (shortName=\"amcfg\")"),
    ("scrapeconfigs", "scrapeconfig", ["scfg"], "ScrapeConfig", True,
     PROM_SRC + " pkg/apis/monitoring/v1alpha1/scrapeconfig_types.go (shortName=\"scfg\")"),
    ("thanosrulers", "thanosruler", ["ruler"], "ThanosRuler", True,
     PROM_SRC + " pkg/apis/monitoring/v1/thanos_types.go (shortName=\"ruler\")"),
]

GW_SRC = "https://github.com/kubernetes-sigs/gateway-api"
GATEWAY_API = [
    ("gateways", "gateway", ["gtw"], "Gateway", True,
     GW_SRC + "/blob/818768c3c5317d50d03025b533b43558369a1768/config/crd/standard/"
     "gateway.networking.k8s.io_gateways.yaml (bundle v1.0.0)"),
    ("gatewayclasses", "gatewayclass", ["gc"], "GatewayClass", False,
     GW_SRC + " apis/v1/gatewayclass_types.go (+kubebuilder:resource scope=Cluster,shortName=gc)"),
    ("httproutes", "httproute", [], "HTTPRoute", True, GW_SRC + " config/crd/standard (no shortNames)"),
    ("grpcroutes", "grpcroute", [], "GRPCRoute", True, GW_SRC + " config/crd/standard (no shortNames)"),
    ("referencegrants", "referencegrant", ["refgrant"], "ReferenceGrant", True,
     GW_SRC + " apis/v1beta1/referencegrant_types.go (+kubebuilder:resource shortName=refgrant)"),
    ("tlsroutes", "tlsroute", [], "TLSRoute", True, GW_SRC + " config/crd/standard"),
    ("tcproutes", "tcproute", [], "TCPRoute", True, GW_SRC + " config/crd/experimental"),
    ("udproutes", "udproute", [], "UDPRoute", True, GW_SRC + " config/crd/experimental"),
    ("backendtlspolicies", "backendtlspolicy", [], "BackendTLSPolicy", True, GW_SRC + " config/crd/standard"),
]


def gen_resources(shared: Path) -> dict[str, Any]:
    import yaml  # PyYAML is a project dependency

    res: list[dict[str, Any]] = []
    for plural, singular, shorts, group, ns, kind in BUILTIN:
        if (plural, group) in {(r["plural"], r["group"]) for r in res}:
            continue
        res.append({"plural": plural, "singular": singular, "short_names": shorts, "group": group,
                    "namespaced": ns, "kind": kind, "categories": [], "source": K8S_DOC})
    all_cat = {"pods", "services", "daemonsets", "deployments", "replicasets", "statefulsets",
               "horizontalpodautoscalers", "cronjobs", "jobs", "replicationcontrollers"}
    for r in res:
        if r["plural"] in all_cat:
            r["categories"] = ["all"]

    crd_dir = shared / "reference" / "crds"
    readme = (shared / "reference" / "README.md").read_text(encoding="utf-8")
    crd_sources = {}
    for folder, repo in (("argo-rollouts", "argoproj/argo-rollouts"), ("argo-cd", "argoproj/argo-cd")):
        sec = readme.split(f"## crds/{folder}/", 1)[1].split("\n## ", 1)[0]
        commit = re.search(r"Commit: `([0-9a-f]{40})`", sec).group(1)
        crd_sources[folder] = f"https://github.com/{repo}/blob/{commit}/manifests/crds/"
    for path in sorted(crd_dir.glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        names = doc["spec"]["names"]
        res.append({
            "plural": names["plural"],
            "singular": names.get("singular", names["kind"].lower()),
            "short_names": list(names.get("shortNames", [])),
            "group": doc["spec"]["group"],
            "namespaced": doc["spec"]["scope"] == "Namespaced",
            "kind": names["kind"],
            "categories": list(names.get("categories", [])),
            "source": crd_sources[path.parent.name] + path.name,
        })
    for table, group, cat in ((PROMETHEUS_OPERATOR, "monitoring.coreos.com", "prometheus-operator"),
                              (GATEWAY_API, "gateway.networking.k8s.io", "gateway-api")):
        for plural, singular, shorts, kind, ns, src in table:
            res.append({"plural": plural, "singular": singular, "short_names": shorts, "group": group,
                        "namespaced": ns, "kind": kind, "categories": [cat], "source": src})
    res.sort(key=lambda r: (r["group"], r["plural"]))
    return {
        "_source": {
            "builtin": BUILTIN_SOURCE,
            "argo": "CustomResourceDefinitions in shared/reference/crds (see each entry's source)",
            "prometheus-operator": PROM_SRC + " (CRD YAML / kubebuilder markers, see each entry's source)",
            "gateway-api": GW_SRC + " (CRD YAML / kubebuilder markers, see each entry's source)",
            "generator": GENERATOR + " resources",
            "note": "kubectl cannot list resource types without a server (kubectl api-resources needs one)",
        },
        "resources": res,
    }


# ---------------------------------------------------------------------------


def generate(target: str, shared: Path, kubectl: str) -> dict[str, Any]:
    if target == "kubectl":
        return gen_kubectl(kubectl)
    if target in ("argocd", "argo-rollouts"):
        return gen_reference(shared, target)
    if target == "resources":
        return gen_resources(shared)
    raise ValueError(target)


FILES = {"kubectl": "kubectl.json", "argocd": "argocd.json", "argo-rollouts": "argo-rollouts.json",
         "resources": "resources.json"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("target", choices=[*FILES, "all"])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default: ../shared)")
    ap.add_argument("--kubectl", default="kubectl", help="kubectl binary (default: kubectl on PATH)")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--check", action="store_true", help="compare with the stored files instead of writing")
    args = ap.parse_args(argv)
    targets = list(FILES) if args.target == "all" else [args.target]
    rc = 0
    for t in targets:
        text = dump_json(generate(t, args.shared, args.kubectl))
        path = args.out / FILES[t]
        if args.check:
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            if old != text:
                print(f"{path} is out of date (run {GENERATOR} {t})", file=sys.stderr)
                rc = 1
            else:
                print(f"{path}: up to date")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
