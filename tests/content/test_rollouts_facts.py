"""Facts about Argo Rollouts, traffic, Kubernetes and ingress that the content once got wrong (issue 13).

Each test loads the real repository and fails if the wrong statement comes back. The sources of each fact are named
in the runbooks and guides themselves; the reasons are repeated here in one line each.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from conftest import ROOT

from rbkb.cards.load import load_cards
from rbkb.cards.model import resolve
from rbkb.model import Cause, Repository, Runbook, Signal, commands_of
from rbkb.shell import SimpleCommand, parse_shell

# The Argo CD runbooks are checked in test_argocd_facts.py.
_ARGOCD = ("argocd-", "applicationset-")
GUIDES = [p for p in sorted((ROOT / "docs" / "guides").glob("*.md")) if p.name != "self-healing.md"]
HEALTH_CHECK = ROOT / "scripts" / "health-check.sh"
_FENCE = re.compile(r"^```(?:bash|sh|shell|console)?\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _ours(repo: Repository) -> list[Runbook]:
    return [rb for rb in repo.runbooks if not rb.id.startswith(_ARGOCD)]


def _runbook_texts(rb: Runbook) -> Iterator[tuple[str, str]]:
    """Every prose field of a runbook, with where it is."""
    yield "summary", rb.summary
    yield "symptoms.summary", rb.symptoms.summary
    for i, s in enumerate(rb.symptoms.signals):
        yield f"signals.{i}", f"{s.text} {s.where or ''}"
    for d in rb.diagnostics:
        yield f"diagnostics.{d.id}", f"{d.title} {d.look_for}"
    for c in rb.causes:
        yield f"causes.{c.id}.confirm", c.confirm.evidence
        yield f"causes.{c.id}.root_cause", c.root_cause
        for j, step in enumerate(c.fix):
            yield f"causes.{c.id}.fix.{j}", f"{step.title} {step.details or ''} {step.warning or ''}"


def _all_texts(repo: Repository) -> Iterator[tuple[str, str]]:
    for rb in _ours(repo):
        for where, text in _runbook_texts(rb):
            yield f"{rb.id}: {where}", " ".join(text.split())
    for guide in GUIDES:
        yield guide.name, " ".join(guide.read_text(encoding="utf-8").split())


def _shell_sources(repo: Repository) -> Iterator[tuple[str, str]]:
    """Every shell text this part of the project shows or runs: runbook commands, card commands, guide code blocks
    and the health-check script."""
    for rb in _ours(repo):
        for path, command, _lint in commands_of(rb):
            yield f"{rb.id}: {path}", command
    cards, problems = load_cards(ROOT, repo)
    assert cards is not None, problems
    for card in cards.cards:
        for item in card.items():
            if not (item.runbook or "").startswith(_ARGOCD):  # an Argo CD runbook's command: its own test
                yield f"data/cards.yaml: {card.id}", resolve(item, repo).command
    for guide in GUIDES:
        for block in _FENCE.findall(guide.read_text(encoding="utf-8")):
            yield guide.name, block
    yield "scripts/health-check.sh", HEALTH_CHECK.read_text(encoding="utf-8")


def _kubectl_verb(cmd: SimpleCommand) -> tuple[str, list[str]]:
    """The kubectl sub-command and the arguments after it (global flags such as `-n ns` may come first)."""
    args = list(cmd.argv[1:])
    i = 0
    while i < len(args) and args[i].startswith("-"):
        i += 1 if "=" in args[i] else 2
    return (args[i], args[i + 1:]) if i < len(args) else ("", [])


def _kubectl(text: str, verb: str) -> Iterator[list[str]]:
    for cmd in parse_shell(text).commands:
        if cmd.program == "kubectl":
            found, rest = _kubectl_verb(cmd)
            if found == verb:
                yield rest


def _has_selector(args: list[str]) -> bool:
    return any(a in ("-l", "--selector") or a.startswith(("--selector=", "-l=")) or
               (a.startswith("-l") and not a.startswith("--")) for a in args)


def test_every_label_selector_log_command_ignores_errors(repo: Repository) -> None:
    """Without --ignore-errors, kubectl logs stops at the first selected pod that has no log (a container waiting to
    start, no previous run), so the other pods are never read: exactly when pods are failing (kubectl logs.go)."""
    missing = [f"{where}: kubectl logs {' '.join(args)}"
               for where, text in _shell_sources(repo)
               for args in _kubectl(text, "logs")
               if _has_selector(args) and not any(a.split("=")[0] == "--ignore-errors" for a in args)]
    assert not missing, "\n".join(missing)


def test_the_log_check_finds_selector_commands() -> None:
    """The helpers above must see a selector in the forms the content uses, or the test above proves nothing."""
    assert list(_kubectl("kubectl logs -n ns -l app=x --tail=-1 --prefix | grep -F x", "logs")) == [
        ["-n", "ns", "-l", "app=x", "--tail=-1", "--prefix"]]
    assert _has_selector(["--selector=app=x"]) and _has_selector(["-lapp=x"]) and not _has_selector(["--tail=1"])
    assert list(_kubectl('kubectl -n ns logs -l "$selector"', "logs")) == [["-l", "<expansion>"]]


def _cause(rb: Runbook, cause_id: str) -> Cause:
    return next(c for c in rb.causes if c.id == cause_id)


def _promote_without_full(command: str | None) -> bool:
    return any(cmd.argv[:3] == ("kubectl", "argo", "rollouts") and "promote" in cmd.argv and "--full" not in cmd.argv
               for cmd in parse_shell(command or "").commands)


@pytest.mark.parametrize("runbook_id", ["rollout-not-starting", "rollout-stuck-progressing"])
def test_a_manual_pause_is_resumed_with_a_spec_paused_patch(repo: Repository, runbook_id: str) -> None:
    """On a canary without a pause condition, `promote` also advances status.currentStepIndex, so it skips the current
    step (promote.go getPatches). A manual pause adds no pause condition: resume it by clearing spec.paused only."""
    cause = _cause(repo.runbook(runbook_id), "rollout_paused")
    patches = []
    for step in cause.fix:
        for cmd in parse_shell(step.command or "").commands:
            if cmd.argv[:3] == ("kubectl", "patch", "rollout") and "-p" in cmd.argv:
                patches.append(json.loads(cmd.argv[cmd.argv.index("-p") + 1]))
    assert {"spec": {"paused": False}} in patches


def test_promote_is_never_offered_to_resume_a_manual_pause(repo: Repository) -> None:
    offending = [f"{rb.id}: {c.id}: {step.title}"
                 for rb in _ours(repo) for c in rb.causes for step in c.fix
                 if _promote_without_full(step.command) and re.search(r"\bresume\b|manual", step.title, re.IGNORECASE)]
    assert not offending, offending


def test_the_decision_guide_has_a_manual_pause_row_without_promote() -> None:
    guide = (ROOT / "docs" / "guides" / "rollout-decisions.md").read_text(encoding="utf-8")
    rows = [line for line in guide.splitlines() if line.startswith("|") and "manually paused" in line]
    assert rows, "no decision row for a manual pause"
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    assert """'{"spec":{"paused":false}}'""" in cells[2] and "promote <rollout>" not in cells[2]
    assert "skips the current step" in rows[0]


@pytest.mark.parametrize(("cause_id", "runbook_ids"), [
    ("bluegreen_prepromotion_analysis", ["bluegreen-promotion-problems"]),
    ("bluegreen_postpromotion_analysis", ["bluegreen-promotion-problems"]),
    ("analysis_consecutive_success_not_reached", ["analysis-failing", "analysis-inconclusive"]),
    ("canary_session_affinity", ["traffic-not-shifting"]),
])
def test_the_missing_causes_exist_with_sections(repo: Repository, cause_id: str, runbook_ids: list[str]) -> None:
    assert repo.cause(cause_id).runbook == runbook_ids[0]
    for runbook_id in runbook_ids:
        cause = _cause(repo.runbook(runbook_id), cause_id)
        assert cause.fix and cause.root_cause and cause.prevention and cause.confirm.command


def test_consecutive_success_limit_is_marked_as_argo_rollouts_1_8(repo: Repository) -> None:
    for runbook_id in ("analysis-failing", "analysis-inconclusive"):
        assert _cause(repo.runbook(runbook_id), "analysis_consecutive_success_not_reached").versions == {
            "argo-rollouts": ">=1.8"}


def _signal(rb: Runbook, text: str) -> Signal:
    return next(s for s in rb.symptoms.signals if s.text == text)


def test_promotion_analysis_messages_are_signatures_of_their_causes(repo: Repository) -> None:
    """`Blue/green pre-/post-promotion analysis phase error/failed` exist from v1.9 (rollout/analysis.go)."""
    rb = repo.runbook("bluegreen-promotion-problems")
    for text, cause in [("Blue/green pre-promotion analysis phase error/failed", "bluegreen_prepromotion_analysis"),
                        ("Blue/green post-promotion analysis phase error/failed", "bluegreen_postpromotion_analysis"),
                        ("waiting for analysis to complete", "bluegreen_postpromotion_analysis")]:
        assert _signal(rb, text).cause == cause
    assert _signal(rb, "Blue/green pre-promotion analysis phase error/failed").versions == {"argo-rollouts": ">=1.9"}


def test_active_service_cutover_pending_means_the_switch_waits_not_the_pods(repo: Repository) -> None:
    """CalculateRolloutPhase returns this message only after the new ReplicaSet is fully available (rolloututil.go)."""
    signal = _signal(repo.runbook("bluegreen-promotion-problems"), "active service cutover pending")
    assert signal.cause == "bluegreen_prepromotion_analysis"
    assert "not yet fully available" not in (signal.where or "")


def test_bluegreen_preview_readiness_is_read_from_endpoint_conditions(repo: Repository) -> None:
    """An EndpointSlice lists unready endpoints too; its ENDPOINTS column says `<unset>` only when it has none."""
    rb = repo.runbook("bluegreen-promotion-problems")
    commands = [next(d for d in rb.diagnostics if d.id == "preview-endpoints").command,
                _cause(rb, "no_endpoints_selector_mismatch").confirm.command]
    assert all(".conditions.ready" in c for c in commands)


def test_analysis_messages_carry_the_versions_that_print_them(repo: Repository) -> None:
    """Up to 1.9 an empty result indexed as result[0] prints `reflect: slice index out of range`; 1.10 prints the
    `metric result is nil or empty` text (utils/evaluate/evaluate.go). The abort prefixes arrived in 1.9."""
    rb = repo.runbook("analysis-failing")
    old = _signal(rb, "reflect: slice index out of range")
    assert (old.cause, old.versions) == ("analysis_no_data", {"argo-rollouts": "<1.10"})
    assert _signal(rb, "metric result is nil or empty: no data returned from the metric provider").versions == {
        "argo-rollouts": ">=1.10"}
    assert _signal(rb, "Step-based analysis phase error/failed").versions == {"argo-rollouts": ">=1.9"}


def test_the_lease_is_not_looked_up_by_the_default_name_only(repo: Repository) -> None:
    """From v1.10 a controller with --instance-id uses argo-rollouts-controller-lock-<id> (controller/controller.go)."""
    fixed = [where for where, text in _shell_sources(repo) for args in _kubectl(text, "get")
             if args[:1] in (["lease"], ["leases"]) and "argo-rollouts-controller-lock" in args]
    assert not fixed, fixed


def test_workloads_are_restarted_by_label_not_by_an_assumed_name(repo: Repository) -> None:
    """A Helm release names the Deployment after the release; labels stay the same (argo-helm _helpers.tpl)."""
    assumed = [f"{where}: {' '.join(args)}" for where, text in _shell_sources(repo)
               for args in _kubectl(text, "rollout")
               if args[:2] == ["restart", "deployment"] and len(args) > 2 and not args[2].startswith(("-", "<"))]
    assert not assumed, assumed


def test_the_hpa_runbook_names_no_unreleased_version(repo: Repository) -> None:
    """Stable-only scale reporting exists only in open PR argoproj/argo-rollouts#4868, in no release."""
    texts = [text for where, text in _all_texts(repo) if where.startswith("rollout-hpa-conflict")]
    texts.append(repo.cause("hpa_canary_replica_feedback").summary)
    assert not [t for t in texts if re.search(r"v?1\.11", t)]
    fixes = _cause(repo.runbook("rollout-hpa-conflict"), "hpa_canary_replica_feedback").fix
    assert not [s for s in fixes if "upgrade" in s.title.lower()]


