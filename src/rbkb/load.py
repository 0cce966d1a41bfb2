"""runbooks/*.yaml + data/*.yaml -> a checked Repository, with every problem of the run reported at once."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from .datafile import Parsed, dotted, load_file
from .model import CauseCatalogue, Organisation, Repository, Runbook, placeholders
from .problems import Problem
from .versions import empty_reason
from .yamlpos import Located

M = TypeVar("M", bound=BaseModel)
_Parsed = Parsed[Any]  # one file's model (None when invalid) and its line map

RUNBOOK_DIR = "runbooks"
CATALOGUE_FILE = "data/causes.yaml"
ORGANISATION_FILE = "data/organisation.yaml"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/runbook.schema.json"


@dataclass
class LoadResult:
    """The checked repository (None when any error was found), every problem, and where each field sits."""

    repo: Repository | None
    problems: list[Problem]
    located: dict[str, Located]  # file (relative) -> line map

    def line(self, rel: str, path: str) -> int:
        keys = tuple(int(k) if k.isdigit() else k for k in path.split(".")) if path else ()
        return self.located[rel].line_of(keys) if rel in self.located else 1


def load_repository(root: Path) -> tuple[Repository | None, list[Problem]]:
    """Load and cross-check everything under `root`; the repository is None when any error was found."""
    result = load(root)
    return result.repo, result.problems


def load(root: Path) -> LoadResult:
    problems: list[Problem] = []
    catalogue = _load_file(root, CATALOGUE_FILE, CauseCatalogue, problems)
    organisation = _load_file(root, ORGANISATION_FILE, Organisation, problems)
    parsed = [
        _load_file(root, str(p.relative_to(root)), Runbook, problems)
        for p in sorted((root / RUNBOOK_DIR).glob("*.yaml"))
    ]
    runbooks = [p for p in parsed if p.model is not None]
    # A runbook that failed to load has its own errors: references to it are not reported again in other files.
    unloaded = {Path(p.rel).stem for p in parsed if p.model is None}
    if not parsed:
        problems.append(Problem(RUNBOOK_DIR, 1, "RB003", "", "no runbooks found (expected runbooks/*.yaml)"))
    _check_ids(runbooks, problems)
    if organisation.model is not None:
        _check_organisation(organisation, problems)
    if catalogue.model is not None and organisation.model is not None:
        _check_references(runbooks, unloaded, catalogue.model, organisation.model, problems)
        _check_primary_runbooks(runbooks, unloaded, catalogue.model, problems, catalogue.located)
    for p in runbooks:
        _check_signatures(p, problems)
        _check_versions(p, problems)
    for p in parsed:
        _check_commands(p, problems)
    problems.sort(key=lambda p: (p.file, p.line, p.rule))
    located = {p.rel: p.located for p in (catalogue, organisation, *parsed) if p.located is not None}
    if any(p.severity == "error" for p in problems):
        return LoadResult(None, problems, located)
    repo = Repository(
        runbooks=tuple(p.model for p in runbooks),
        catalogue=catalogue.model,
        organisation=organisation.model,
        sources={p.model.id: p.rel for p in runbooks},  # type: ignore[union-attr]
    )
    return LoadResult(repo, problems, located)


@functools.lru_cache(maxsize=4)
def _cached(root: Path, stamp: tuple[tuple[str, int], ...]) -> tuple[Repository | None, tuple[Problem, ...]]:
    repo, problems = load_repository(root)
    return repo, tuple(problems)


def load_cached(root: Path) -> tuple[Repository | None, list[Problem]]:
    """load_repository, reused while no input file changed (the site build and its macros share one load)."""
    files = [*sorted((root / RUNBOOK_DIR).glob("*.yaml")), root / CATALOGUE_FILE, root / ORGANISATION_FILE]
    stamp = tuple((str(f), f.stat().st_mtime_ns if f.exists() else 0) for f in files)
    repo, problems = _cached(root.resolve(), stamp)
    return repo, list(problems)


# ----------------------------------------------------------------------------------------------------------------------
# One file
# ----------------------------------------------------------------------------------------------------------------------


def _load_file(root: Path, rel: str, model: type[M], problems: list[Problem]) -> _Parsed:
    """rbkb.datafile.load_file, plus the schema comment a runbook starts with."""
    parsed = load_file(root, rel, model, problems)
    if model is Runbook and parsed.located is not None and not (parsed.text or "").startswith(SCHEMA_COMMENT):
        problems.append(Problem(rel, 1, "RB012", "", f"first line must be `{SCHEMA_COMMENT}`"))
    return parsed


# ----------------------------------------------------------------------------------------------------------------------
# Across files
# ----------------------------------------------------------------------------------------------------------------------


def _at(p: _Parsed, *path: str | int) -> int:
    return p.located.line_of(path) if p.located else 1


def _check_ids(runbooks: list[_Parsed], problems: list[Problem]) -> None:
    counts = Counter(p.model.id for p in runbooks)  # type: ignore[union-attr]
    for p in runbooks:
        rb: Runbook = p.model  # type: ignore[assignment]
        stem = Path(p.rel).stem
        if rb.id != stem:
            problems.append(Problem(p.rel, _at(p, "id"), "RB004", "id",
                                    f"id {rb.id!r} must equal the file name {stem!r}"))
        if counts[rb.id] > 1:
            others = [o.rel for o in runbooks if o is not p and o.model.id == rb.id]  # type: ignore[union-attr]
            problems.append(Problem(p.rel, _at(p, "id"), "RB005", "id",
                                    f"duplicate id {rb.id!r} (also in {', '.join(others)})"))
        for field, items in (
            ("diagnostics", [d.id for d in rb.diagnostics]),
            ("causes", [c.id for c in rb.causes]),
            ("parameters", [x.name for x in rb.parameters]),
        ):
            for dup in sorted(k for k, n in Counter(items).items() if n > 1):
                i = items.index(dup, items.index(dup) + 1)
                problems.append(Problem(p.rel, _at(p, field, i), "RB013", f"{field}.{i}", f"{dup!r} appears twice"))


def _check_references(
    runbooks: list[_Parsed], unloaded: set[str], catalogue: CauseCatalogue, org: Organisation,
    problems: list[Problem],
) -> None:
    ids = {p.model.id for p in runbooks} | unloaded  # type: ignore[union-attr]
    causes = {c.id for c in catalogue.causes}
    teams = {t.key for t in org.teams}
    for p in runbooks:
        rb: Runbook = p.model  # type: ignore[assignment]
        for i, cause in enumerate(rb.causes):
            if cause.id not in causes:
                problems.append(Problem(p.rel, _at(p, "causes", i, "id"), "RB006", f"causes.{i}.id",
                                        f"unknown cause {cause.id!r}: add it to data/causes.yaml or use an "
                                        "existing id"))
        for i, other in enumerate(rb.related):
            if other not in ids:
                problems.append(Problem(p.rel, _at(p, "related", i), "RB007", f"related.{i}", f"no runbook {other!r}"))
            elif other == rb.id:
                problems.append(Problem(p.rel, _at(p, "related", i), "RB007", f"related.{i}",
                                        "a runbook cannot relate to itself"))
        if rb.owner not in teams:
            problems.append(Problem(p.rel, _at(p, "owner"), "RB008", "owner",
                                    f"unknown team {rb.owner!r} (data/organisation.yaml)"))
        for i, esc in enumerate(rb.escalation):
            if esc.to not in teams:
                problems.append(Problem(p.rel, _at(p, "escalation", i, "to"), "RB008", f"escalation.{i}.to",
                                        f"unknown team {esc.to!r} (data/organisation.yaml)"))
        diag_ids = {d.id for d in rb.diagnostics}
        for i, step in enumerate(rb.quick_check):
            if step not in diag_ids:
                problems.append(Problem(p.rel, _at(p, "quick_check", i), "RB011", f"quick_check.{i}",
                                        f"no diagnostic {step!r}"))


def _check_signatures(p: _Parsed, problems: list[Problem]) -> None:
    """A signal that names a cause is a signature: the cause is one of this runbook's, and it says who prints it."""
    rb: Runbook = p.model  # type: ignore[assignment]
    own = {c.id for c in rb.causes}
    for i, s in enumerate(rb.symptoms.signals):
        path = ("symptoms", "signals", i)
        if s.cause is None:
            if s.pattern or s.also or s.unless or s.example:
                problems.append(Problem(p.rel, _at(p, *path), "RB014", dotted(path),
                                        "pattern, also, unless and example belong to a signature: name its `cause`"))
            continue
        if s.cause not in own:
            problems.append(Problem(p.rel, _at(p, *path, "cause"), "RB014", dotted((*path, "cause")),
                                    f"cause {s.cause!r} has no section in this runbook"))
        for field in ("tool", "example"):
            if getattr(s, field) is None:
                problems.append(Problem(p.rel, _at(p, *path), "RB014", dotted(path),
                                        f"a signature (a signal with a cause) needs `{field}`"))


