"""Split pasted text into the outputs it holds and say which command produced each one.

Pasted text often holds several outputs: a prompt line before each, a table after a describe block, a YAML
document after a table. A new segment starts at a command line, at a table header, at `Name:` or `apiVersion:`
in the first column after a blank line, at a JSON document and at a YAML `---` separator.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..tools import program_names

# `$ kubectl ...`, `user@host:~$ kubectl ...`, `[root@x ~]# kubectl ...`, `% kubectl`, `❯ kubectl`, PowerShell's
# `PS C:\path> kubectl ...`, or a bare command line. Group 1 is the command, group 2 a command run as `k`. The
# paste box skips the same lines (rbkb.analyze.table.browser_table exports the pattern: keep it in the subset of
# rbkb.analyze.patterns).
_PROMPT = r"(?:\S*|\[[^\]]*\]|PS [A-Za-z]:\\[^>]*)"
_PROGRAMS = "|".join(sorted({*program_names(), "oc"}, key=len, reverse=True))  # every registered tool, and oc
COMMAND_LINE = re.compile(
    rf"^\s*(?:{_PROMPT}[$#%>❯]\s+)?((?:{_PROGRAMS})\s.*)$"
    rf"|^\s*{_PROMPT}[$#%>❯]\s+(k\s.*)$")
_HEADER_RE = re.compile(
    r"^\s*(NAMESPACE\s+)?(NAME|LAST SEEN)\s{2,}[A-Z][A-Z0-9()/_-]*(\s{2,}[A-Z][A-Z0-9() /_-]*)*\s*$"
)
_FIRST_COLUMN_KEYS = ("Name:", "apiVersion:", "- apiVersion:")
_DESCRIBE_KEY_RE = re.compile(r"^[A-Z][A-Za-z ]*:(\s|$)")  # `Events:`, `Status:` in the first column
_YAML_FIRST_KEYS = ("apiVersion:", "- apiVersion:", "kind:", "metadata:", "status:", "spec:", "items:")
_TREE_HEADER_RE = re.compile(r"^NAME\s+KIND\s+STATUS\s+AGE\s+INFO")  # the rollout tree under its summary

Kind = str  # table | describe | rollout-tree | argocd-app | json | yaml | text


@dataclass
class Segment:
    """One output: its lines (verbatim), the command that produced it when shown, and its detected form."""

    lines: list[str]
    command: str | None = None
    numbers: list[int] = field(default_factory=list)  # each line's number in its input (1-based)
    input: str = ""  # the file name, or `-` for standard input
    index: int = 0  # 1-based position among the input's segments
    output: int = 0  # position of the input among the inputs analysed together
    kind: Kind = "text"
    resource: str | None = None  # for tables and describe blocks: pods, services, ingresses, pvc, endpoints, ...
    objects: list[dict[str, Any]] = field(default_factory=list)  # parsed Kubernetes objects (json/yaml)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


    def number(self, line: str) -> int:
        """The input line number of `line` (its first occurrence in this segment), 0 when it is not one of them."""
        try:
            return self.numbers[self.lines.index(line)] if self.numbers else 0
        except ValueError:
            return 0


def split_outputs(text: str, name: str = "", output: int = 0) -> list[Segment]:
    segments: list[Segment] = []
    current: list[str] = []
    numbers: list[int] = []
    command: str | None = None

    def flush() -> None:
        nonlocal current, numbers, command
        if any(line.strip() for line in current) or command:
            segments.append(_classify(Segment(current, command, numbers, name, len(segments) + 1, output)))
        current, numbers, command = [], [], None

    previous_blank = True
    depth = 0  # open brackets of a JSON document being collected
    for n, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\r")
        stripped = line.strip()
        if depth > 0:
            current.append(line)
            numbers.append(n)
            depth += _brackets(line)
            continue
        m = COMMAND_LINE.match(line)
        json_start = (stripped in ("{", "[") or stripped.startswith(('{"', "[{", '["'))) and not (
            line[:1].isspace() and _in_yaml(current))  # JSON inside a YAML block scalar (last-applied-configuration)
        header = bool(_HEADER_RE.match(line)) and not _TREE_HEADER_RE.match(line)
        starts = bool(m) or json_start or stripped == "---" or header or (
            previous_blank and (line.startswith(_FIRST_COLUMN_KEYS) or bool(_DESCRIBE_KEY_RE.match(line))))
        if starts and any(x.strip() for x in current):
            flush()
        if m:
            # `k` is the usual alias of kubectl: record it spelled out, so later checks parse one tool name.
            command = (m.group(1) or "kubectl" + m.group(2)[1:]).strip()
        elif stripped != "---":
            current.append(line)
            numbers.append(n)
            if json_start:
                depth = _brackets(line)
        previous_blank = not stripped
    flush()
    return segments


def _in_yaml(lines: list[str]) -> bool:
    first = next((line for line in lines if line.strip()), "")
    return first.startswith(_YAML_FIRST_KEYS)


def _brackets(line: str) -> int:
    return line.count("{") + line.count("[") - line.count("}") - line.count("]")


# ----------------------------------------------------------------------------------------------------------------------
# What produced a segment
# ----------------------------------------------------------------------------------------------------------------------

_TABLE_RESOURCES = (
    ("events", ("LAST SEEN", "REASON")),
    ("pods", ("READY", "STATUS", "RESTARTS")),
    ("endpoints", ("ENDPOINTS",)),
    ("ingresses", ("HOSTS", "ADDRESS")),
    ("pvc", ("STATUS", "VOLUME", "CAPACITY")),
    ("services", ("CLUSTER-IP",)),
    ("deployments", ("UP-TO-DATE", "AVAILABLE")),
    ("applications", ("SYNCPOLICY",)),
    ("rollout-tree", ("KIND", "STATUS", "INFO")),
)


def _classify(seg: Segment) -> Segment:
    body = [line for line in seg.lines if line.strip()]
    if not body:
        return seg
    first = body[0].strip()
    if first in ("{", "[") or first.startswith(('{"', "[{", '["')):
        seg.objects = _objects(_load_json(seg.text))
        seg.kind = "json" if seg.objects or first.startswith("{") else "text"
        return seg
    if first.startswith(_YAML_FIRST_KEYS):
        seg.kind, seg.objects = "yaml", _objects(_load_yaml(seg.text))
        return seg
    header = next((line for line in body if _HEADER_RE.match(line)), None)
    if header is not None and body.index(header) <= 1:
        seg.kind = "table"
        seg.resource = next((res for res, cols in _TABLE_RESOURCES if all(c in header for c in cols)), None)
        return seg
    keys = {line.split(":", 1)[0].strip() for line in body if ":" in line}
    if "Sync Status" in keys or "Health Status" in keys:
        seg.kind = "argocd-app"
    elif "Strategy" in keys and "Status" in keys and "Replicas" in keys:
        seg.kind = "rollout-tree"
    elif "Name" in keys or "Events" in keys or "Rules" in keys:
        seg.kind = "describe"
        seg.resource = _describe_resource(keys)
    elif seg.command and " logs" in f" {seg.command}":
        seg.kind = "logs"
    return seg


def _describe_resource(keys: set[str]) -> str | None:
    if "Rules" in keys or "Default backend" in keys:
        return "ingresses"
    if "StorageClass" in keys and "Access Modes" in keys:
        return "pvc"
    if "Selector" in keys and "Endpoints" in keys:
        return "services"
    if "Containers" in keys or "Controlled By" in keys:
        return "pods"
    return None


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _load_yaml(text: str) -> Any:
    import yaml  # only pasted YAML needs it; a one-shot `runbook diagnose` of other output skips the import

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def _objects(data: Any) -> list[dict[str, Any]]:
    """Kubernetes objects in a parsed document: a List's items, a bare list, or one object with a kind."""
    if isinstance(data, dict):
        if isinstance(data.get("items"), list):
            return [o for o in data["items"] if isinstance(o, dict) and o.get("kind")]
        return [data] if data.get("kind") else []
    if isinstance(data, list):
        return [o for o in data if isinstance(o, dict) and o.get("kind")]
    return []