@pytest.mark.parametrize("phrase", [
    # EndpointSlices list unready endpoints; `<unset>` means none at all.
    r"<unset>` or no slice means no ready pod",
    r"ENDPOINTS `<unset>` \(or no EndpointSlice\) while",
    # Only a blue-green Rollout waiting for post-promotion analysis shows this message.
    r"stays `Progressing` with `waiting for analysis to complete`",
    r"waits for analysis \(message `waiting for analysis to complete`\)",
    # The 1.7 to 1.9 wording is what most clusters print, not an "older" one.
    r"older controllers: `reflect: slice index out of range`",
    # cert-manager writes the challenge type as HTTP-01 / DNS-01 (ACMEChallengeTypeHTTP01).
    r"Waiting for http-01 challenge propagation",
    r"Waiting for dns-01 challenge propagation",
    # The body says abort, and pausing would leave the traffic split.
    r"Pause a rollout that waits on unready pods",
    # No ProgressDeadlineExceeded event survives a deadline abort; the RolloutAborted event carries the text.
    r"`ProgressDeadlineExceeded` message \(deadline abort\)",
    r"the conditions or events show `ProgressDeadlineExceeded`",
    # Since Argo CD 2.13 self-heal uses an exponential back-off and --self-heal-timeout-seconds defaults to 0.
    r"re-applies Git about five seconds later",
    # ingress-nginx sends the canary share to stable when the canary backend has no endpoints (balancer.lua).
    r"is not documented in the sources this runbook rests on",
    # A paused Rollout still creates its new ReplicaSet, at 0 replicas (rollout/sync.go createDesiredReplicaSet).
    r"No new ReplicaSet `<rollout>-<hash>` is created",
    # The controller records no event for an invalid spec.
    r"`RolloutAborted` and `InvalidSpec` events",
    # The retirement was announced in November 2025; March 2026 ended maintenance.
    r"retired by its maintainers in March 2026",
    # A basic canary without traffic routing rolls back by a rolling update, not by a delayed scale-down.
    r"the new ReplicaSet is scaled down \(after 30 seconds by default\)",
])
def test_a_corrected_statement_does_not_come_back(repo: Repository, phrase: str) -> None:
    found = [where for where, text in _all_texts(repo) if re.search(phrase, text)]
    assert not found, found


def test_health_check_script_is_among_the_checked_sources(repo: Repository) -> None:
    """The log check above covers the script only if it sees its `kubectl logs` call."""
    text = HEALTH_CHECK.read_text(encoding="utf-8")
    assert [args for args in _kubectl(text, "logs") if _has_selector(args)]


def test_the_guides_and_their_code_blocks_are_read() -> None:
    """The checks above cover the guides only if they find them and their fenced shell blocks."""
    assert {p.name for p in GUIDES} >= {"rollout-decisions.md", "beyond-ingress-nginx.md", "reading-logs.md"}
    reading_logs = (ROOT / "docs" / "guides" / "reading-logs.md").read_text(encoding="utf-8")
    assert any("kubectl logs" in block for block in _FENCE.findall(reading_logs))
