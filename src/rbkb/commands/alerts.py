"""`runbook alerts`: write the Prometheus rules, promtool tests, notification ConfigMaps and Grafana dashboard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import urls
from ..alerts.load import load_alerts
from ..load import load_repository
from ..problems import RepositoryError, errors
from ..render.alerts_files import generated_files


def expected_files(root: Path) -> dict[str, str]:
    """What deploy/ must contain, from the data files; raises RepositoryError when they have problems."""
    repo, problems = load_repository(root)
    if repo is None:
        raise RepositoryError(errors(problems))
    return generated_files(load_alerts(root, repo), urls.site_url(root))


def stale_files(root: Path, files: dict[str, str]) -> list[str]:
    """Generated files that are missing from `root` or differ from `files`."""
    return [rel for rel, text in files.items()
            if not (root / rel).exists() or (root / rel).read_text(encoding="utf-8") != text]


def alerts(root: Path, *, check: bool) -> int:
    try:
        files = expected_files(root)
    except RepositoryError as e:
        print(e, file=sys.stderr)
        return 1
    stale = stale_files(root, files)
    if check:
        for rel in stale:
            print(f"{rel}: stale; run `runbook alerts`")
        return 1 if stale else 0
    for rel in stale:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(files[rel], encoding="utf-8")
        print(f"wrote {rel}")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("alerts", help="write the alert rules, promtool tests, notification ConfigMaps and dashboard "
                                      "into deploy/ from data/alerts.yaml and data/metrics.yaml")
    p.add_argument("--check", action="store_true", help="exit 1 when a generated file is stale instead of writing")
    p.set_defaults(func=lambda a: alerts(a.root, check=a.check))
