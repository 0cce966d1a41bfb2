"""Walk a cobra CLI binary through its ``--help`` (kubectl, and kustomize build as embedded in kubectl)."""

from __future__ import annotations

import concurrent.futures
import os
import re
import shutil
import subprocess
import tempfile
from typing import Any

from . import GENERATOR, _join_desc, parse_enum


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
    out: list[str] = []
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


def probe_flag(k: Kubectl, path: list[str], name: str, raw: str) -> dict[str, Any]:
    """The flag's pflag type (confirmed by the binary's own parser) and whether it may be given without a value."""
    typ, _default = infer_kubectl_type(raw)
    res: dict[str, Any] = {}
    if typ == "bool":
        res["type"] = "bool"
        return res
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
    return res


def finish_flag(f: dict[str, Any], probed: dict[str, Any], unhome: Any) -> dict[str, Any]:
    """The stored form of one flag: type, shorthand, default, optional value and documented choices."""
    typ, default = infer_kubectl_type(f["raw_default"])
    if typ == "?":
        default = f["raw_default"]
    out: dict[str, Any] = {"type": probed["type"]}
    if f["shorthand"]:
        out["shorthand"] = f["shorthand"]
    if isinstance(default, str):
        default = unhome(default)
    out["default"] = default
    if probed.get("optional_value") and probed["type"] != "bool":
        out["optional_value"] = True
    if probed.get("validated"):
        out["validated"] = True
    enum = parse_enum(f["desc"])
    if enum and probed["type"] in ("string",):
        out["enum"] = enum
        if f["name"] in ENUM_ALSO_BOOL:
            out["enum_accepts_bool"] = True
    return out


def gen_kustomize(binary: str = "kubectl") -> dict[str, Any]:
    """`kustomize build` from the real command kubectl embeds (`kubectl kustomize`, kustomize's NewCmdBuild)."""
    k = Kubectl(binary, workers=4)
    try:
        _rc, out, _err = k.run(["version", "--client"])
        lines = [x.strip() for x in out.splitlines() if x.strip()]
        version = next((v.split(":", 1)[1].strip() for v in lines if v.startswith("Kustomize Version")), "")
        _rc, out, err = k.run(["kustomize", "--help"])
        if _rc != 0:
            raise RuntimeError(f"kubectl kustomize --help failed: {err}")
        secs = split_sections(out)
        flags = parse_kubectl_flags(secs.get("Options", []))
        with concurrent.futures.ThreadPoolExecutor(max_workers=k.workers) as ex:
            probed = list(ex.map(lambda f: probe_flag(k, ["kustomize"], f["name"], f["raw_default"]),
                                 flags.values()))
        build_flags = {f["name"]: finish_flag(f, p, k.unhome) for f, p in zip(flags.values(), probed, strict=True)}
    finally:
        k.close()
    usage = _first_block(secs.get("Usage", [])).replace("kubectl kustomize", "kustomize build")
    return {
        "_source": {
            "tool": "kustomize",
            "binary": f"kubectl ({', '.join(lines)})",
            "version": version,
            "generator": GENERATOR + " kustomize",
            "method": "kubectl kustomize --help (kustomize's own build command, build.NewCmdBuild, compiled into "
            "kubectl) with flag types confirmed by its parser; the other kustomize sub-commands are known by name "
            "only (rbkb.tools.kustomize.UNCHECKED)",
        },
        "tool": "kustomize",
        # kustomize's root adds --stack-trace (kustomize cmd/config/configcobra/cmds.go AddCommands, v5.5.0)
        "global_flags": {"stack-trace": {"default": False, "type": "bool"}},
        "commands": {
            "": {"aliases": [], "args": {"min": 0, "takes_args": False}, "flags": {}, "short": "",
                 "subcommands": ["build"], "usage": "kustomize [command]"},
            "build": {"aliases": [], "args": {"min": 0, "takes_args": True}, "flags": build_flags,
                      "short": _first_block(secs["_desc"]), "subcommands": [], "usage": usage},
        },
    }


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
        return sig, probe_flag(k, probe_cmd[sig], sig[0], sig[2])

    with concurrent.futures.ThreadPoolExecutor(max_workers=k.workers) as ex:
        probed = dict(ex.map(probe, sorted(probe_cmd)))

    def finish(key: str, f: dict[str, Any]) -> dict[str, Any]:
        return finish_flag(f, probed[sig_of(key, f)], k.unhome)

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
