"""The explanation's arithmetic: intervals against SciPy, shift-share adding up, version changes, factors."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest
from scipy import stats

from cx.explain.decomposition import MIX, RATE, contributors, decompose
from cx.explain.reasons import factor_changes
from cx.explain.scorer_change import version_changes
from cx.explain.significance import (
    REAL_DROP,
    TOO_FEW,
    WITHIN_NOISE,
    assess,
    mean_difference,
    proportion_difference,
    t_quantile,
)
from cx.reports.figures import Figures


def figures(histogram: list[int]) -> Figures:
    counts = {f"hist_{k + 1}": float(h) for k, h in enumerate(histogram)}
    counts |= {
        "evaluations": float(sum(histogram)),
        "score_sum": float(sum((k + 1) * h for k, h in enumerate(histogram))),
    }
    return Figures.of(counts)


def scores(histogram: list[int]) -> list[int]:
    return [k + 1 for k, h in enumerate(histogram) for _ in range(h)]


@pytest.mark.parametrize("df", [8, 30, 200])  # with 30 evaluations a period at least, df is about 29 or more
def test_t_quantile_matches_scipy(df: int) -> None:
    assert t_quantile(0.975, df) == pytest.approx(stats.t.ppf(0.975, df), abs=1e-4)


def test_welch_interval_from_histograms_matches_scipy_on_the_raw_scores() -> None:
    rng = random.Random(4)
    before = [rng.randint(0, 30) for _ in range(5)]
    after = [rng.randint(0, 30) for _ in range(5)]
    a, b = scores(before), scores(after)

    interval = mean_difference(before, after)

    result = stats.ttest_ind(b, a, equal_var=False)
    low, high = result.confidence_interval(0.95)
    assert (interval.low, interval.high) == (pytest.approx(low, abs=1e-3), pytest.approx(high, abs=1e-3))
    assert interval.estimate == pytest.approx(sum(b) / len(b) - sum(a) / len(a))


def test_proportion_interval_is_the_normal_one() -> None:
    interval = proportion_difference(40, 100, 25, 100)
    se = math.sqrt(0.4 * 0.6 / 100 + 0.25 * 0.75 / 100)
    assert interval.low == pytest.approx(-0.15 - stats.norm.ppf(0.975) * se)
    assert interval.high == pytest.approx(-0.15 + stats.norm.ppf(0.975) * se)


def test_verdicts_real_drop_noise_and_too_few() -> None:
    assert assess(figures([5, 5, 20, 40, 30]), figures([20, 20, 30, 20, 10]), 4).verdict == REAL_DROP
    assert assess(figures([5, 5, 20, 40, 30]), figures([5, 6, 20, 39, 30]), 4).verdict == WITHIN_NOISE
    too_few = assess(figures([1, 1, 5, 10, 3]), figures([20, 20, 30, 20, 10]), 4)
    assert too_few.verdict == TOO_FEW and too_few.score is None


def test_shift_share_adds_up_to_the_change_and_names_a_pure_mix_shift() -> None:
    chat0, email0 = figures([10, 10, 10, 5, 5]), figures([2, 2, 10, 20, 26])  # chat scores lower
    chat1, email1 = figures([20, 20, 20, 10, 10]), figures([1, 1, 5, 10, 13])  # same means, more chat
    before, after = figures([12, 12, 20, 25, 31]), figures([21, 21, 25, 20, 23])

    segments = decompose("channel", before, after, {"chat": (chat0, chat1), "email": (email0, email1)})
    change = (after.avg_score or 0) - (before.avg_score or 0)

    assert sum(s.mix + s.rate for s in segments) == pytest.approx(change)
    top = contributors({"channel": segments}, change)[0]
    assert (top.kind, top.value, top.effect) == (MIX, "chat", pytest.approx(change))


def test_a_rate_drop_in_one_segment_is_its_rate() -> None:
    a0, b0 = figures([2, 3, 10, 20, 25]), figures([2, 3, 10, 20, 25])
    a1, b1 = figures([20, 15, 10, 10, 5]), figures([2, 3, 10, 20, 25])
    before, after = figures([4, 6, 20, 40, 50]), figures([22, 18, 20, 30, 30])

    segments = decompose("team", before, after, {"a": (a0, a1), "b": (b0, b1)})
    top = contributors({"team": segments}, (after.avg_score or 0) - (before.avg_score or 0))[0]

    assert (top.kind, top.value) == (RATE, "a")
    assert top.share_of_change == pytest.approx(1.0)


def test_a_version_change_is_the_day_another_version_scores_most() -> None:
    start = date(2026, 11, 2)
    days = [start + timedelta(days=i) for i in range(6)]
    old = {d: {"evaluations": 10.0} for d in days[:4]} | {days[1]: {"evaluations": 9.0}}
    new = {days[1]: {"evaluations": 1.0}, days[4]: {"evaluations": 10.0}, days[5]: {"evaluations": 8.0}}

    changes = version_changes({"v1": old, "v2": new}, days)

    assert [(c.day, c.before, c.after) for c in changes] == [(days[4], ("v1",), ("v2",))]


def test_factors_that_rose_per_evaluation_are_listed_and_ones_that_fell_or_stayed_flat_never() -> None:
    before, after = figures([10, 10, 20, 30, 30]), figures([20, 20, 20, 20, 20])
    factors = {
        "transferred": (figures([2, 2, 0, 0, 0]), figures([12, 8, 0, 0, 0])),  # 4% -> 20% of evaluations
        "partly_resolved": (figures([9, 9, 0, 0, 0]), figures([5, 4, 0, 0, 0])),  # fell
        "flat": (figures([3, 2, 0, 0, 0]), figures([3, 2, 0, 0, 0])),
        "rare": (figures([1, 0, 0, 0, 0]), figures([1, 0, 0, 0, 0])),
    }

    ranked = factor_changes(before, after, factors, -0.5)

    assert [f.factor for f in ranked] == ["transferred"]
    top = ranked[0]
    assert (top.before_share, top.after_share) == (pytest.approx(0.2), pytest.approx(0.5))
    assert (top.before_rate, top.after_rate, top.before_low, top.after_low) == (0.04, 0.2, 4, 20)


def test_failing_more_in_the_usual_ways_is_listed_though_every_share_stays_flat() -> None:
    before, after = figures([5, 5, 30, 30, 30]), figures([20, 20, 20, 20, 20])  # 10 -> 40 low-scored
    factors = {"repeated": (figures([3, 2, 0, 0, 0]), figures([12, 8, 0, 0, 0]))}  # half of them, both times

    (repeated,) = factor_changes(before, after, factors, -0.6)

    assert repeated.before_share == repeated.after_share == 0.5
    assert (repeated.before_rate, repeated.after_rate) == (0.05, 0.2)


def test_a_factor_is_new_only_when_the_previous_period_had_enough_low_scored_conversations() -> None:
    few, many = figures([1, 1, 30, 30, 30]), figures([10, 10, 30, 30, 30])
    after = figures([20, 20, 20, 20, 20])
    factor = {"dismissed": (figures([0, 0, 0, 0, 0]), figures([6, 4, 0, 0, 0]))}

    assert not factor_changes(few, after, factor, -0.5)[0].is_new
    assert factor_changes(many, after, factor, -0.5)[0].is_new
