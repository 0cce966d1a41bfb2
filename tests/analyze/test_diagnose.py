"""`runbook diagnose` over real captured output (docs pages and public issues; each file names its source)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from analyze_support import OUTPUTS, ROOT, SITE_URL, read_output, repo, table  # noqa: F401 (fixtures)

from rbkb.analyze import analyze_outputs
from rbkb.analyze.segments import split_outputs
from rbkb.cli import main
from rbkb.model import cause_title

CAUSE_DIRS = sorted(d for d in OUTPUTS.iterdir() if d.is_dir() and d.name not in ("unrelated",))
CASES = [pytest.param(f, id=f"{f.parent.name}/{f.stem}") for d in CAUSE_DIRS for f in sorted(d.glob("*.txt"))]
UNRELATED = [pytest.param(f, id=f.stem) for f in sorted((OUTPUTS / "unrelated").glob("*.txt"))]

@pytest.mark.parametrize("path", CASES)
def test_fixture_names_its_cause(path: Path, table) -> None:
    text = read_output(path)
    found = analyze_outputs([text], table)
    assert path.parent.name in [f.id for f in found], [(f.id, f.confidence) for f in found]
    lines = set(text.splitlines())
    for f in found:
        assert f.evidence and set(f.evidence) <= lines, f"{f.id}: evidence must be verbatim input lines"


def test_prefilter_never_hides_a_signature_match(table) -> None:
    lines = {line for path in OUTPUTS.rglob("*.txt") for line in read_output(path).splitlines()}
    for line in lines:
        brute = {id(s) for s in table.signatures if s.matches(line)}
        assert {id(s) for s in table.matcher.match(line)} == brute, line


@pytest.mark.parametrize("path", UNRELATED)
def test_unrelated_output_yields_no_cause(path: Path, table) -> None:
    assert analyze_outputs([read_output(path)], table) == []


# Healthy output that must yield no cause but of which no published capture has been found yet: a strict xfail
# that fails (and must go) as soon as the capture is added to unrelated/ under the named file stem.
HEALTHY_STILL_MISSING = {
    "rollouts-get-rollout-fully-promoted": "a fully promoted `kubectl argo rollouts get rollout` tree (one stable "
    "revision, ✔ Healthy, older revisions ScaledDown): the upstream CLI tests and docs show only paused, degraded or "
    "mid-canary trees, and every issue found quotes a tree with a problem",
}


@pytest.mark.parametrize("stem", [pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=r))
                                  for s, r in HEALTHY_STILL_MISSING.items()])
def test_wanted_healthy_capture(stem: str, table) -> None:
    path = OUTPUTS / "unrelated" / f"{stem}.txt"
    assert path.exists(), f"wanted: {stem}"
    assert analyze_outputs([read_output(path)], table) == []


def test_unrelated_set_covers_the_obvious_negatives() -> None:
    names = {p.stem for p in (OUTPUTS / "unrelated").glob("*.txt")}
    assert any("version" in n for n in names) and any("logs" in n for n in names) and any("healthy" in n for n in names)


MIN_SAMPLES = 3

# Causes the analyzer reports that cannot be shown in real captured output at all, and why. Only such causes
# belong here; a cause that can be shown needs MIN_SAMPLES captures.
CANNOT_BE_SHOWN: dict[str, str] = {}

# Causes that can be shown but for which fewer than MIN_SAMPLES public captures have been found so far. Each case
# still runs and is a strict xfail: it fails as soon as the missing captures are added, so the entry must go.
CAPTURES_STILL_MISSING: dict[str, str] = {
    "analysis_no_data": "1 found (argo-rollouts#1591, the pre-1.10 wording); the measured value `[]` and the 1.10 "
                        "wording `metric result is nil or empty` appear only in upstream code and tests so far",
    "rollouts_controller_down": "0 found: argo-rollouts#773 shows a Rollout with no `status` (the evidence read as an "
                                "object) but every copy reachable here cuts it before the end of its spec",
    "analysis_inconclusive": "2 found (an AnalysisRun and its Rollout kept as argo-rollouts test data); issues "
                             "and blogs quote the message only in prose or unit-test code, the docs' NaN examples are "
                             "edited (one timestamp, `successful: 1` on every phase), argo-rollouts#3873's tree is cut "
                             "before its AnalysisRun rows in every copy reachable here",
}


def _code_cause_ids(catalogue: set[str]) -> set[str]:
    """Cause ids the analyzer code can emit: every cause id literal in rbkb.analyze (the structural checks)."""
    import ast

    found = set()
    for module in (ROOT / "src" / "rbkb" / "analyze").glob("*.py"):
        if module.name in ("triage.py", "causes.py"):
            continue  # the finding-code table this set is compared with, and the EXPLAINED_BY ranking table
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in catalogue:
                found.add(node.value)
    return found


def _reportable() -> list[str]:
    from rbkb.analyze.triage import FINDING_KINDS

    return sorted(FINDING_KINDS)


def test_reportable_causes_are_the_catalogued_causes_the_code_emits(repo, table) -> None:
    from rbkb.analyze.causes import STRUCTURAL_CAUSES

    catalogue = {c.id for c in repo.catalogue.causes}
    assert set(_reportable()) <= catalogue
    assert _code_cause_ids(catalogue) == STRUCTURAL_CAUSES, "STRUCTURAL_CAUSES must list what the checks emit"
    assert STRUCTURAL_CAUSES <= set(_reportable()), "a structural check emits a cause with no TR code"
    signed = {s.cause for s in table.signatures}
    assert {d.name for d in CAUSE_DIRS} <= set(_reportable()) | signed, "a fixture directory names no known cause"
    assert set(CANNOT_BE_SHOWN) <= set(_reportable()) and set(CAPTURES_STILL_MISSING) <= set(_reportable())
    assert not set(CANNOT_BE_SHOWN) & set(CAPTURES_STILL_MISSING)


@pytest.mark.parametrize("cause", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=CAPTURES_STILL_MISSING[c]))
    if c in CAPTURES_STILL_MISSING else c for c in _reportable() if c not in CANNOT_BE_SHOWN])
def test_at_least_three_captures_per_reportable_cause(cause: str) -> None:
    captures = sorted((OUTPUTS / cause).glob("*.txt"))
    assert len(captures) >= MIN_SAMPLES, f"{cause}: {len(captures)} captured output(s), need {MIN_SAMPLES}"
    assert len({read_output(path) for path in captures}) == len(captures), f"{cause}: duplicate captures"


def test_root_cause_ranks_above_its_symptom(table) -> None:
    found = analyze_outputs([read_output(OUTPUTS / "rollout_aborted" / "argo-rollouts-1924-describe-rollout.txt")],
                            table)
    assert [f.id for f in found][:2] == ["analysis_failed_metric", "rollout_aborted"]
    found = analyze_outputs([read_output(OUTPUTS / "repo_access" / "argo-cd-9875-describe-app.txt")], table)
    assert [f.id for f in found] == ["repo_access", "comparison_error"]


def test_benign_default_backend_error_is_not_a_missing_backend(table) -> None:
    path = OUTPUTS / "ingress_backend_missing" / "website-28046-describe-ing.txt"
    found = {f.id: f for f in analyze_outputs([read_output(path)], table)}
    assert not any("Default backend" in line for line in found["ingress_backend_missing"].evidence)


def test_json_inside_a_yaml_block_scalar_stays_in_the_yaml_document() -> None:
    # `kubectl get -o yaml` of an applied object carries its last-applied configuration as indented JSON.
    text = read_output(OUTPUTS / "rollout_paused" / "argo-cd-testdata-canary-paused-step-yaml.txt")
    assert [(s.kind, len(s.objects)) for s in split_outputs(text)] == [("yaml", 1)]


def test_pasted_outputs_are_split_and_each_recognised(table) -> None:
    pasted = "\n".join(read_output(OUTPUTS / d / f) for d, f in (
        ("image_pull_error", "ckad-176-get-pods-watch.txt"),
        ("unbound_pvc", "kubevious-53-describe-events.txt"),
        ("rollout_paused", "argo-rollouts-839-get-rollout.txt"),
        ("no_endpoints_selector_mismatch", "k8s-47711-endpoints-yaml.txt")))
    kinds = [(s.kind, s.resource) for s in split_outputs(pasted)]
    assert kinds == [("table", "pods"), ("describe", None), ("rollout-tree", None), ("yaml", None)]
    ids = {f.id for f in analyze_outputs([pasted], table)}
    assert {"image_pull_error", "unbound_pvc", "rollout_paused", "no_endpoints_selector_mismatch"} <= ids


def test_json_objects_are_analyzed_structurally(table) -> None:
    service = {"kind": "Service", "metadata": {"name": "web"},
               "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": "http"}]}}
    pod = {"kind": "Pod", "metadata": {"name": "web-1", "labels": {"app": "web"}},
           "spec": {"containers": [{"name": "web", "ports": [{"name": "web", "containerPort": 8080}]}]},
           "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
    text = json.dumps({"kind": "List", "items": [service, pod]}, indent=2)
    found = analyze_outputs([text], table)
    assert [f.id for f in found] == ["service_port_mismatch"]
    assert found[0].evidence[0] == '            "targetPort": "http"'


def _run_cli(args: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["--root", str(ROOT), *args])
    return code, out.getvalue()


def test_json_format_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    text = read_output(OUTPUTS / "rollout_aborted" / "argo-rollouts-1924-describe-rollout.txt")
    code, out = _run_cli(["diagnose", "--format", "json", "-"], monkeypatch, stdin=text)
    data = json.loads(out)
    assert code == 0 and list(data) == ["causes"] and data["causes"]
    for cause in data["causes"]:
        assert list(cause) == ["id", "title", "runbook", "confidence", "evidence", "fix", "url"]
        assert isinstance(cause["confidence"], float) and 0.0 <= cause["confidence"] <= 1.0
        for e in cause["evidence"]:
            assert e["line"] in text.splitlines() and e["input"] == "-" and e["segment"] >= 1
            assert text.splitlines()[e["line_no"] - 1] == e["line"], "line_no is the line's number in its input"
        anchor = "cause-" + cause["id"].replace("_", "-")
        assert cause["url"] == f"{SITE_URL}runbooks/{cause['runbook']}/#{anchor}"
        assert cause["title"] and cause["fix"]
    confidences = [c["confidence"] for c in data["causes"]]
    assert confidences == sorted(confidences, reverse=True)


def test_json_format_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    unrelated = str(OUTPUTS / "unrelated" / "kubeadm-1476-kubectl-version.txt")
    code, out = _run_cli(["diagnose", "--format", "json", unrelated], monkeypatch)
    assert code == 0 and json.loads(out) == {"causes": []}


def test_text_format_names_title_fix_and_link(monkeypatch: pytest.MonkeyPatch, repo) -> None:
    code, out = _run_cli(["diagnose", str(OUTPUTS / "oom_killed" / "gimlet-649-describe-last-state.txt")], monkeypatch)
    assert code == 0
    section = next(c for c in repo.runbook("pod-oomkilled").causes if c.id == "oom_killed")
    assert f"{cause_title(section, repo)}  [oom_killed, confidence 0.95]" in out and "| Reason:       OOMKilled" in out
    assert f"Fix: {section.fix[0].title}" in out and f"{SITE_URL}runbooks/pod-oomkilled/#cause-oom-killed" in out


def test_unreadable_file_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert _run_cli(["diagnose", str(tmp_path / "missing.txt")], monkeypatch)[0] == 2
