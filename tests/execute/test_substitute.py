"""Placeholders become environment references in every quoting context: hostile values reach the program as exactly
one argv word equal to the value, and never run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from standin import StandIn, install_recorder, kubectl, recorded  # noqa: F401 (fixture)

from rbkb.execute.process import run_process
from rbkb.execute.substitute import Target, UnsafeSubstitution, fill

# (template, the argv words after "kubectl get" that the value must produce, with V standing for the value)
TEMPLATES = [
    ("kubectl get <v>", ["V"]),
    ('kubectl get "<v>"', ["V"]),
    ("kubectl get '<v>'", ["V"]),
    ("kubectl get x=<v>.y", ["x=V.y"]),
    ('kubectl get "a <v> b"', ["a V b"]),
    ("kubectl get 'a <v> b'", ["a V b"]),
    ("kubectl get $'a\\t <v>'", ["a\t V"]),
    ("kubectl get --field-selector=metadata.name=<v> -o jsonpath='{.x}'", ["--field-selector=metadata.name=V",
                                                                           "-o", "jsonpath={.x}"]),
    ("kubectl get -l 'app=x,<v>' <v>", ["-l", "app=x,V", "V"]),
    ("kubectl get \"$(printf '%s.' '<v>')\"", ["V."]),
    ('kubectl get "a $(printf "%s." "<v>") b"', ["a V. b"]),
    ("kubectl get <v> <v>", ["V", "V"]),
]

PAYLOADS = ["$(touch {c})", "`touch {c}`", "'; touch {c}; '", '"; touch {c}; "', "\ntouch {c}\n", "$'\\x41'",
            "${{IFS}}touch${{IFS}}{c}", "*", "?", "[a-z]*", "~", "!!", "-n", "--help", "a\\", "\\'", "%s%n", " ",
            "\t", "$((1+1))", "{{a,b}}", "x && touch {c}", "|| touch {c}", "> {c}", "< /etc/passwd", "#", "'", '"']
HOSTILE = st.text(alphabet=st.sampled_from("ab '\"$`\\;|&<>(){}[]*?!~#%=,\n\t-") | st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=24)


def value_strategy(canary: Path) -> st.SearchStrategy[str]:
    payloads = st.sampled_from(PAYLOADS).map(lambda p: p.format(c=canary))
    return st.one_of(payloads, HOSTILE, st.tuples(payloads, HOSTILE).map("".join))


def run(text: str, env: dict[str, str]) -> int | None:
    return run_process(["bash", "-c", text], env={**os.environ, **env}, timeout=10).exit_code


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir, log = install_recorder(tmp_path / "recorder")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return log


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hostile_values_are_one_word_and_never_run(recorder: Path, tmp_path: Path, data: st.DataObject) -> None:
    canary = tmp_path / "pwned"
    template, expected = data.draw(st.sampled_from(TEMPLATES))
    value = data.draw(value_strategy(canary))
    filled = fill(template, {"v": value})
    for text, env in ((filled.run, filled.env), (filled.display, {})):  # the recorded form runs the same argv
        recorder.unlink(missing_ok=True)
        assert run(text, env) == 0
        assert recorded(recorder) == [["kubectl", "get", *(w.replace("V", value) for w in expected)]]
        assert not canary.exists()


def test_backticks_keep_the_value_as_data(kubectl: StandIn, tmp_path: Path) -> None:
    """An unquoted `...` result is split into words (as the author wrote it), but its text is never run."""
    canary = tmp_path / "pwned"
    filled = fill("true | kubectl get `printf '%s' '<v>'`.", {"v": f"$(touch {canary})"})
    assert run(filled.run, filled.env) == 0
    assert kubectl.calls() == [["kubectl", "get", "$(touch", f"{canary})."]]
    assert not canary.exists()


@pytest.mark.parametrize("value", ["EOF $(touch x)", "a'b", "`id`", "\\$HOME"])
def test_here_document_body_is_data(kubectl: StandIn, value: str) -> None:
    filled = fill("kubectl apply -f - <<EOF\nkey: <v>\nEOF", {"v": value})
    for text, env in ((filled.run, filled.env), (filled.display, {})):
        kubectl.clear()
        assert run(text, env) == 0
        assert kubectl.stdins() == [f"key: {value}\n"]


@pytest.mark.parametrize("template", [
    "echo $(( <v> + 1 ))",
    "[[ <v> -eq 1 ]] && kubectl get pods",
    "kubectl exec pod -- sh -c 'cat <v>'",
    "eval kubectl get pod <v>",
    "watch kubectl get pod <v>",
    "cat <<'EOF'\n<v>\nEOF",
    "cat <<EOF\n<v>\nEOF",  # a newline in the value could end the document
])
def test_reparsed_contexts_accept_only_plain_words(template: str) -> None:
    with pytest.raises(UnsafeSubstitution):
        fill(template, {"v": "a[$(touch /tmp/x)]\nEOF"})
    assert "checkout" in fill(template, {"v": "checkout"}).display


def test_comments_are_left_alone() -> None:
    filled = fill("kubectl get pods # filter by <v>", {"v": "x\ntouch y"})
    assert filled.run.endswith("# filter by <v>") and filled.display.endswith("# filter by <v>")


def test_context_and_kubeconfig_follow_every_kubectl_and_argocd(kubectl: StandIn) -> None:
    filled = fill("kubectl get pods | kubectl argo rollouts get rollout <v> && argocd app get <v>",
                  {"v": "web"}, Target(context="prod eu", kubeconfig="/tmp/k config"))
    assert run(filled.run, filled.env) == 0
    assert kubectl.calls() == [
        ["kubectl", "--context", "prod eu", "--kubeconfig", "/tmp/k config", "get", "pods"],
        ["kubectl", "argo", "rollouts", "--context", "prod eu", "--kubeconfig", "/tmp/k config", "get", "rollout",
         "web"],
        ["argocd", "--kube-context", "prod eu", "app", "get", "web"],
    ]
    assert filled.display.startswith("kubectl --context 'prod eu' --kubeconfig '/tmp/k config' get pods")
    assert filled.env["KUBECONFIG"] == "/tmp/k config"


def test_every_runbook_command_fills_with_its_examples() -> None:
    from rbkb.load import load_repository
    from rbkb.model import commands_of
    from rbkb.shell import parse_shell

    repo, problems = load_repository(Path(__file__).resolve().parents[2])
    assert repo is not None, problems
    failures = []
    for rb in repo.runbooks:
        values = {p.name: p.default or p.example for p in rb.parameters}
        for path, command, _ in commands_of(rb):
            try:
                filled = fill(command, values, Target(context="prod"))
            except UnsafeSubstitution as e:
                failures.append(f"{rb.id} {path}: {e}")
                continue
            for text in (filled.run, filled.display):
                if parse_shell(text).syntax_error:
                    failures.append(f"{rb.id} {path}: {text}")
    assert not failures
