"""Parameter kinds accept what Kubernetes and the tools accept, and every runbook example is valid for its kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from rbkb.execute.params import OPTION_LIKE, ParameterError, check_value, resolve
from rbkb.load import load_repository
from rbkb.model import Repository

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def repo() -> Repository:
    loaded, problems = load_repository(ROOT)
    assert loaded is not None, problems
    return loaded


def test_every_example_and_default_in_the_runbooks_is_valid(repo: Repository) -> None:
    bad = [f"{rb.id} {p.name} ({p.kind}): {v!r} {check_value(p.kind, v)}"
           for rb in repo.runbooks for p in rb.parameters for v in (p.example, p.default) if v is not None
           if check_value(p.kind, v)]
    assert not bad


@pytest.mark.parametrize(("kind", "good", "bad"), [
    ("namespace", ["payments", "a", "a-1"], ["Payments", "-a", "a.b", "a" * 64, "a;b", "$(id)"]),
    ("name", ["checkout-web", "ip-10-0-1-2.eu-west-1.compute.internal"], ["Checkout", "a_b", "a..b", "a b"]),
    ("url", ["https://git.example.com/x.git", "http://prometheus.monitoring.svc:9090"],
     ["ftp://x", "https://", "http://a b", "javascript:alert(1)"]),
    ("host", ["shop.example.com", "203.0.113.10", "2001:db8::1", "*.example.com"], ["a b", "a;b", "-a.com"]),
    ("port", ["80", "65535"], ["0", "65536", "http", "-1"]),
    ("integer", ["3", "-1"], ["3.5", "x", "1e3"]),
    ("duration", ["30s", "1h30m", "500ms", "3m30s"], ["30", "1d", "s"]),
    ("label-selector", ["app=web", "app.kubernetes.io/name=web,tier!=cache", "env in (a, b)", "!canary", "app"],
     ["app=we b", "app=$(id)", "=x", "a=b;c"]),
    ("image", ["nginx", "registry.example.com:5000/team/app:1.2.3", "app@sha256:" + "a" * 64], ["App:1", "a b"]),
    ("text", ["anything $(at) all; 'quoted'\n"], ["nul\x00"]),
])
def test_kinds(kind: str, good: list[str], bad: list[str]) -> None:
    assert [v for v in good if check_value(kind, v)] == []
    assert [v for v in bad if not check_value(kind, v)] == []
    assert check_value(kind, "")


def test_resolve_uses_defaults_and_names_what_is_missing(repo: Repository) -> None:
    rb = next(rb for rb in repo.runbooks if any(p.default for p in rb.parameters))
    with_default = next(p for p in rb.parameters if p.default)
    given = {p.name: p.example for p in rb.parameters if not p.default}
    assert resolve(rb, given, list(rb.parameters), None)[with_default.name] == with_default.default
    missing = next(iter(given))
    with pytest.raises(ParameterError, match=f"missing parameter '{missing}'"):
        resolve(rb, {k: v for k, v in given.items() if k != missing}, list(rb.parameters), None)
    asked = resolve(rb, {k: v for k, v in given.items() if k != missing}, list(rb.parameters),
                    lambda p: p.example)
    assert asked[missing] == given[missing]


@pytest.mark.parametrize("kind", ["text", "integer", "label-selector", "url", "name"])
def test_a_whole_argument_may_not_start_with_a_dash(kind: str) -> None:
    """D2: `--kubeconfig=/tmp/evil` is valid text, and `-1` a valid integer, but as a whole argument an option."""
    for value in ("--kubeconfig=/tmp/evil", "-1", "-oyaml"):
        assert check_value(kind, value, whole_argument=True) == OPTION_LIKE
    assert check_value("text", "--kubeconfig=/tmp/evil") is None  # inside an argument it stays data
    assert check_value("integer", "-1") is None


def test_resolve_refuses_option_like_values_and_asks_again(repo: Repository) -> None:
    rb = next(rb for rb in repo.runbooks if any(p.kind == "text" for p in rb.parameters))
    text = next(p for p in rb.parameters if p.kind == "text")
    given = {p.name: p.example for p in rb.parameters}
    with pytest.raises(ParameterError, match=f"parameter '{text.name}' \\(text\\) must not start with '-'"):
        resolve(rb, {**given, text.name: "-oyaml"}, list(rb.parameters), None, whole_arguments={text.name})
    answers = iter(["--kubeconfig=/tmp/evil", "ab\x00cd", text.example])
    values = resolve(rb, {k: v for k, v in given.items() if k != text.name}, list(rb.parameters),
                     lambda _p: next(answers), whole_arguments={text.name})
    assert values[text.name] == text.example


def test_a_captured_parameter_is_not_asked_for_up_front(repo: Repository) -> None:
    rb = next(rb for rb in repo.runbooks if any(d.captures for d in rb.diagnostics))
    captured = next(c.parameter for d in rb.diagnostics for c in d.captures)
    given = {p.name: p.example for p in rb.parameters if p.name != captured}
    values = resolve(rb, given, list(rb.parameters), None, later={captured})
    assert captured not in values
    with pytest.raises(ParameterError, match=f"missing parameter '{captured}'"):
        resolve(rb, given, list(rb.parameters), None)
