"""`runbook schema`: regenerate schema/*.schema.json from the model (or check they are current)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..schema import stale_schemas, write_schemas


def schema(root: Path, *, check: bool) -> int:
    schema_dir = root / "schema"
    if check:
        stale = stale_schemas(schema_dir)
        for name in stale:
            print(f"schema/{name}: stale; run `runbook schema`")
        return 1 if stale else 0
    for name in write_schemas(schema_dir):
        print(f"wrote schema/{name}")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="write the JSON Schemas generated from the model into schema/")
    p.add_argument("--check", action="store_true", help="exit 1 when a schema file is stale instead of writing")
    p.set_defaults(func=lambda a: schema(a.root, check=a.check))
