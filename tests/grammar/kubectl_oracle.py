"""Ask the real kubectl whether it accepts a command, without a cluster and without side effects.

How a command is run (see ../shared/research/kubectl-offline.md for the measurements behind it):

* Always in a sandbox: ``KUBECONFIG`` is a throw-away kubeconfig whose only server is
  ``https://127.0.0.1:1`` (nothing listens there, so every API call is refused at once) with a
  dummy token (so kubectl never prompts); ``HOME`` and the working directory are an empty
  temporary folder (so ``-f FILE`` finds nothing); stdin is ``/dev/null``.
* Mode ``run``: read-only commands (get, describe, logs, top, events, explain, api-resources,
  version, cluster-info, auth can-i/whoami, rollout status/history, wait, diff, config
  view/get-*/current-context) run exactly as written.  kubectl parses flags, validates values,
  required flags and its own argument rules, and then fails on the refused connection.
* Mode ``run+dry-run``: mutating commands that cannot do anything before talking to the API
  server (apply, delete, scale, patch, label, annotate, rollout restart/pause/resume/undo,
  set *, cordon/uncordon/drain, taint, autoscale, expose, replace, exec, attach,
  port-forward, auth reconcile, create -f) run as written plus ``--dry-run=server`` when the
  command has that flag and the line has no ``--dry-run`` yet.  The refused server stops them;
  the dry run is a second guard.
* Mode ``printer``: ``create <kind>`` and ``run`` would work offline with ``--dry-run=client``,
  so they run with ``-o rbkb-parse-only`` appended: kubectl checks flags, required flags and the
  NAME argument, then fails building the printer ("unable to match a printer ... rbkb-parse-only")
  before it creates or prints anything.  Some values are checked only after the printer (``run
  --restart``, ``create rolebinding --serviceaccount``), so a line the printer guard accepts runs once
  more with ``--dry-run=client -o name``: kubectl builds the object in memory and prints its name,
  sending nothing.  Lines that attach to the container (``-i``, ``-t``, ``--attach``, ``--rm``) skip
  that second run: kubectl refuses a dry run for them.
* Mode ``help``: everything else (config set-*/use-context/delete-*/rename-context, kustomize,
  completion, proxy, plugin, cp, edit, debug, certificate, cluster-info dump, unknown commands,
  and any line that names its own server, kubeconfig, context or a URL) runs with ``--help``
  inserted right after the sub-command words.  kubectl then only parses (flags, values) and
  prints help.  If the help printed belongs to a command group and the line has more words,
  kubectl would have reported "unknown command": that counts as a rejection.
* ``kubectl argo rollouts ...`` needs the plugin, which is not installed: skipped (unless the
  line puts flags before the plugin name, which kubectl itself rejects before looking for it).

Verdict: **accepted** when kubectl exits 0, or fails only after parsing (it reached the refused
server, could not find a local file, or hit the printer guard); **rejected** otherwise, with
kubectl's first error line as the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rbkb.grammar import parse_argv
from rbkb.grammar.model import grammar

KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
- name: refused
  cluster:
    server: https://127.0.0.1:1
contexts:
- name: refused
  context:
    cluster: refused
    user: nobody
    namespace: default
current-context: refused
users:
- name: nobody
  user:
    token: rbkb-not-a-real-token
"""

READ_ONLY = {
    ("get",), ("describe",), ("logs",), ("top", "pod"), ("top", "node"), ("events",), ("explain",),
    ("api-resources",), ("api-versions",), ("version",), ("cluster-info",), ("auth", "can-i"),
    ("auth", "whoami"), ("rollout", "status"), ("rollout", "history"), ("wait",), ("diff",),
    ("config", "view"), ("config", "get-contexts"), ("config", "current-context"),
    ("config", "get-clusters"), ("config", "get-users"),
}
SERVER_GATED = {
    ("apply",), ("delete",), ("scale",), ("patch",), ("label",), ("annotate",), ("rollout", "restart"),
    ("rollout", "pause"), ("rollout", "resume"), ("rollout", "undo"), ("set", "image"), ("set", "env"),
    ("set", "resources"), ("set", "selector"), ("set", "serviceaccount"), ("set", "subject"), ("cordon",),
    ("uncordon",), ("drain",), ("taint",), ("autoscale",), ("expose",), ("replace",), ("exec",), ("attach",),
    ("port-forward",), ("auth", "reconcile"), ("create",),
}
# flags that would point kubectl somewhere else than the refusing sandbox server
_REDIRECT = re.compile(r"^(?:--(?:server|kubeconfig|context|cluster|user|token)(?:=|$)|-s)")
SENTINEL_OUTPUT = "rbkb-parse-only"

