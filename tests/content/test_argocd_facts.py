"""Facts about Argo CD that the runbooks once got wrong, held by the real repository so they cannot come back.

Each test names the upstream source of the fact. They read the loaded model where the fact has a place in it (a
cause, a signal, a command) and the raw text where it is prose, with line breaks of folded YAML collapsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from rbkb.model import Cause, Repository, Runbook

ARGOCD_DOCUMENTS = (
    *sorted((ROOT / "runbooks").glob("argocd-*.yaml")),
    *sorted((ROOT / "runbooks").glob("applicationset-*.yaml")),
    ROOT / "docs/guides/self-healing.md",
    ROOT / "data/causes.yaml",
    ROOT / "data/alerts.yaml",
)
SOURCE = "https://github.com/argoproj/argo-cd/blob/37ee0097cf851bc2dd7665fc081bbce61a7e836e/"


def _prose(path: Path) -> str:
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


def _commands(rb: Runbook) -> Iterator[str]:
    yield from (d.command for d in rb.diagnostics)
    for cause in rb.causes:
        yield cause.confirm.command
        yield from (step.command for step in cause.fix if step.command)


def _argocd_runbooks(repo: Repository) -> list[Runbook]:
    return [rb for rb in repo.runbooks if rb.id.startswith(("argocd-", "applicationset-"))]


def _section(repo: Repository, runbook_id: str, cause_id: str) -> Cause:
    sections = [c for c in repo.runbook(runbook_id).causes if c.id == cause_id]
    assert sections, f"{runbook_id} has no section on {cause_id}"
    return sections[0]


# --- Automated sync retries -----------------------------------------------------------------------------------------
# controller/appcontroller.go autoSync(): `Retry: appv1.RetryStrategy{Limit: 5}`, replaced only when
# spec.syncPolicy.retry is set (every tag from v2.4.0 to v3.5.1); argo-cd#15624.

NOT_RETRIED_CLAIMS = (
    r"does not retry a failed one unless `?retry`? is configured",
    r"`retry=` empty means a failed sync is never retried",
    r"when retries were configured",
    r"without `(spec\.)?syncPolicy\.retry`, a failed automated sync therefore stays failed",
    r"does \*\*not\*\* retry a sync that failed for the same commit",
    r"waits for a new commit unless retries are configured",
    r"will not retry the same commit on its own",
    r"without `retry` a failed commit is never retried",
    r"not retried automatically for the same commit\*\*, unless",
    r"and no `syncPolicy\.retry`, or retries used up",
    r"does not retry the same revision unless retries are configured",
)


def test_no_document_says_a_failed_automated_sync_needs_retry_configured() -> None:
    found = [
        (path.name, claim)
        for path in ARGOCD_DOCUMENTS
        for claim in NOT_RETRIED_CLAIMS
        if re.search(claim, _prose(path), re.IGNORECASE)
    ]
    assert not found, f"automated sync is said not to retry without `retry`: {found}"


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "runbooks/argocd-auto-sync-not-retrying.yaml",
        ROOT / "runbooks/argocd-app-not-syncing.yaml",
        ROOT / "runbooks/argocd-sync-hook-or-wave-failed.yaml",
        ROOT / "docs/guides/self-healing.md",
        ROOT / "data/alerts.yaml",
    ],
    ids=lambda p: p.name,
)
def test_the_retry_documents_state_the_default_of_five(path: Path) -> None:
    assert re.search(r"\b5 (retries|times with backoff)\b", _prose(path)), f"{path.name} does not state the default"


def test_the_catalogue_states_the_default_of_five(repo: Repository) -> None:
    assert re.search(r"\b5 times with backoff by default", repo.cause("auto_sync_failed_same_revision").summary)


def test_the_hook_runbook_warns_that_presync_hooks_already_ran_several_times(repo: Repository) -> None:
    cause = _section(repo, "argocd-sync-hook-or-wave-failed", "sync_hook_failed")
    warnings = " ".join(step.warning or "" for step in cause.fix)
    assert re.search(r"PreSync.*\b(six|several|[2-6]) times", warnings, re.DOTALL), warnings


def test_switching_retries_off_is_limit_zero_not_leaving_retry_out() -> None:
    text = _prose(ROOT / "runbooks/argocd-sync-hook-or-wave-failed.yaml")
    assert "retry.limit: 0" in text and "leaving `retry` out does not switch retries off" in text


# --- Re-registering a cluster ---------------------------------------------------------------------------------------
# server/cluster/cluster.go Create() with upsert calls Update(); util/db/cluster.go clusterToSecret() sets the
# Secret's name, labels and annotations to exactly what the CLI sent.


def test_cluster_add_upsert_keeps_name_labels_and_annotations_and_warns(repo: Repository) -> None:
    steps = [
        (rb.id, step)
        for rb in repo.runbooks
        for cause in rb.causes
        for step in cause.fix
        if step.command and "cluster add" in step.command and "--upsert" in step.command
    ]
    assert steps, "the credential fix re-registers the cluster with argocd cluster add --upsert"
    for runbook_id, step in steps:
        assert step.command is not None
        missing = [flag for flag in ("--name", "--label", "--annotation") if flag not in step.command]
        assert not missing, f"{runbook_id}: `{step.command}` drops the cluster's {missing}"
        assert step.warning and "ApplicationSet" in step.warning, f"{runbook_id}: `{step.command}` needs a warning"


# --- New causes -----------------------------------------------------------------------------------------------------

NEW_CAUSES = {
    "auto_sync_prune_disabled": ("argocd-app-not-syncing", "argocd-auto-sync-not-retrying"),
    "app_tracks_other_revision": ("argocd-app-not-syncing",),
    "login_rate_limited": ("argocd-login-sso-failure",),
    "dex_rbac_subject_changed": ("argocd-login-sso-failure",),
    "pvc_pending_health": ("argocd-app-stuck-progressing",),
}


@pytest.mark.parametrize("cause_id", sorted(NEW_CAUSES))
def test_new_cause_has_a_full_section(repo: Repository, cause_id: str) -> None:
    runbooks = NEW_CAUSES[cause_id]
    assert repo.cause(cause_id).runbook == runbooks[0]
    for runbook_id in runbooks:
        section = _section(repo, runbook_id, cause_id)
        assert section.confirm.command and section.confirm.evidence
        assert section.fix and section.root_cause and section.prevention


@pytest.mark.parametrize(
    ("runbook_id", "cause_id", "text"),
    [
        (
            "argocd-app-not-syncing",
            "auto_sync_prune_disabled",
            "Skipping auto-sync: need to prune extra resources only but automated prune is disabled",
        ),
        (
            "argocd-auto-sync-not-retrying",
            "auto_sync_prune_disabled",
            "Skipping auto-sync: need to prune extra resources only but automated prune is disabled",
        ),
        (
            "argocd-app-stuck-progressing",
            "pvc_pending_health",
            "waiting for first consumer to be created before binding",
        ),
        (
            "argocd-redis-secret-invalid-utf8",
            "redis_secret_invalid_utf8",
            "grpc: error unmarshalling request: string field contains invalid UTF-8",
        ),
    ],
)
def test_signature_with_a_cited_example(repo: Repository, runbook_id: str, cause_id: str, text: str) -> None:
    signals = [s for s in repo.runbook(runbook_id).symptoms.signals if s.cause == cause_id and s.text == text]
    assert signals, f"{runbook_id} has no signature {text!r} for {cause_id}"
    example = signals[0].example
    assert example is not None and text in example.text and example.source.startswith("https://")


def test_dex_subject_change_is_marked_as_argo_cd_3(repo: Repository) -> None:
    assert _section(repo, "argocd-login-sso-failure", "dex_rbac_subject_changed").versions == {"argo-cd": ">=3.0"}


def test_a_locked_account_is_ruled_out_before_resetting_the_admin_password(repo: Repository) -> None:
    evidence = _section(repo, "argocd-login-sso-failure", "admin_password_lost").confirm.evidence
    assert "had too many failed logins" in evidence


# --- Wording that depends on the version ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("runbook_id", "text", "versions"),
    [
        # server/application/application.go: lower case since v2.4.0 (commit ba7d2e700f)
        ("argocd-auto-sync-not-retrying", "cannot sync: blocked by sync window", {"argo-cd": ">=2.4"}),
        ("argocd-auto-sync-not-retrying", "Cannot sync: Blocked by sync window", {"argo-cd": "<2.4"}),
        # controller/sync.go since v2.11.0
        ("argocd-auto-sync-not-retrying", "Sync operation blocked by sync window", {"argo-cd": ">=2.11"}),
        # controller/appcontroller.go: `Failed last sync attempt to` since v3.2.0 (#23628),
        # `Failed sync attempt to` before
        ("argocd-auto-sync-not-retrying", "Failed last sync attempt to", {"argo-cd": ">=3.2"}),
        ("argocd-auto-sync-not-retrying", "Failed sync attempt to", {"argo-cd": "<3.2"}),
        # util/git/client.go: the `failed to list refs:` prefix since v2.14.0
        ("argocd-app-not-syncing", "failed to list refs: authentication required", {"argo-cd": ">=2.14"}),
        # util/http/http.go: several cookies since v2.2.0; one cookie of at most 4093 bytes up to v1.4
        ("argocd-login-sso-failure", "requires 21 cookies but the max number of cookies is 20", {"argo-cd": ">=2.2"}),
        ("argocd-login-sso-failure", "invalid cookie, longer than max length 4093", {"argo-cd": "<1.5"}),
    ],
)
def test_version_dependent_wording_carries_its_versions(
    repo: Repository, runbook_id: str, text: str, versions: dict[str, str]
) -> None:
    signals = [s for s in repo.runbook(runbook_id).symptoms.signals if s.text == text]
    assert signals, f"{runbook_id} has no signal {text!r}"
    assert signals[0].versions == versions


def test_sync_window_signatures_cite_the_source_file(repo: Repository) -> None:
    sources = {
        s.text: s.example.source
        for s in repo.runbook("argocd-auto-sync-not-retrying").symptoms.signals
        if s.cause == "sync_window_active" and s.example
    }
    assert sources["cannot sync: blocked by sync window"] == SOURCE + "server/application/application.go"


def test_self_heal_timing_is_given_per_version() -> None:
    # cmd/argocd-application-controller: --self-heal-timeout-seconds 5 before v2.13.0, 0 plus a 2 s x3 back-off since.
    text = _prose(ROOT / "docs/guides/self-healing.md")
    assert "Argo CD < 2.13" in text and "Argo CD ≥ 2.13" in text
    assert "The two official sources disagree" not in text


def test_self_heal_syncs_are_not_said_to_leave_only_an_event() -> None:
    # controller/sync.go persists history only for full syncs; a self-heal sync lists the drifted resources.
    text = _prose(ROOT / "docs/guides/self-healing.md")
    assert "the only trace is an event on the Application" not in text
    assert "adds no entry to `argocd app history`" in text


# --- Commands -------------------------------------------------------------------------------------------------------

WORKLOAD_BY_NAME = re.compile(
    r"\b(deployment|deploy|statefulset|sts)[/ ]argocd-(server|repo-server|application-controller|redis|dex-server"
    r"|applicationset-controller|notifications-controller)\b"
)


def test_argo_cd_workloads_are_found_by_label_not_by_name(repo: Repository) -> None:
    # argo-helm charts/argo-cd/templates/_common.tpl: fullname is `<release>-argocd` unless the release contains it.
    by_name = [(rb.id, c) for rb in _argocd_runbooks(repo) for c in _commands(rb) if WORKLOAD_BY_NAME.search(c)]
    assert not by_name, by_name


def test_wave_maps_print_wave_zero(repo: Repository) -> None:
    # pkg/apis/application/v1alpha1/types.go: ResourceStatus.SyncWave is `omitempty`.
    wave_commands = [c for rb in _argocd_runbooks(repo) for c in _commands(rb) if "syncWave" in c]
    assert wave_commands
    assert all("syncWave // 0" in c for c in wave_commands), wave_commands


def test_cookie_limit_is_set_in_the_params_configmap(repo: Repository) -> None:
    # manifests/base/server/argocd-server-deployment.yaml: ARGOCD_MAX_COOKIE_NUMBER comes from argocd-cmd-params-cm.
    commands = list(_commands(repo.runbook("argocd-login-sso-failure")))
    assert not [c for c in commands if "set env" in c and "ARGOCD_MAX_COOKIE_NUMBER" in c]
    assert [c for c in commands if "server.http.cookie.maxnumber" in c]


def test_cli_sso_callback_for_direct_oidc_is_named() -> None:
    # docs/operator-manual/user-management/keycloak.md, okta.md; `argocd login --sso-port` defaults to 8085.
    assert "http://localhost:8085/auth/callback" in _prose(ROOT / "runbooks/argocd-login-sso-failure.yaml")


def test_ci_can_trust_a_ca_file_instead_of_insecure(repo: Repository) -> None:
    commands = list(_commands(repo.runbook("argocd-x509-certificate-error")))
    assert [c for c in commands if "--server-crt" in c]


@pytest.mark.parametrize(
    ("path", "claim"),
    [
        # gitops-engine pkg/sync/hook/delete_policy.go: BeforeHookCreation when no policy is set, since 2020.
        ("runbooks/argocd-app-not-syncing.yaml", "the implicit default differs between Argo CD versions"),
        # curl exit code 6 is "Couldn't resolve host".
        ("runbooks/argocd-ui-unreachable.yaml", "28 (timeout) at DNS"),
        # A three-way `kubectl apply` keeps keys the install's argocd-secret never had.
        ("runbooks/argocd-server-not-starting.yaml", "it is lost when the install manifest is re-applied"),
        # cmd/argocd/commands/app.go: `argocd app manifests` does not set NoCache.
        ("runbooks/argocd-manifest-generation-error.yaml", "An error here is the current error"),
    ],
)
def test_corrected_claim_does_not_come_back(path: str, claim: str) -> None:
    assert claim not in _prose(ROOT / path)
