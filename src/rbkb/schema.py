"""JSON Schemas generated from the model, so editors complete and check runbook YAML as it is typed."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .alerts.model import AlertFile, MetricCatalogue
from .cards.model import CardSet
from .execute.tools import Toolbox
from .model import CauseCatalogue, Organisation, Runbook
from .training.model import Drill, Lab
from .triage_tree import TriageTree
from .versions import VerifiedVersions

SCHEMAS: dict[str, type[BaseModel]] = {
    "runbook.schema.json": Runbook,
    "causes.schema.json": CauseCatalogue,
    "organisation.schema.json": Organisation,
    "alerts.schema.json": AlertFile,
    "metrics.schema.json": MetricCatalogue,
    "cards.schema.json": CardSet,
    "triage.schema.json": TriageTree,
    "tools.schema.json": Toolbox,
    "versions.schema.json": VerifiedVersions,
    "drill.schema.json": Drill,
    "lab.schema.json": Lab,
}

# Data files and the schema their first line points editors at (runbooks are checked by the loader itself).
DATA_SCHEMAS: dict[str, str] = {
    "data/causes.yaml": "causes.schema.json",
    "data/organisation.yaml": "organisation.schema.json",
    "data/alerts.yaml": "alerts.schema.json",
    "data/metrics.yaml": "metrics.schema.json",
    "data/cards.yaml": "cards.schema.json",
    "data/triage.yaml": "triage.schema.json",
    "data/tools.yaml": "tools.schema.json",
    "data/versions.yaml": "versions.schema.json",
    "data/training/drills/*.yaml": "drill.schema.json",
    "training/labs/*/scenario.yaml": "lab.schema.json",
}


def render_schema(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def stale_schemas(schema_dir: Path) -> list[str]:
    """Names of schema files that are missing or differ from the model."""
    return [
        name
        for name, model in SCHEMAS.items()
        if not (schema_dir / name).exists() or (schema_dir / name).read_text(encoding="utf-8") != render_schema(model)
    ]


def write_schemas(schema_dir: Path) -> list[str]:
    schema_dir.mkdir(parents=True, exist_ok=True)
    changed = stale_schemas(schema_dir)
    for name in changed:
        (schema_dir / name).write_text(render_schema(SCHEMAS[name]), encoding="utf-8")
    return changed
