"""The PromQL scanner names every metric, matcher and grouping label, and nothing else."""

from __future__ import annotations

import pytest

from rbkb.alerts.promql import Matcher, scan


@pytest.mark.parametrize(("expr", "names"), [
    ("up", ["up"]),
    ('up{job="x"} == 0', ["up"]),
    ("rate(http_requests_total[5m])", ["http_requests_total"]),
    ("sum by (namespace, le) (rate(argocd_app_reconcile_bucket[5m]))", ["argocd_app_reconcile_bucket"]),
    ("sum(rate(a[5m])) by (job) / ignoring(code) group_left sum(b)", ["a", "b"]),
    ("a and on (namespace, pod) b > 0 unless c", ["a", "b", "c"]),
    ("increase(a[1h] offset 1d) > 3 * (b or c * 0)", ["a", "b", "c"]),
    ('absent(x{l="{not a selector}"})', ["x"]),
    ('count_values("version", build_info)', ["build_info"]),
    ("topk(5, a) > bool 2e3 and inf > nan", ["a"]),
    ('{__name__="rollout_info", phase="Abort"}', ["rollout_info"]),
    ("a # comment naming not_a_metric{x}\n + b", ["a", "b"]),
    ("max_over_time(a[10m:1m]) @ end()", ["a"]),
    ('label_replace(a, "dst", "$1", "src", "(.*)")', ["a"]),
])
def test_metric_names(expr: str, names: list[str]) -> None:
    result = scan(expr)
    assert result.errors == []
    assert result.metric_names == names


def test_matchers_and_grouping_labels() -> None:
    result = scan('sum by (namespace) (rollout_info{phase=~"Abort|Timeout", name!=""}) > on (namespace) group_left x')
    assert result.selectors[0].matchers == (Matcher("phase", "=~", "Abort|Timeout"), Matcher("name", "!=", ""))
    assert result.grouping_labels == ["namespace", "namespace"]


@pytest.mark.parametrize(("expr", "error"), [
    ("rat(a[5m])", "unknown function rat()"),
    ('a{phase="x"', "unclosed"),
    ("a{phase=x}", "cannot read label matcher"),
    ('{__name__=~"rollout_.*"}', "no literal metric name"),
    ("a $ b", "unexpected character"),
])
def test_what_it_cannot_place_is_an_error(expr: str, error: str) -> None:
    assert any(error in e for e in scan(expr).errors), scan(expr).errors