_SERVER_REACHED = ("127.0.0.1:1", "connection refused", "Unable to connect to the server")
_AFTER_PARSE = (
    "does not exist",
    "no such file or directory",
    f'output format "{SENTINEL_OUTPUT}"',
    "current-context is not set",
    "not found",  # kubectl config get-contexts NAME
)


@dataclass
class Verdict:
    accepted: bool | None  # None: not checked (plugin not installed)
    mode: str
    argv: list[str]
    returncode: int | None
    detail: str


# kubectl's own error messages, mapped to the grammar rule that describes the same problem
_RULE_OF_MESSAGE = [
    # kubectl logs prints its usage for both "no pod" and "too many arguments"
    (r"expected 'logs", "RB204|RB206"),
    (r"unknown command|flags cannot be placed before plugin name|would report unknown command", "RB201"),
    (r"unknown flag|unknown shorthand flag|bad flag syntax", "RB202"),
    (r"invalid argument|flag needs an argument|Invalid dry-run value|invalid cascade value|accepts only|"
     r"unable to match a printer|must be one of|--output must be|Unsupported shell type|"
     r"must be greater than or equal to 0|invalid restart policy|valid --types are|serviceaccount must be", "RB203"),
    (r"required flag\(s\)|must specify|required resource not specified|unrecognized condition|"
     r"are required for port-forward|at least one command|must provide one or more resources|"
     r"exactly one NAME is required|You must specify the type of resource|is a required argument|"
     r"at least one (label|annotation) update", "RB204"),
    (r"Unexpected args|extra arguments|unexpected arguments|is not supported anymore|only a selector|"
     r"no need to specify a resource type|name cannot be provided|must be specified with no arguments", "RB206"),
]


def rules_of(detail: str) -> set[str]:
    """The grammar rule(s) matching a kubectl error message (empty when unknown)."""
    for pattern, rules in _RULE_OF_MESSAGE:
        if re.search(pattern, detail):
            return set(rules.split("|"))
    return set()


def kubectl_available() -> bool:
    return shutil.which("kubectl") is not None


