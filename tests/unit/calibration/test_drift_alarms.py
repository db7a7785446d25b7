"""Drift that does not cry wolf: valid on sparse histograms, corrected for the slices tested, the cause named
once, and the same week as `/cx … last-week`."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from cx.calibration.drift import DriftThresholds, Observation, drift_report, week_before
from cx.calibration.drift_test import holm, merged_bins, sparse_safe_test
from cx.calibration.stats import chi_square_homogeneity, psi
from cx.ranges import parse_range

END = date(2026, 11, 22)  # a Sunday
V1 = "offline@1.0.0/vader/offline-v1"
CHANNELS = (("chat", 0.5), ("email", 0.3), ("phone", 0.2))
JOURNEYS = (("billing", 0.25), ("orders", 0.35), ("returns", 0.2), ("account", 0.2))
# each journey's score distribution (1-5); 1s are rare, so the histograms are sparse at the bottom
STEADY = {
    "billing": (0.01, 0.09, 0.25, 0.40, 0.25),
    "orders": (0.005, 0.05, 0.2, 0.45, 0.295),
    "returns": (0.01, 0.1, 0.3, 0.35, 0.24),
    "account": (0.005, 0.04, 0.15, 0.4, 0.405),
}
WORSE = (0.06, 0.2, 0.34, 0.28, 0.12)


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _weeks(
    seed: int, per_day: int = 60, planted: Callable[[str, date], bool] = lambda journey, day: False
) -> list[Observation]:
    """Five weeks to END of traffic in which nothing changes, except where ``planted`` says."""
    rng = random.Random(seed)
    out = []
    for back in range(35):
        day = END - timedelta(days=back)
        for _ in range(per_day):
            journey, channel = _pick(rng, JOURNEYS), _pick(rng, CHANNELS)
            weights = WORSE if planted(journey, day) else STEADY[journey]
            score = rng.choices(range(1, 6), weights)[0]
            out.append(Observation(day, channel, journey, score, V1))
    return out


def test_three_low_scores_against_none_in_a_sparse_baseline_do_not_alert_any_more() -> None:
    """The issue's case: 3 CX-1 this week, none of 391 in the baseline; the old rule (PSI >= 0.2 or chi-square
    p < 0.01 on the sparse table) alerted on it."""
    baseline, current = (0, 40, 120, 160, 71), (3, 6, 30, 44, 17)
    assert chi_square_homogeneity(baseline, current)[2] < 0.01, "the raw chi-square is fooled by the empty bin"
    assert psi(baseline, current) > 0.19
    assert merged_bins(baseline, current) == ([40, 120, 160, 71], [9, 30, 44, 17])
    p_value, index = sparse_safe_test(baseline, current)
    assert p_value > 0.5 and index < 0.01

    day = END - timedelta(days=10)
    observations = [
        Observation(day if n_week == 0 else END, "chat", "billing", score, V1)
        for n_week, histogram in enumerate((baseline, current))
        for score, count in enumerate(histogram, start=1)
        for _ in range(count)
    ]
    report = drift_report(observations, END)
    assert report.alerts == []
    assert {s.name for s in report.shifts} == {"journey billing", "channel chat"}


def test_holm_adjusts_step_down_and_keeps_order() -> None:
    assert holm([0.01, 0.04, 0.03, 0.5]) == pytest.approx([0.04, 0.09, 0.09, 0.5])
    assert holm([]) == []


def test_a_hundred_unchanged_weeks_alert_at_about_the_promised_rate() -> None:
    """alpha is the weekly chance of any false alert over all slices; Holm keeps it at most that."""
    loose = DriftThresholds(alpha=0.2)
    weeks = [drift_report(_weeks(seed), END, loose) for seed in range(100)]
    assert all(r.tested == 7 for r in weeks), "every channel and journey has enough evaluations to test"
    false_alarm_weeks = sum(any(s.alert for s in r.shifts) for r in weeks)
    # a binomial(100, <= 0.2): more than 30 would be a test that does not keep its promise (P < 0.01)
    assert false_alarm_weeks <= 30
    assert false_alarm_weeks >= 5, "the test is not so conservative that it could never alert"
    strict = sum(any(s.alert for s in drift_report(_weeks(seed), END).shifts) for seed in range(100))
    assert strict <= 7, "at the default 2% a week, 8 or more of 100 has probability 0.1%"


def test_a_drop_in_one_journey_is_reported_as_that_journey_not_as_every_channel() -> None:
    named_first, channel_alerts = 0, 0
    for seed in range(20):
        report = drift_report(_weeks(seed, planted=lambda j, d: j == "billing" and d > END - timedelta(days=7)), END)
        shifts = {s.name: s for s in report.shifts}
        assert shifts["journey billing"].alert and shifts["journey billing"].explained_by is None
        named_first += report.alerts[0].startswith("journey billing:")
        channel_alerts += sum(a.startswith("channel") for a in report.alerts)
        for channel, _ in CHANNELS:
            s = shifts[f"channel {channel}"]
            assert not s.alert or s.explained_by == "journey billing"
    assert named_first == 20
    assert channel_alerts == 0, "the channels moved only through billing; they are not alerts of their own"


def test_an_echoed_channel_says_which_journey_explains_it_and_how_much() -> None:
    echoes = []
    for seed in range(10):
        planted = _weeks(seed, per_day=120, planted=lambda j, d: j == "billing" and d > END - timedelta(days=7))
        report = drift_report(planted, END)
        moved = [s for s in report.shifts if s.dimension == "channel" and s.alert]
        for s in moved:
            assert s.explained_by == "journey billing"
            assert s.share_explained is not None and s.share_explained > 0.3, "billing is a good part of its change"
            assert f"explains {s.name} (" in report.alerts[0]
        echoes += moved
    assert len(echoes) >= 5, "with billing a quarter of every channel, channels do move visibly"
    mean_share = sum(s.share_explained or 0 for s in echoes) / len(echoes)
    assert 0.7 < mean_share < 1.3, "on average billing accounts for the channels' whole change"


def test_the_drift_week_is_last_week_as_the_slash_commands_count_it() -> None:
    for offset in range(14):
        today = date(2026, 11, 16) + timedelta(days=offset)
        now = datetime(today.year, today.month, today.day, 12, tzinfo=UTC)
        last_week = parse_range("last-week", now, UTC)
        assert week_before(today) == (last_week.start, last_week.end)
        assert week_before(today)[0].weekday() == 0


@pytest.mark.parametrize(
    ("baseline", "current"),
    [
        ((0, 40, 120, 160, 71), (3, 6, 30, 44, 17)),
        ((5, 10, 30, 60, 40), (9, 14, 20, 30, 10)),
        ((1, 0, 2, 5, 40), (0, 1, 1, 9, 20)),
    ],
)
def test_the_rank_sum_p_matches_scipy(baseline: tuple[int, ...], current: tuple[int, ...]) -> None:
    from scipy.stats import mannwhitneyu

    from cx.calibration.drift_test import rank_sum_p

    xs = [s for s, c in enumerate(baseline, start=1) for _ in range(c)]
    ys = [s for s, c in enumerate(current, start=1) for _ in range(c)]
    expected = mannwhitneyu(ys, xs, use_continuity=True, alternative="two-sided", method="asymptotic").pvalue
    assert rank_sum_p(baseline, current) == pytest.approx(expected, rel=1e-9)
