"""Headline figures from summed counters: averages, pass rates at any threshold, outcome shares."""

from __future__ import annotations

import pytest

from cx.reports.figures import Figures

# ten evaluations: one 1, one 2, two 3s, three 4s, three 5s; score sum 1 + 2 + 6 + 12 + 15 = 36
TEN = Figures.of(
    {
        "evaluations": 10,
        "score_sum": 36,
        "hist_1": 1,
        "hist_2": 1,
        "hist_3": 2,
        "hist_4": 3,
        "hist_5": 3,
        "cases": 4,
        "outcome_resolved": 3,
        "outcome_escalated": 1,
        "sentiment_sum": 35.0,
    }
)


@pytest.mark.parametrize(("threshold", "rate"), [(3, 0.8), (4, 0.6), (5, 0.3)])
def test_pass_rate_counts_scores_at_or_above_the_threshold(threshold: int, rate: float) -> None:
    assert TEN.pass_rate(threshold) == pytest.approx(rate)


def test_everyone_passes_at_threshold_one() -> None:
    assert TEN.passes(1) == 10
    assert TEN.pass_rate(1) == 1.0


def test_averages_divide_by_evaluations() -> None:
    assert TEN.avg_score == pytest.approx(3.6)
    assert TEN.avg_sentiment == pytest.approx(3.5)
    assert TEN.avg_effort == 0.0


def test_outcome_shares_are_over_cases_with_an_outcome() -> None:
    shares = TEN.outcome_shares()

    assert shares["resolved"] == pytest.approx(0.75)
    assert shares["escalated"] == pytest.approx(0.25)
    assert shares["abandoned"] == 0
    assert TEN.outcomes["resolved"] == 3 and TEN.cases == 4


def test_no_evaluations_gives_no_rates_rather_than_zero() -> None:
    empty = Figures.of({})

    assert empty.evaluations == 0
    assert empty.avg_score is None
    assert empty.pass_rate(4) is None
    assert empty.outcome_shares() == {}
    assert empty.histogram == (0, 0, 0, 0, 0)