class Sandbox:
    """Temporary HOME, working directory and refusing kubeconfig."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="rbkb-kubectl-"))
        (self.dir / "kubeconfig").write_text(KUBECONFIG, encoding="utf-8")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.dir),
            "KUBECONFIG": str(self.dir / "kubeconfig"),
            "LANG": "C",
            "LC_ALL": "C",
        }

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, argv: list[str], timeout: float = 60) -> tuple[int, str]:
        r = subprocess.run(
            argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=self.env, cwd=self.dir,
            timeout=timeout,
        )
        out = "\n".join(
            line for line in (r.stderr + "\n" + r.stdout).splitlines()
            if line.strip() and "memcache.go" not in line
        )
        return r.returncode, out


def _split_dash(argv: list[str]) -> tuple[list[str], list[str]]:
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], argv[i:]
    return argv, []


def plan(argv: list[str]) -> tuple[str, list[str]]:
    """The mode and the exact argv to run for one kubectl command line."""
    parsed, _ = parse_argv(argv)
    head, tail = _split_dash(list(argv))
    if parsed is not None and parsed.tool == "argo-rollouts":
        return "plugin", argv
    if parsed is not None and parsed.tool == "kubectl" and parsed.command is None and not parsed.path:
        # an unknown top-level command, or flags before a plugin name: kubectl refuses both before
        # looking for a plugin; "--help" goes last (kubectl treats a leading one as a plugin flag)
        return "help", [*head, "--help", *tail]
    path = parsed.path if parsed is not None else ()
    known = parsed is not None and parsed.command is not None
    redirect = any(_REDIRECT.match(w) for w in head) or any("://" in w for w in head) or "--local" in head
    stray_group = parsed is not None and parsed.command is not None and parsed.command.is_group \
        and bool(parsed.positionals) and path not in (("create",), ("apply",), ("cluster-info",))
    if known and not redirect and not stray_group:
        if path in READ_ONLY:
            return "run", list(argv)
        if path in SERVER_GATED:
            cmd = grammar("kubectl").commands[path]
            extra = []
            if "dry-run" in cmd.long and not any(w.startswith("--dry-run") for w in head):
                extra = ["--dry-run=server"]
            return "run+dry-run", [*head, *extra, *tail]
        if path == ("run",) or (path[:1] == ("create",) and len(path) >= 2 and not parsed.command.is_group):
            return "printer", [*head, "-o", SENTINEL_OUTPUT, *tail]
    at = parsed.path_end if parsed is not None else 1
    at = min(at, len(head))
    return "help", [*head[:at], "--help", *head[at:], *tail]


def verdict(argv: list[str], sandbox: Sandbox) -> Verdict:
    mode, run_argv = plan(list(argv))
    if mode == "plugin":
        if shutil.which("kubectl-argo-rollouts") is None:
            return Verdict(None, mode, run_argv, None, "kubectl-argo-rollouts plugin not installed")
        head, tail = _split_dash(list(argv))
        parsed, _ = parse_argv(argv)
        at = min(parsed.path_end if parsed else 3, len(head))
        mode, run_argv = "help", [*head[:at], "--help", *head[at:], *tail]
    rc, out = sandbox.run(run_argv)
    first = next((line for line in out.splitlines() if re.search(r"(?i)error|unknown|invalid|must|required|"
                                                                 r"unexpected|expected|only", line)), "")
    first = first or (out.splitlines()[0] if out else "")
    if mode == "help":
        if rc != 0:
            return Verdict(False, mode, run_argv, rc, first)
        parsed, _ = parse_argv(argv)
        if "Available Commands:" in out and parsed is not None and parsed.positionals \
                and (parsed.command is None or parsed.command.is_group):
            usage = re.search(r"^Usage:\n\s+(.*)$", out, re.M)
            return Verdict(False, mode, run_argv, rc,
                           f"kubectl resolved the command group ({usage.group(1) if usage else '?'}) and "
                           f"would report unknown command {parsed.positionals[0]!r}")
        return Verdict(True, mode, run_argv, rc, "parsed (help printed)")
    if rc == 0:
        return Verdict(True, mode, run_argv, rc, "exit 0")
    if any(s in out for s in _SERVER_REACHED):
        return Verdict(True, mode, run_argv, rc, "parsed, then the refused server")
    if any(s in out for s in _AFTER_PARSE):
        if mode == "printer" and (dry := _client_dry_run(list(argv))) is not None:
            return verdict_of_run("printer+dry-run=client", dry, sandbox)
        return Verdict(True, mode, run_argv, rc, "parsed: " + first)
    return Verdict(False, mode, run_argv, rc, first)


_ATTACHING = ("stdin", "tty", "attach", "rm")


def _client_dry_run(argv: list[str]) -> list[str] | None:
    """The line as a client-side dry run (nothing is sent), or None when kubectl would refuse a dry run for it."""
    parsed, _ = parse_argv(argv)
    if parsed is None or parsed.has(*_ATTACHING) or parsed.has("dry-run"):
        return None
    head, tail = _split_dash(argv)
    return [*head, "--dry-run=client", *([] if parsed.has("output") else ["-o", "name"]), *tail]


def verdict_of_run(mode: str, run_argv: list[str], sandbox: Sandbox) -> Verdict:
    rc, out = sandbox.run(run_argv)
    first = next((line for line in out.splitlines() if re.search(r"(?i)error|invalid|must", line)), "")
    if rc == 0 or any(s in out for s in (*_SERVER_REACHED, *_AFTER_PARSE)):
        return Verdict(True, mode, run_argv, rc, "parsed (client dry run)")
    return Verdict(False, mode, run_argv, rc, first or out[:200])
