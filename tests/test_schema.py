"""The JSON Schemas in schema/ are generated from the model and current; every runbook validates against them."""

from __future__ import annotations

import json

import jsonschema
import yaml
from conftest import ROOT

from rbkb.schema import SCHEMAS, render_schema, stale_schemas


def test_schemas_are_current() -> None:
    assert stale_schemas(ROOT / "schema") == [], "run `runbook schema` and commit schema/"


def test_stale_schema_is_detected(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name, model in SCHEMAS.items():
        (tmp_path / name).write_text(render_schema(model))
    (tmp_path / "runbook.schema.json").write_text("{}\n")
    assert stale_schemas(tmp_path) == ["runbook.schema.json"]


def test_every_runbook_validates_against_the_schema_editors_use() -> None:
    schema = json.loads((ROOT / "schema/runbook.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for path in sorted((ROOT / "runbooks").glob("*.yaml")):
        text = path.read_text()
        assert text.startswith("# yaml-language-server: $schema=../schema/runbook.schema.json\n"), path.name
        data = yaml.safe_load(text)
        data["last_verified"] = data["last_verified"].isoformat()
        errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], path.name


def test_schema_rejects_what_the_model_rejects() -> None:
    schema = json.loads((ROOT / "schema/runbook.schema.json").read_text())
    assert schema["additionalProperties"] is False
    assert "causes" in schema["required"] and "sources" in schema["required"]


def test_every_data_file_points_editors_at_its_schema_and_validates() -> None:
    import posixpath

    from rbkb.schema import DATA_SCHEMAS

    checked = 0
    for pattern, name in DATA_SCHEMAS.items():
        files = sorted(ROOT.glob(pattern))
        assert files, f"no file matches {pattern}"
        schema = json.loads((ROOT / "schema" / name).read_text())
        validator = jsonschema.Draft202012Validator(schema)
        for path in files:
            rel = str(path.relative_to(ROOT))
            target = posixpath.relpath(f"schema/{name}", posixpath.dirname(rel))
            text = path.read_text()
            assert text.startswith(f"# yaml-language-server: $schema={target}\n"), rel
            data = json.loads(json.dumps(yaml.safe_load(text), default=str))  # dates as strings, as editors see them
            errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
            assert errors == [], rel
            checked += 1
    assert checked >= 20