def _check_versions(p: _Parsed, problems: list[Problem]) -> None:
    rb: Runbook = p.model  # type: ignore[assignment]
    owners: list[tuple[tuple[str | int, ...], object]] = [
        *((("symptoms", "signals", i), s) for i, s in enumerate(rb.symptoms.signals)),
        *((("diagnostics", i), d) for i, d in enumerate(rb.diagnostics)),
        *((("causes", i), c) for i, c in enumerate(rb.causes)),
        *((("causes", i, "fix", j), f) for i, c in enumerate(rb.causes) for j, f in enumerate(c.fix)),
    ]
    for path, owner in owners:
        for product, spec in (getattr(owner, "versions", None) or {}).items():
            if reason := empty_reason(spec):
                where = (*path, "versions", product)
                problems.append(Problem(p.rel, _at(p, *where), "RB015", dotted(where),
                                        f"{spec!r} holds no version: {reason}"))


def _check_organisation(p: _Parsed, problems: list[Problem]) -> None:
    """Severity escalation paths and incident roles name teams of the same file (defaults included)."""
    org: Organisation = p.model  # type: ignore[assignment]
    teams = {t.key for t in org.teams}
    given = set(org.model_fields_set)

    def unknown(field: str, path: tuple[str | int, ...], key: str) -> None:
        default = "" if field in given else f" (the default {field} name it: add the team or write your own {field})"
        problems.append(Problem(p.rel, _at(p, *path), "RB008", ".".join(map(str, path)),
                                f"unknown team {key!r}{default}"))

    for i, sev in enumerate(org.severities):
        for j, key in enumerate(sev.escalation):
            if key not in teams:
                unknown("severities", ("severities", i, "escalation", j), key)
    for i, role in enumerate(org.roles):
        if role.filled_by is not None and role.filled_by not in teams:
            unknown("roles", ("roles", i, "filled_by"), role.filled_by)


