"""Parse cobra-generated CLI reference Markdown (one file per command): argocd, Argo Rollouts, helm."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import GENERATOR, parse_enum

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


# tool -> (folder under <shared>/reference, the words that start a command, the file name prefix, repository,
# path of the Markdown in it)
REFERENCES = {
    "argocd": ("argocd-cli", ["argocd"], "argocd", "https://github.com/argoproj/argo-cd",
               "docs/user-guide/commands/*.md"),
    "argo-rollouts": ("argo-rollouts-cli", ["kubectl", "argo", "rollouts"], "kubectl-argo-rollouts",
                      "https://github.com/argoproj/argo-rollouts", "docs/generated/kubectl-argo-rollouts/*.md"),
    "helm": ("helm-cli", ["helm"], "helm", "https://github.com/helm/helm-www", "versioned_docs/version-3/helm/*.md"),
}


def _front_matter_end(lines: list[str]) -> int:
    """Index after a Markdown front matter block (`---` ... `---`), 0 when there is none."""
    if lines[:1] == ["---"]:
        return next((i + 1 for i, line in enumerate(lines[1:], 1) if line == "---"), 0)
    return 0


def parse_reference(folder: Path, tool: str) -> dict[str, Any]:
    """Parse one folder of cobra-generated Markdown (one file per command)."""
    _sub, prefix, file_prefix, _repo, _path = REFERENCES[tool]
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
        lines = text.splitlines()
        for line in lines[_front_matter_end(lines):]:
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


def reference_examples(shared: Path, tool: str) -> dict[str, list[str]]:
    """The example command lines of each command's reference page (backslash-continued lines joined)."""
    folder = shared / "reference" / REFERENCES[tool][0]
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


def _readme_field(section: str, pattern: str) -> str:
    m = re.search(pattern, section)
    if m is None:
        raise ValueError(f"reference README: no match for {pattern!r}")
    return m.group(1).strip()


def gen_reference(shared: Path, tool: str) -> dict[str, Any]:
    """The grammar of `tool` from its reference folder, with the tool module's aliases and argument overrides."""
    from .. import get

    sub, _prefix, _file, repo, docs_path = REFERENCES[tool]
    readme = (shared / "reference" / "README.md").read_text(encoding="utf-8")
    sec = readme.split(f"## {sub}/", 1)[1].split("\n## ", 1)[0]
    commit = _readme_field(sec, r"Commit: `([0-9a-f]{40})`")
    version = _readme_field(sec, r"Version: (.*)")
    data = parse_reference(shared / "reference" / sub, tool)
    for cmd in data["commands"].values():
        cmd.pop("examples", None)  # not needed at run time; see reference_examples()
    module = get(tool)
    for key, (aliases, src) in module.aliases.items():
        data["commands"][key]["aliases"] = sorted(aliases)
        data["commands"][key]["aliases_source"] = src
    for key, over in module.arg_overrides.items():
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
