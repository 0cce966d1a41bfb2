"""data/training/drills/*.yaml and training/labs/<name>/ -> a checked Training, with every problem at once.

Shape problems reuse the runbook rules (RB001 syntax, RB002 duplicate key, RB003 schema, RB004 id/file name);
references into the runbooks and the lab manifests have their own:

- RB701 a runbook, cause or check that does not exist (or a cause the runbook has no section on)
- RB702 a runbook in no drill family (warning) or in two
- RB703 a lab manifest that is not one named object, sets its own namespace, or needs an undeclared prerequisite
- RB704 an image without a pinned tag or digest (`:latest` counts as unpinned)
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from ..datafile import dotted, parse_located, read_located, read_text, validate
from ..model import Repository
from ..problems import Problem
from ..yamlpos import FAST_LOADER, Located
from .model import DRILL_DIR, LABS_DIR, CauseRef, Drill, Lab, LoadedLab, Manifest, Training

_LAB_NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers")


def load_training(root: Path, repo: Repository | None) -> tuple[Training | None, list[Problem]]:
    """Load drills and labs; cross-check them against `repo` when it loaded. None when any error was found."""
    problems: list[Problem] = []
    drills = [_drill(root, p, problems) for p in sorted((root / DRILL_DIR).glob("*.yaml"))]
    labs = [_lab(root, d, problems) for d in sorted((root / LABS_DIR).glob("*")) if d.is_dir()]
    good_drills = [d for d in drills if d is not None]
    good_labs = [lab for lab in labs if lab is not None]
    if repo is not None:
        _check_drills(good_drills, repo, problems)
        for lab, located in good_labs:
            _check_lab_refs(lab, located, repo, problems)
    problems.sort(key=lambda p: (p.file, p.line, p.rule))
    if any(p.severity == "error" for p in problems):
        return None, problems
    sources = {d.id: rel for d, _loc, rel in good_drills} | {lab.name: _scenario_rel(lab.name) for lab, _ in good_labs}
    return Training(tuple(d for d, _l, _r in good_drills), tuple(lab for lab, _ in good_labs), sources), problems


# ----------------------------------------------------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------------------------------------------------


def _parse(root: Path, rel: str, problems: list[Problem], text: str | None = None) -> Located | None:
    located = read_located(root, rel, problems) if text is None else parse_located(rel, text, problems)
    if located is not None and not isinstance(located.data, dict):
        problems.append(Problem(rel, 1, "RB003", "", "expected a mapping at the top level"))
        return None
    return located


def _drill(root: Path, path: Path, problems: list[Problem]) -> tuple[Drill, Located, str] | None:
    rel = str(path.relative_to(root))
    located = _parse(root, rel, problems)
    drill = validate(rel, located, Drill, problems) if located else None
    if drill is None or located is None:
        return None
    if drill.id != path.stem:
        problems.append(Problem(rel, located.line_of(("id",)), "RB004", "id",
                                f"id {drill.id!r} must equal the file name {path.stem!r}"))
    return drill, located, rel


def _scenario_rel(name: str) -> str:
    return f"{LABS_DIR}/{name}/scenario.yaml"


def _lab(root: Path, lab_dir: Path, problems: list[Problem]) -> tuple[LoadedLab, Located] | None:
    name, rel = lab_dir.name, _scenario_rel(lab_dir.name)
    if not _LAB_NAME_RE.match(name) or len(name) > 59:
        problems.append(Problem(f"{LABS_DIR}/{name}", 1, "RB703", "", "a lab directory name must be a DNS label "
                                "of at most 59 characters: it becomes the namespace `lab-<name>`"))
        return None
    if not (root / rel).exists():
        problems.append(Problem(rel, 1, "RB003", "", "file not found: every lab needs its scenario.yaml"))
        return None
    located = _parse(root, rel, problems)
    scenario = validate(rel, located, Lab, problems) if located else None
    manifests = _manifests(root, lab_dir, problems)
    if scenario is None or located is None or manifests is None:
        return None
    lab = LoadedLab(name, scenario, manifests)
    _check_lab_manifests(lab, located, problems)
    return lab, located


def _manifests(root: Path, lab_dir: Path, problems: list[Problem]) -> tuple[Manifest, ...] | None:
    files = sorted((lab_dir / "manifests").glob("*.yaml"))
    if not files:
        problems.append(Problem(str(lab_dir.relative_to(root)), 1, "RB703", "",
                                "no manifests: put one Kubernetes object per file in manifests/*.yaml"))
        return None
    found, ok = [], True
    for path in files:
        rel = str(path.relative_to(root))
        text = read_text(root, rel, problems)
        if text is not None and _documents(text) > 1:
            problems.append(Problem(rel, 1, "RB703", "", "one Kubernetes object per file: split the `---` documents"))
            text = None
        located = None if text is None else _parse(root, rel, problems, text)
        if text is None or located is None:
            ok = False
            continue
        ok &= _check_object(rel, located, problems)
        found.append(Manifest(rel, text, located.data))
    return tuple(found) if ok else None


def _documents(text: str) -> int:
    try:
        return sum(isinstance(e, yaml.DocumentStartEvent) for e in yaml.parse(text, Loader=FAST_LOADER))
    except yaml.YAMLError:
        return 1  # the single-document parse reports the syntax error with its line


def _check_object(rel: str, located: Located, problems: list[Problem]) -> bool:
    data, before = located.data, len(problems)
    for key in ("apiVersion", "kind"):
        if not isinstance(data.get(key), str):
            problems.append(Problem(rel, 1, "RB703", key, f"`{key}` is required"))
    meta = data.get("metadata")
    if not isinstance(meta, dict) or not isinstance(meta.get("name"), str):
        problems.append(Problem(rel, located.line_of(("metadata",)), "RB703", "metadata.name",
                                "`metadata.name` is required"))
    elif "namespace" in meta:
        problems.append(Problem(rel, located.line_of(("metadata", "namespace")), "RB703", "metadata.namespace",
                                "leave the namespace out: the lab applies every manifest with `-n lab-<name>`"))
    for path, image in _images(data, ()):
        if not pinned(image):
            problems.append(Problem(rel, located.line_of(path), "RB704", dotted(path),
                                    f"image {image!r} is not pinned: give a version tag (not :latest) or a digest"))
    return len(problems) == before


def _images(node: Any, path: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every container image in an object, with its path (pods, pod templates, job templates alike)."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _CONTAINER_LISTS and isinstance(value, list):
                found += [((*path, key, i, "image"), c["image"]) for i, c in enumerate(value)
                          if isinstance(c, dict) and isinstance(c.get("image"), str)]
            found += _images(value, (*path, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _images(item, (*path, i))
    return found


def pinned(image: str) -> bool:
    """A digest, or a tag other than `latest` (`registry:5000/app` has a port, not a tag)."""
    if "@sha256:" in image:
        return True
    last = image.rsplit("/", 1)[-1]
    return ":" in last and last.rsplit(":", 1)[1] not in ("", "latest")


# ----------------------------------------------------------------------------------------------------------------------
# Across files
# ----------------------------------------------------------------------------------------------------------------------


def _cause_problem(ref: CauseRef, repo: Repository) -> str | None:
    ids = {rb.id for rb in repo.runbooks}
    if ref.runbook not in ids:
        return f"no runbook {ref.runbook!r}"
    if ref.cause not in {c.id for c in repo.runbook(ref.runbook).causes}:
        return f"runbook {ref.runbook!r} has no section on cause {ref.cause!r}"
    return None


def _check_drills(drills: list[tuple[Drill, Located, str]], repo: Repository, problems: list[Problem]) -> None:
    ids = {rb.id for rb in repo.runbooks}
    owners: dict[str, list[str]] = {}
    for drill, located, rel in drills:
        def add(path: tuple[str | int, ...], message: str, rule: str = "RB701") -> None:
            problems.append(Problem(rel, located.line_of(path), rule, dotted(path), message))  # noqa: B023

        for i, rb_id in enumerate(drill.runbooks):
            owners.setdefault(rb_id, []).append(rel)
            if rb_id not in ids:
                add(("runbooks", i), f"no runbook {rb_id!r}")
        for i, ex in enumerate(drill.exhibits):
            if ex.check is None:
                continue
            if ex.check.runbook not in ids:
                add(("exhibits", i, "check", "runbook"), f"no runbook {ex.check.runbook!r}")
            elif ex.check.check not in {d.id for d in repo.runbook(ex.check.runbook).diagnostics}:
                add(("exhibits", i, "check", "check"), f"runbook {ex.check.runbook!r} has no check {ex.check.check!r}")
        for i, q in enumerate(drill.questions):
            if message := _cause_problem(q.cause, repo):
                add(("questions", i, "cause"), message)
    for rb_id, files in owners.items():
        if len(files) > 1:
            problems.append(Problem(files[-1], 1, "RB702", "runbooks",
                                    f"runbook {rb_id!r} is in two drill families ({', '.join(files)})"))
    # A repository without drills has nothing to cover yet; once it has some, every runbook needs a family.
    for rb_id in sorted(ids - owners.keys()) if drills else []:
        problems.append(Problem(DRILL_DIR, 1, "RB702", "", f"runbook {rb_id!r} is in no drill family: add it to the "
                                "`runbooks` list of the drill that trains its family", "warning"))


def _check_lab_refs(lab: LoadedLab, located: Located, repo: Repository, problems: list[Problem]) -> None:
    rel = _scenario_rel(lab.name)
    if message := _cause_problem(CauseRef(runbook=lab.scenario.runbook, cause=lab.scenario.cause), repo):
        problems.append(Problem(rel, located.line_of(("cause",)), "RB701", "cause", message))


def _check_lab_manifests(lab: LoadedLab, located: Located, problems: list[Problem]) -> None:
    rel = _scenario_rel(lab.name)
    names = Counter((m.kind, m.name) for m in lab.manifests)
    for (kind, name), n in names.items():
        if n > 1:
            problems.append(Problem(rel, 1, "RB703", "", f"{kind} {name!r} is defined {n} times in manifests/"))
    argo = [m for m in lab.manifests if str(m.data.get("apiVersion", "")).startswith("argoproj.io/")]
    if argo and "argo-rollouts" not in lab.scenario.requires:
        problems.append(Problem(rel, located.line_of(("requires",)), "RB703", "requires",
                                f"{argo[0].file} is an Argo Rollouts object: list `argo-rollouts` in `requires`"))
    update = lab.scenario.update
    if update is None:
        return
    rollout = next((m for m in lab.manifests if m.kind == "Rollout" and m.name == update.rollout), None)
    containers = [c.get("name") for c in _pod_containers(rollout.data)] if rollout else []
    if rollout is None:
        problems.append(Problem(rel, located.line_of(("update", "rollout")), "RB703", "update.rollout",
                                f"no Rollout {update.rollout!r} in manifests/"))
    elif update.container not in containers:
        problems.append(Problem(rel, located.line_of(("update", "container")), "RB703", "update.container",
                                f"Rollout {update.rollout!r} has no container {update.container!r}"))
    if not pinned(update.image):
        problems.append(Problem(rel, located.line_of(("update", "image")), "RB704", "update.image",
                                f"image {update.image!r} is not pinned: give a version tag (not :latest) or a digest"))


def _pod_containers(data: dict[str, Any]) -> list[dict[str, Any]]:
    spec = ((data.get("spec") or {}).get("template") or {}).get("spec") or {}
    return [c for c in spec.get("containers") or [] if isinstance(c, dict)]
