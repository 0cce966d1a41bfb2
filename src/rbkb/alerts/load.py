"""data/metrics.yaml + data/alerts.yaml -> a checked AlertSet, with every problem of the run at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..datafile import load_file, read_located
from ..load import LoadResult
from ..model import Repository
from ..problems import Problem, RepositoryError, errors
from ..yamlpos import Located
from .check import alert_problems, catalogue_problems, link_problems, notification_problems
from .model import AlertFile, MetricCatalogue

METRICS_FILE = "data/metrics.yaml"
ALERTS_FILE = "data/alerts.yaml"


@dataclass(frozen=True)
class AlertSet:
    """The metric catalogue and the alert file, checked against each other and against the runbooks."""

    metrics: MetricCatalogue
    alerts: AlertFile


def check_alerts(root: Path, repo: Repository | None,
                 located: dict[str, Located] | None = None) -> tuple[AlertSet | None, list[Problem]]:
    """Load and cross-check both files. Runbook links are checked only when the runbooks loaded (`repo`)."""
    problems: list[Problem] = []
    if not alerts_defined(root):
        return None, _undefined_alerts(repo, located)  # a repository without alerts; its runbooks must list none
    metrics = load_file(root, METRICS_FILE, MetricCatalogue, problems)
    alerts = load_file(root, ALERTS_FILE, AlertFile, problems)
    lines = {**(located or {}), **{p.rel: p.located for p in (metrics, alerts) if p.located is not None}}

    def line_of(rel: str, path: tuple[str | int, ...]) -> int:
        if rel not in lines:  # a runbook the caller did not map: parse it only now that a problem points into it
            found = read_located(root, rel, [])
            if found is None:
                return 1
            lines[rel] = found
        return lines[rel].line_of(path)

    catalogue = metrics.model
    definitions = alerts.model
    if catalogue is not None:
        problems += catalogue_problems(catalogue, METRICS_FILE, line_of)
    if catalogue is not None and definitions is not None:
        problems += alert_problems(definitions, catalogue, repo, ALERTS_FILE, line_of)
    if definitions is not None:
        problems += notification_problems(definitions, repo, ALERTS_FILE, line_of)
        if repo is not None:
            problems += link_problems(definitions, repo, ALERTS_FILE, line_of)
    problems.sort(key=lambda p: (p.file, p.line, p.rule))
    if errors(problems) or catalogue is None or definitions is None:
        return None, problems
    return AlertSet(catalogue, definitions), problems


def _undefined_alerts(repo: Repository | None, located: dict[str, Located] | None) -> list[Problem]:
    found = []
    for rb in repo.runbooks if repo else ():
        rel = repo.sources.get(rb.id, f"runbooks/{rb.id}.yaml")  # type: ignore[union-attr]
        for j, name in enumerate(rb.alerts):
            line = located[rel].line_of(("alerts", j)) if located and rel in located else 1
            found.append(Problem(rel, line, "RB603", f"alerts.{j}", f"alert {name} is not defined in {ALERTS_FILE}"))
    return found


def lint_alerts(root: Path, result: LoadResult) -> list[Problem]:
    """The alert problems `runbook lint` reports, with runbook lines from the runbooks' own load."""
    return check_alerts(root, result.repo, result.located)[1]


def alerts_defined(root: Path) -> bool:
    """Whether the repository has alert data at all (a minimal repository may have runbooks only)."""
    return (root / METRICS_FILE).exists() or (root / ALERTS_FILE).exists()


# (root, file stamps) -> (the repository checked against, its AlertSet). The site build and its macros share one load.
_CACHE: dict[tuple[Path, tuple[tuple[str, int], ...]], tuple[Repository, AlertSet]] = {}


def load_alerts(root: Path, repo: Repository) -> AlertSet:
    """The checked AlertSet, reused while its files and the runbooks are unchanged; raises RepositoryError."""
    files = [root / METRICS_FILE, root / ALERTS_FILE]
    key = (root.resolve(), tuple((str(f), f.stat().st_mtime_ns if f.exists() else 0) for f in files))
    if key in _CACHE and _CACHE[key][0] is repo:
        return _CACHE[key][1]
    alert_set, problems = check_alerts(root, repo)
    if alert_set is None:
        raise RepositoryError(errors(problems))
    _CACHE.clear()
    _CACHE[key] = (repo, alert_set)
    return alert_set
