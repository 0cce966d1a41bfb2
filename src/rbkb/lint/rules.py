"""Every lint rule with its stable id. The "Lint rules" page is rendered from this table."""

from __future__ import annotations

from dataclasses import dataclass

from ..problems import ProblemSeverity


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: ProblemSeverity
    description: str


_RULES = [
    # --- Data: the runbook files themselves ----------------------------------------------------------------------
    Rule("RB001", "YAML syntax error", "error",
         "The file is not valid YAML, or not one the loader reads: not UTF-8, over 1,000,000 bytes, a directory or a "
         "symlink out of the repository, nested over 100 levels, or its aliases add over 10,000 nodes. Nothing else "
         "in it can be checked."),
    Rule("RB002", "Duplicate YAML key", "error",
         "A key appears twice in one mapping. YAML keeps only the last value, silently dropping the first."),
    Rule("RB003", "Schema violation", "error",
         "A field is missing, unknown, or has the wrong type or value. The message names the field path."),
    Rule("RB004", "Id does not match the file name", "error",
         "A runbook's `id` must equal its file name without `.yaml`; the id is part of its URL."),
    Rule("RB005", "Duplicate runbook id", "error", "Two files declare the same runbook id."),
    Rule("RB006", "Unknown cause id", "error", "A cause id is not in the shared catalogue `data/causes.yaml`."),
    Rule("RB007", "Unknown related runbook", "error", "`related` names a runbook that does not exist."),
    Rule("RB008", "Unknown team", "error", "`owner` or `escalation.to` names a team not in `data/organisation.yaml`."),
    Rule("RB009", "Undeclared placeholder", "error",
         "A command uses `<name>` but `name` is not declared in `parameters`, so nobody knows what to put there."),
    Rule("RB010", "Unused parameter", "error", "A declared parameter is used by no command."),
    Rule("RB011", "Unknown quick check", "error", "`quick_check` names a diagnostic id that does not exist."),
    Rule("RB012", "Missing schema comment", "error",
         "The first line must point editors at the JSON Schema so they complete and check fields."),
    Rule("RB013", "Duplicate id inside a runbook", "error",
         "Two diagnostics, causes or parameters share an id or name in one runbook."),
    Rule("RB014", "Incomplete signature", "error",
         "A symptom signal that names a `cause` is a signature that `runbook diagnose` and the paste box match: "
         "the cause must have a section in the same runbook, and the signal needs `tool` (who prints it) and "
         "`example` (a real line with its source). `pattern`, `also`, `unless` and `example` need a `cause`."),
    Rule("RB015", "Empty version range", "error",
         "A `versions` range that no version satisfies, such as `>=2.0,<1.9`."),
    Rule("RB016", "Signature pattern outside the common subset", "error",
         "A signature's `pattern`, `also` or `unless` must compile in Python and mean the same in the browser's "
         "JavaScript: no named groups, inline flags (use `ignore_case`), look-behind, back-references, possessive "
         "quantifiers, lone `{`, `}` or `]`, `\\S` inside a character class, or escapes other than "
         "`\\d \\w \\s \\b \\t \\n \\r`, escaped symbols and `\\uXXXX`."),
    Rule("RB017", "Signature pattern can be slow", "error",
         "A pattern must stay linear in the line length: no quantifier inside a quantified group (`(a+)+`), no "
         "unbounded quantifier inside a look-ahead (`(?=.*x)`: use `also`), and literal text of at least three "
         "characters that every match contains, so the matcher can skip lines without it."),
    Rule("RB018", "Example does not match its signature", "error",
         "A signature's `example.text` (a real line with its source) must be recognised by that signature, "
         "`also` and `unless` included."),
    Rule("RB019", "Example claimed by a stronger signature", "error",
         "A signature's example must not match another cause's signature of higher confidence: the answer would "
         "name the other cause first. Narrow one of the two patterns, or use `unless`. A cause that explains the "
         "other (a root cause above its symptom, `EXPLAINED_BY` in rbkb/analyze/causes.py) may share its lines."),
    Rule("RB020", "Cause without a signature", "error",
         "Every cause in `data/causes.yaml` that can show in output needs at least one signature (a symptom signal "
         "with `cause`) in a runbook, so `runbook diagnose` and the paste box can name it. Set `in_output: false` "
         "on the catalogue entry, with the reason in its summary, when no tool prints a recognisable text for it."),
    # --- Shell -----------------------------------------------------------------------------------------------------
    Rule("RB101", "Shell syntax error", "error", "bash would reject the command (unterminated quote, stray token)."),
    Rule("RB102", "ShellCheck finding", "warning",
         "ShellCheck findings print under their own code (for example `SC2086`): ShellCheck errors and warnings "
         "fail the lint, its info and style notes are warnings. Silence a code only with a reason."),
    Rule("RB104", "Unused suppression", "warning",
         "A `lint: {ignore: [...]}` names a rule that does not fire on that command any more; remove it."),
    Rule("RB103", "ShellCheck directive without a reason", "error",
         "A `# shellcheck disable=` comment in a script must say why, after the codes (`# reason: ...`)."),
    # --- Safety ----------------------------------------------------------------------------------------------------
    Rule("RB301", "Diagnostic changes state", "error",
         "Diagnostics and confirm checks must only read: `runbook run` executes them without asking. What a command "
         "does is decided from what really runs: a wrapper (`timeout`, `env`, `command`, `xargs`, `watch`, `sh -c`) "
         "by the command it runs, `awk`, `sed` and `find` by their program text, `tee`, `curl -o`, `openssl -out` "
         "and `>` by the files they write, `curl` by the request it sends, `kubectx NAME`, `kubens NAME` and "
         "`argocd context NAME` because they switch the current context. Anything not proven read-only counts as a "
         "change."),
    Rule("RB302", "Destructive step without a warning", "error",
         "A fix step that deletes, force-syncs, prunes, scales to zero or undoes under auto-sync must carry a "
         "`warning` saying what it destroys and what to check first."),
    Rule("RB303", "Command blocks forever", "error",
         "Diagnostics must end on their own, because `runbook run` refuses anything that streams: no `--watch`, "
         "`-w` or `--follow`, no `watch` or `tail -f`, `stern` only with `--no-follow`, no `port-forward`, `proxy` "
         "or `attach`; `kubectl argo rollouts status` and `kubectl rollout status` need `--watch=false` or "
         "`--timeout` (they wait forever on a pause), and `argocd app wait` needs `--timeout`."),
    # --- Style -----------------------------------------------------------------------------------------------------
    Rule("RB401", "`:latest` image tag", "warning",
         "A mutable tag makes a rollout irreproducible and may not create a new revision at all. Pin a tag or digest."),
    Rule("RB402", "`pkill -f` or `killall`", "warning",
         "Matching processes by pattern kills more than intended (every shell whose command line matches). "
         "Find the PID with `lsof -i :PORT` or `ss -ltnp` and stop that one process."),
    Rule("RB403", "`echo` with `\\n`", "warning",
         "`echo` does not expand `\\n` without `-e`, and `-e` is not portable. Use `printf '...\\n'`."),
    Rule("RB404", "Secret on the command line", "warning",
         "Passwords and tokens passed as arguments land in shell history and process listings. "
         "Let the tool prompt, or read them from a file or an environment variable set without echo."),
    Rule("RB405", "`rollout=` selector", "warning",
         "Argo Rollouts adds no `rollout=<name>` label. Select a Rollout's pods with its own "
         "`spec.selector.matchLabels`, or one revision with `rollouts-pod-template-hash=<hash>`."),
    Rule("RB406", "`.spec.paused` as the only pause check", "warning",
         "`.spec.paused` is set only by a manual pause. Pause steps, blue-green promotion and inconclusive analysis "
         "show in `.status.phase`, `.status.message` and `.status.pauseConditions`."),
    Rule("RB407", "`kubectl logs` with a selector and no `--tail`", "warning",
         "With `-l`, kubectl prints only the last 10 lines of each pod. Say how much you want: `--tail=-1` or "
         "`--tail=N`, ideally with `--prefix` to see which pod wrote each line."),
    # --- Keeping it true -------------------------------------------------------------------------------------------
    Rule("RB501", "Runbook due for review", "warning",
         "`last_verified` is older than `review_period_days` in `data/organisation.yaml`. Run the runbook's checks "
         "against a real cluster, fix what changed, and set `last_verified` to today. The Needs review page lists "
         "every such runbook with its owner."),
    Rule("RB502", "`last_verified` in the future", "warning",
         "A date after today is a typo, and would hide the runbook from review for longer than the review period."),
    Rule("RB503", "Example contact", "error",
         "A contact in `data/organisation.yaml` is still the example organisation's (`ops@company.com`, "
         "`#deployments`, `[PagerDuty/phone number]`, an address at company.com or example.com, a 555-01xx number, a "
         "link to an example.* host). While any remains, `runbook lint` prints a note and every page of the site "
         "carries a banner; a production build fails on each one: set `RUNBOOKS_REQUIRE_REAL_CONTACTS=true` (the "
         "`runbooks` plugin option `require_real_contacts`)."),
    # --- Alerts (data/alerts.yaml, data/metrics.yaml) ---------------------------------------------------------------
    Rule("RB601", "Unknown metric", "error",
         "An alert or dashboard query names a metric that is not in `data/metrics.yaml`, or one listed there as "
         "non-existent (such as `argocd_app_health_status`). A rule on a metric nobody exports never fires."),
    Rule("RB602", "Unknown label or label value", "error",
         "A query matches a label the metric does not have, a value outside the label's closed set (such as "
         "`rollout_info{phase=\"Degraded\"}`, which never matches), or groups by a label none of its metrics carry."),
    Rule("RB603", "Alert and runbook disagree", "error",
         "A runbook's `alerts:` must list exactly the alerts whose `runbook` or `see_also` names it, and each of them "
         "must be defined in `data/alerts.yaml`: the alert's link and the runbook's list are the same fact."),
    Rule("RB604", "Broken alert reference", "error",
         "An alert or notification names a runbook that does not exist or a cause its runbook has no section on, "
         "or an alert or metric is defined twice."),
    Rule("RB605", "Alert does not identify its object", "error",
         "Every label that identifies what fired (the labels of the firing example) must appear in the "
         "description as `{{ $labels.<name> }}`, so the page says which application, Rollout or pod."),
    Rule("RB606", "Notification the controller cannot use", "error",
         "An Argo Rollouts trigger not named after a Rollout event reason (it never fires), a template reading a "
         "variable its engine does not pass, or an Argo CD condition on a field an Application does not have."),
    # --- Training (data/training/, training/labs/) -------------------------------------------------------------------
    Rule("RB701", "Broken training reference", "error",
         "A drill or lab names a runbook, cause or check that does not exist, or a cause its runbook has no section "
         "on."),
    Rule("RB702", "Runbook not in exactly one drill family", "warning",
         "Every runbook belongs to one drill family, so training covers it; a runbook in two families is an error."),
    Rule("RB703", "Lab manifest not self-contained", "error",
         "A lab manifest must be one named object per file, must not set its own namespace (the lab's namespace is "
         "applied with `-n`), and may only need the prerequisites its scenario declares."),
    Rule("RB704", "Lab image not pinned", "error",
         "Lab images need a tag or digest other than `:latest`, so a lab reproduces the same failure every time."),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}


def all_rules() -> dict[str, Rule]:
    """Every rule, grammar rules included."""
    from ..grammar.rules import RULES as GRAMMAR_RULES

    merged = dict(RULES)
    for rule_id, spec in GRAMMAR_RULES.items():
        severity: ProblemSeverity = "warning" if spec.get("severity") == "warning" else "error"
        merged[rule_id] = Rule(rule_id, spec["title"], severity, spec["description"])
    return dict(sorted(merged.items()))
