"""`runbook triage` against a stand-in `kubectl` placed first on PATH by these tests only.

The stand-in records its argv and replays a recorded namespace (tests/analyze/namespace_fixture.py, generated
from real object shapes); it is a test fixture, never part of the product.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from pathlib import Path

import namespace_fixture as nf
import pytest
from analyze_support import ROOT

from rbkb.cli import main

STANDIN = """#!{python}
import json, os, sys
argv = sys.argv[1:]
with open(os.environ["STANDIN_LOG"], "a") as log:
    log.write(json.dumps(argv) + "\\n")
kinds = argv[argv.index("get") + 1]
if "rollouts" in kinds and os.environ.get("STANDIN_NO_CRDS"):
    sys.stderr.write('error: the server doesn\\'t have a resource type "rollouts"\\n')
    sys.exit(1)
name = "events.json" if kinds == "events" else "namespace.json"
sys.stdout.write(open(os.path.join(os.environ["STANDIN_DATA"], name)).read())
"""


@pytest.fixture
def standin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir, data = tmp_path / "bin", tmp_path / "data"
    bin_dir.mkdir()
    data.mkdir()
    script = bin_dir / "kubectl"
    script.write_text(STANDIN.format(python=sys.executable), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    (data / "namespace.json").write_text(json.dumps(nf.namespace_list()), encoding="utf-8")
    (data / "events.json").write_text(json.dumps(nf.events_list()), encoding="utf-8")
    log = tmp_path / "argv.jsonl"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("STANDIN_LOG", str(log))
    monkeypatch.setenv("STANDIN_DATA", str(data))
    return log


def _triage(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    code = main(["--root", str(ROOT), "triage", "-n", nf.NAMESPACE, *args])
    return code, out.getvalue()


def _calls(log: Path) -> list[list[str]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_one_get_and_one_events_call(standin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _triage(["--format", "json", "--context", "prod"], monkeypatch)
    calls = _calls(standin)
    assert len(calls) == 2
    get, events = calls
    assert get[:3] == ["--context", "prod", "get"] and get[-4:] == ["-n", "shop", "-o", "json"]
    assert set(get[3].split(",")) >= {"pods", "deployments", "replicasets", "services", "endpointslices",
                                      "ingresses", "persistentvolumeclaims", "rollouts.argoproj.io",
                                      "analysisruns.argoproj.io"}
    assert events == ["--context", "prod", "get", "events", "-n", "shop", "-o", "json"]
    report = json.loads(out)
    assert report["api_calls"] == 2 and report["errors"] == []
    assert nf.PLANTED <= {(f["code"], f["object"]) for f in report["findings"]}
    assert code == 1  # critical findings and the default --fail-on critical


def test_findings_carry_evidence_and_runbook_links(standin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = json.loads(_triage(["--format", "json"], monkeypatch)[1])
    pull = next(f for f in report["findings"] if f["object"] == "Pod/checkout-7d9c4b8f6c-0")
    assert pull["code"] == "TR101" and pull["severity"] == "critical"
    assert any("Failed to pull image" in line for line in pull["evidence"])  # the event joined the pod's finding
    assert pull["url"].endswith("/runbooks/pods-not-starting/#cause-image-pull-error")
    assert not [f for f in report["findings"] if f["object"].startswith("Pod/frontend-")]  # healthy pods


def test_missing_rollout_crds_cost_one_retry(standin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANDIN_NO_CRDS", "1")
    report = json.loads(_triage(["--format", "json"], monkeypatch)[1])
    calls = _calls(standin)
    assert report["api_calls"] == 3 and "rollouts" not in calls[1][1] and calls[2][1] == "events"
    assert ("TR201", "Service/payments") in {(f["code"], f["object"]) for f in report["findings"]}


@pytest.mark.parametrize(("fail_on", "expected"), [("critical", 1), ("warning", 1), ("none", 0)])
def test_fail_on_sets_the_exit_status(standin: Path, monkeypatch: pytest.MonkeyPatch, fail_on: str,
                                      expected: int) -> None:
    assert _triage(["--fail-on", fail_on], monkeypatch)[0] == expected


def test_healthy_namespace_passes(standin: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "data" / "namespace.json").write_text(json.dumps(nf.healthy_list()), encoding="utf-8")
    events = nf.events_list()
    events["items"] = [e for e in events["items"] if e["type"] == "Normal"]
    (tmp_path / "data" / "events.json").write_text(json.dumps(events), encoding="utf-8")
    code, out = _triage(["--fail-on", "info"], monkeypatch)
    assert code == 0 and "0 finding(s)" in out and "2 API call(s)" in out


def test_rollout_filter_keeps_only_that_rollout(standin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = json.loads(_triage(["--format", "json", "--rollout", "reports"], monkeypatch)[1])
    objects = {f["object"] for f in report["findings"]}
    assert "Rollout/checkout" not in objects and "Pod/checkout-7d9c4b8f6c-0" not in objects
    assert "Pod/reports-5f6d7c8b9a-0" in objects and "Service/payments" in objects


def test_unreachable_cluster_is_exit_2(standin: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "bin" / "kubectl").write_text("#!/bin/sh\necho 'The connection to the server was refused' >&2\n"
                                             "exit 1\n", encoding="utf-8")
    code, out = _triage([], monkeypatch)
    assert code == 2 and "connection to the server was refused" in out


def test_reference_page_documents_every_code() -> None:
    from rbkb.analyze.triage import FINDING_KINDS

    page = (ROOT / "docs" / "reference" / "diagnose.md").read_text(encoding="utf-8")
    for cause, kind in FINDING_KINDS.items():
        assert f"| `{kind.code}` | {kind.severity} | {kind.title} | `{cause}` |" in page
    assert len({k.code for k in FINDING_KINDS.values()}) == len(FINDING_KINDS)