def _check_primary_runbooks(runbooks: list[_Parsed], unloaded: set[str], catalogue: CauseCatalogue,
                            problems: list[Problem], located: Located | None) -> None:
    """A catalogue cause's primary runbook must exist and cover that cause."""
    covers = {p.model.id: {c.id for c in p.model.causes} for p in runbooks}  # type: ignore[union-attr]
    for i, cause in enumerate(catalogue.causes):
        if cause.runbook is None or cause.runbook in unloaded:
            continue
        line = located.line_of(("causes", i, "runbook")) if located else 1
        if cause.runbook not in covers:
            problems.append(Problem(CATALOGUE_FILE, line, "RB007", f"causes.{i}.runbook",
                                    f"no runbook {cause.runbook!r}"))
        elif cause.id not in covers[cause.runbook]:
            problems.append(Problem(CATALOGUE_FILE, line, "RB006", f"causes.{i}.runbook",
                                    f"runbook {cause.runbook!r} has no section on cause {cause.id!r}"))


def _raw_commands(data: dict) -> list[tuple[str, str]]:
    """Commands with their field paths, read from the raw YAML so an otherwise invalid runbook is checked too."""

    def items(value: object) -> list[tuple[int, dict]]:
        return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []

    def command(obj: object) -> str | None:
        return obj.get("command") if isinstance(obj, dict) and isinstance(obj.get("command"), str) else None

    found = [(f"diagnostics.{i}.command", c) for i, d in items(data.get("diagnostics")) if (c := command(d))]
    for i, cause in items(data.get("causes")):
        if c := command(cause.get("confirm")):
            found.append((f"causes.{i}.confirm.command", c))
        found += [(f"causes.{i}.fix.{j}.command", c) for j, step in items(cause.get("fix")) if (c := command(step))]
    return found


def _check_commands(p: _Parsed, problems: list[Problem]) -> None:
    data = p.located.data if p.located else None
    if not isinstance(data, dict):
        return
    params = [x for x in data.get("parameters") or [] if isinstance(x, dict)] \
        if isinstance(data.get("parameters"), list) else []
    declared = {x.get("name") for x in params}
    used: set[str] = set()
    for path, text in _raw_commands(data):
        for name in placeholders(text):
            used.add(name)
            if name not in declared:
                keys = tuple(int(k) if k.isdigit() else k for k in path.split("."))
                problems.append(Problem(p.rel, _at(p, *keys), "RB009", path,
                                        f"placeholder <{name}> is not declared in parameters"))
    diagnostics = data.get("diagnostics")
    for i, diagnostic in enumerate(diagnostics if isinstance(diagnostics, list) else []):
        captures = diagnostic.get("captures") if isinstance(diagnostic, dict) else None
        for j, capture in enumerate(captures if isinstance(captures, list) else []):
            target = capture.get("parameter") if isinstance(capture, dict) else None
            if isinstance(target, str) and target not in declared:
                where = ("diagnostics", i, "captures", j, "parameter")
                problems.append(Problem(p.rel, _at(p, *where), "RB009", dotted(where),
                                        f"captures <{target}>, which is not declared in parameters"))
    for i, param in enumerate(params):
        if isinstance(param.get("name"), str) and param["name"] not in used:
            problems.append(Problem(p.rel, _at(p, "parameters", i, "name"), "RB010", f"parameters.{i}",
                                    f"parameter {param['name']!r} is never used in a command"))
