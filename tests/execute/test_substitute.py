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
from rbkb.execute.substitute import Target, UnsafeSubstitution, fill, option_sensitive

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
    begins = any(w.startswith("V") for w in expected) or "printf" in template  # printf's own argument
    if value.startswith("-") and begins:
        with pytest.raises(UnsafeSubstitution, match="would be read as an option"):
            fill(template, {"v": value})
        return
    filled = fill(template, {"v": value})
    for text, env in ((filled.run, filled.env), (filled.display, {})):  # the recorded form runs the same argv
        recorder.unlink(missing_ok=True)
        assert run(text, env) == 0
        assert recorded(recorder) == [["kubectl", "get", *(w.replace("V", value) for w in expected)]]
        assert not canary.exists()


@pytest.mark.parametrize("template", ["true | kubectl get `printf '%s' '<v>'`.", "kubectl get $(printf %s <v>)",
                                      "kubectl get x=$(printf %s '<v>')"])
def test_unquoted_command_substitution_takes_only_plain_words(kubectl: StandIn, tmp_path: Path,
                                                               template: str) -> None:
    """The output of an unquoted `...` or $(...) is split into words (and globbed): `a -oyaml` would be two."""
    canary = tmp_path / "pwned"
    for value in (f"$(touch {canary})", "a --kubeconfig=/tmp/evil", "*", "-oyaml"):
        with pytest.raises(UnsafeSubstitution):
            fill(template, {"v": value})
    filled = fill(template, {"v": "checkout.v1"})
    assert run(filled.run, filled.env) == 0
    assert kubectl.calls()[0][-1].startswith(("checkout.v1", "x=checkout.v1"))
    assert not canary.exists()


def test_quoted_command_substitution_keeps_one_word(kubectl: StandIn) -> None:
    filled = fill('kubectl get "$(printf %s <v>)" -l "x=$(printf %s <v>)"', {"v": "a b*"})
    assert run(filled.run, filled.env) == 0
    assert kubectl.calls() == [["kubectl", "get", "a b*", "-l", "x=a b*"]]


@pytest.mark.parametrize(("template", "refused"), [
    ("kubectl get <v> x", True),
    ("kubectl get '<v>' x", True),
    ('kubectl get "<v> b"', True),
    ("kubectl get <v>.apps", True),
    ("<v> get pods", True),
    ("kubectl get pods | grep -F <v>", True),
    ("kubectl exec pod -- cat <v>", True),  # after `--` the inner program parses options again
    ("kubectl exec pod -- sh -c 'cat /x/<v>'", True),  # a script is parsed again: no leading '-' at all
    ("kubectl get pods -l app=<v>", False),
    ("kubectl get pods --field-selector=metadata.name=<v>", False),
    ("kubectl describe replicaset checkout-<v>", False),
    ("kubectl get pods # <v>", False),
    ("kubectl apply -f - <<EOF\nname: <v>\nEOF", False),
])
def test_a_value_starting_with_a_dash_never_begins_an_argument(template: str, refused: bool) -> None:
    for value in ("--kubeconfig=/tmp/evil", "-oyaml", "-1", "-"):
        if refused:
            with pytest.raises(UnsafeSubstitution, match="would be read as an option"):
                fill(template, {"v": value})
        else:
            assert value in fill(template, {"v": value}).display or "# <v>" in template
    assert option_sensitive([template]) == ({"v"} if refused else set())


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


# ----------------------------------------------------------------------------------------------------------------------
# Every placeholder of every runbook command: no value ever becomes an option
# ----------------------------------------------------------------------------------------------------------------------

OPTIONS = ["--kubeconfig=/tmp/evil", "-oyaml", "--server=https://evil.example", "-1", "-", "--", "-n kube-system"]


@pytest.fixture(scope="module")
def runbook_commands() -> list[tuple[str, str, dict[str, str]]]:
    """(where, command, example values) for every command of every runbook."""
    from rbkb.load import load_repository
    from rbkb.model import commands_of

    repo, problems = load_repository(Path(__file__).resolve().parents[2])
    assert repo is not None, problems
    return [(f"{rb.id} {path}", command, {p.name: p.default or p.example for p in rb.parameters})
            for rb in repo.runbooks for path, command, _ in commands_of(rb)]


def _words(text: str) -> list[tuple[str, ...]]:
    from rbkb.shell import parse_shell

    return [c.argv for c in parse_shell(text).commands]


def _option_from_value(command: str, values: dict[str, str], name: str, value: str) -> str | None:
    """An argv word that starts with '-' only because of `value`, found by comparing with a harmless value."""
    try:
        hostile = fill(command, {**values, name: value})
    except UnsafeSubstitution:
        return None  # refused: nothing runs
    harmless = _words(fill(command, {**values, name: "x"}).display)
    for got, base in zip(_words(hostile.display), harmless, strict=True):
        assert len(got) == len(base), f"{command!r} with {value!r}: the value split into words: {got}"
        for word, reference in zip(got, base, strict=True):
            if word.startswith("-") and not reference.startswith("-"):
                return word
    return None


def test_no_runbook_placeholder_lets_an_option_through(runbook_commands: list[tuple[str, str, dict[str, str]]]) \
        -> None:
    """Every placeholder of every command, each option-like value: refused, or never the start of a word."""
    from rbkb.model import placeholders

    leaks = [f"{where} <{name}>={value!r}: {word!r}"
             for where, command, values in runbook_commands for name in dict.fromkeys(placeholders(command))
             for value in OPTIONS if (word := _option_from_value(command, values, name, value))]
    assert not leaks
    sensitive = option_sensitive(c for _, c, _ in runbook_commands)
    assert {"kind", "resource", "namespace", "appset-file", "context"} <= sensitive  # the audit's D2 cases


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_hostile_values_in_runbook_commands_never_become_options(
        runbook_commands: list[tuple[str, str, dict[str, str]]], data: st.DataObject) -> None:
    from rbkb.model import placeholders

    where, command, values = data.draw(st.sampled_from([c for c in runbook_commands if placeholders(c[1])]))
    name = data.draw(st.sampled_from(sorted(set(placeholders(command)))))
    value = data.draw(st.one_of(st.sampled_from(OPTIONS), HOSTILE, HOSTILE.map(lambda t: "-" + t)))
    assert _option_from_value(command, values, name, value) is None, where
