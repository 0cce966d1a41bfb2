"""`runbook doctor`: are the tools here, does the cluster answer, may this identity run every check?"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import urls
from ..execute.permissions import Need, Permission, required
from ..execute.process import run_process
from ..execute.tools import Tool, ToolsFileError, load_tools, probe
from ..load import load_repository
from ..model import Repository
from ..render.tools import TOOLS_DOC
from ..render.versions import VERSIONS_DOC
from ..versions import describe, not_applying, parse_version, show

PROBE_TIMEOUT = 10.0


def doctor(root: Path, *, context: str | None, kubeconfig: str | None, namespace: str | None,
           timeout: float) -> int:
    try:
        tools = load_tools(root)
    except ToolsFileError as e:
        print(e)
        return 1
    kubectl = ["kubectl", *(["--context", context] if context else []),
               *(["--kubeconfig", kubeconfig] if kubeconfig else [])]
    ok = _check_tools(tools, urls.page_url(urls.site_url(root), TOOLS_DOC))
    print("\nCluster")
    if not _check_cluster(kubectl, timeout):
        print("  permissions: not checked (no API server answered)")
        return 1
    repo, problems = load_repository(root)
    if repo is None:
        print(f"  permissions: not checked ({len(problems)} problem(s) loading runbooks; run `runbook lint`)")
        return 1
    _check_controllers(kubectl, timeout, repo, urls.page_url(urls.site_url(root), VERSIONS_DOC))
    return 0 if ok and _check_permissions(kubectl, required(repo), namespace, timeout) else 1


def _check_tools(tools: Sequence[Tool], page: str) -> bool:
    print("Tools")
    ok = True
    with ThreadPoolExecutor(max_workers=4) as pool:
        probes = list(pool.map(lambda t: probe(t, PROBE_TIMEOUT), tools))
    for tool, (path, version) in zip(tools, probes, strict=True):
        if path:
            print(f"  ok       {tool.name:<22} {version}")
            continue
        ok = ok and not tool.required
        print(f"  {'MISSING' if tool.required else 'absent':<8} {tool.name:<22} {tool.purpose.strip().split('. ')[0]}")
        print(f"           install: {tool.install.strip()}")
    print(f"  Install guide: {page}")
    return ok


def _check_cluster(kubectl: list[str], timeout: float) -> bool:
    current = run_process([*kubectl, "config", "current-context"], timeout=PROBE_TIMEOUT)
    context = current.stdout.strip() if current.ok else f"none ({_last_line(current.stderr)})"
    print(f"  context: {context}")
    version = run_process([*kubectl, "version", "--output=json", f"--request-timeout={timeout:g}s"],
                          timeout=timeout + PROBE_TIMEOUT)
    try:
        server = json.loads(version.stdout)["serverVersion"]["gitVersion"]
    except (ValueError, KeyError, TypeError):
        why = "timed out" if version.timed_out else _last_line(version.stderr) or "no server version"
        print(f"  API server: does not answer within {timeout:g}s: {why}")
        return False
    print(f"  API server: answers ({server})")
    return True


def _check_controllers(kubectl: list[str], timeout: float, repo: Repository, page: str) -> None:
    """The versions of the Argo CD and Argo Rollouts controllers this identity can see, and the runbooks'
    statements that do not hold for them (informational)."""
    from ..tools import all_tools
    from ..tools.controllers import describe, query, running

    controllers = [c for tool in all_tools() for c in tool.controllers]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda c: run_process([*kubectl, *query(c), f"--request-timeout={timeout:g}s"],
                                                      timeout=timeout + PROBE_TIMEOUT), controllers))
    print("\nControllers (image tags of the workloads labelled as each; version-dependent advice follows them)")
    for controller, result in zip(controllers, results, strict=True):
        found = running(controller, result.stdout) if result.ok else []
        if not result.ok:
            print(f"  {controller.name}: not visible ({_last_line(result.stderr) or 'no answer'})")
        elif not found:
            print(f"  {controller.name}: none found (no Deployment or StatefulSet labelled {controller.selector})")
        for r in found:
            print(f"  {controller.name}: {describe(r)}")
        print("".join(_not_applying(repo, controller.product, {r.version for r in found}, page)), end="")


def _not_applying(repo: Repository, product: str, tags: set[str], page: str) -> list[str]:
    """Lines naming the statements that do not hold for the versions found, one block per version."""
    out = []
    for tag in sorted(tags):
        version = parse_version(tag)
        if version is None:
            continue
        skip = not_applying(repo, product, version)
        if skip:
            out.append(f"    {len(skip)} statement(s) in the runbooks do not hold for {show(version)}:\n")
            out += [f"      {s.runbook}: {s.what} (holds for {describe({s.product: s.spec})})\n" for s in skip]
            out.append(f"    See {page}\n")
    return out


def _check_permissions(kubectl: list[str], needs: Sequence[Need], namespace: str | None, timeout: float) -> bool:
    by_permission: dict[Permission, list[Need]] = {}
    for need in needs:
        by_permission.setdefault(need.permission, []).append(need)
    scope = ["-n", namespace] if namespace else []

    def allowed(perm: Permission) -> bool:
        result = run_process([*kubectl, "auth", "can-i", *perm.can_i_args(), *scope,
                              f"--request-timeout={timeout:g}s"], timeout=timeout + PROBE_TIMEOUT)
        return result.stdout.strip() == "yes"

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = dict(zip(by_permission, pool.map(allowed, by_permission), strict=True))
    denied = [p for p, yes in answers.items() if not yes]
    where = f"namespace {namespace}" if namespace else "the context's namespace"
    print(f"\nPermissions (kubectl auth can-i, {where}): {len(answers) - len(denied)} of {len(answers)} granted")
    for perm in denied:
        steps = by_permission[perm]
        shown = ", ".join(f"{n.runbook} {n.step}" for n in steps[:3]) + (f" and {len(steps) - 3} more"
                                                                           if len(steps) > 3 else "")
        print(f"  no: {perm}  (needed by {shown})")
    if denied:
        print("  deploy/rbac/readonly.yaml grants what the checks read; argocd commands use Argo CD RBAC instead.")
    return not denied


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check tools, cluster access and read permissions for the runbooks",
                       description=__doc__)
    p.add_argument("--context", help="kubeconfig context to check (default: the current one)")
    p.add_argument("--kubeconfig", help="kubeconfig file to use")
    p.add_argument("-n", "--namespace", help="namespace to check permissions in (default: the context's)")
    p.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for the API server (default: 5)")
    p.set_defaults(func=lambda a: doctor(a.root, context=a.context, kubeconfig=a.kubeconfig, namespace=a.namespace,
                                         timeout=a.timeout))
