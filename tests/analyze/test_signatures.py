"""Signatures for an analysis metric's verdict, in every wording the Argo Rollouts controller uses.

The lines below are the controller's format strings filled in, not captured output (the captures are in
tests/fixtures/outputs/). Format strings: analysis/analysis.go of argoproj/argo-rollouts, older wording at
commit 045c1cf0cd406ebac39be33b2d61df54b51d02b9, newer wording at commit c9dd7ea02f9dbc933ec706821b4530401ab9e6ba.
"""

from __future__ import annotations

import pytest
from analyze_support import repo, table  # noqa: F401 (fixtures)

VERDICTS = {  # phase -> (cause, counter, limit)
    "Failed": ("analysis_failed_metric", "failed", "failureLimit"),
    "Error": ("analysis_failed_provider_error", "consecutiveErrors", "consecutiveErrorLimit"),
    "Inconclusive": ("analysis_inconclusive", "inconclusive", "inconclusiveLimit"),
}


def _wordings(phase: str, counter: str, limit: str) -> list[str]:
    verdict = f"{counter} (2) > {limit} (1)"
    return [
        f'Message:  Metric "success-rate" assessed {phase} due to {verdict}',  # the run's status message
        f"Message:  Metric assessed {phase} due to {counter} (2) >",  # older, without the name; wrapped by describe
        f'time="2024-01-18T13:29:49Z" level=info msg="metric assessed {phase}: {verdict}" metric=success-rate',
        f'time="2024-01-18T13:29:49Z" level=info msg="Metric Assessment Result - {phase}: {verdict}" metric=m',
        f"Warning  Metric{phase}  analysisrun/checkout-6f9d-2  Metric 'success-rate' Completed. Result: {phase}",
        f"Normal   Complete  analysisrun/checkout-6f9d-2  metric 'success-rate' completed {phase}",
    ]


@pytest.mark.parametrize("phase", sorted(VERDICTS))
def test_each_wording_of_a_verdict_names_its_cause(phase: str, table) -> None:
    cause, counter, limit = VERDICTS[phase]
    for line in _wordings(phase, counter, limit):
        assert {s.cause for s in table.matcher.match(line)} == {cause}, line


def test_a_successful_verdict_names_no_cause(table) -> None:
    for line in ('msg="Metric Assessment Result - Successful: Count (5) Reached" metric=success-rate',
                 "Normal  MetricSuccessful  analysisrun/x  Metric 'success-rate' Completed. Result: Successful"):
        assert table.matcher.match(line) == [], line
