"""The weekly drift check: which shifts alert, which do not, and scorer changes are never silent."""

from __future__ import annotations

import random
from datetime import date, timedelta

from cx.calibration.drift import DriftThresholds, Observation, drift_report, version_changes
from cx.calibration.policy import CalibrationPolicy
from cx.calibration.report import Sample, calibration_report
from cxbot.render.drift import drift_blocks
from cxbot.render.terminal import render

END = date(2026, 11, 22)  # a Sunday: the current week is 16-22 Nov, the baseline 19 Oct - 15 Nov
V1, V2 = "offline/1.0.0 rubric offline-v1", "offline/1.1.0 rubric offline-v2"


def _traffic(seed: int = 1, days: int = 35, per_day: int = 12) -> list[Observation]:
    rng = random.Random(seed)
    out = []
    for back in range(days):
        day = END - timedelta(days=back)
        for i in range(per_day):
            journey = "billing" if i % 2 else "orders"
            score = rng.choice([2, 3, 3, 4, 4, 4, 5])
            if journey == "billing" and day >= END - timedelta(days=6):
                score = rng.choice([1, 2, 2, 3])  # the planted drop
            out.append(Observation(day, "chat" if i % 3 else "email", journey, score, V1))
    return out


def test_a_dropped_journey_alerts_and_a_steady_one_does_not() -> None:
    report = drift_report(_traffic(), END)
    shifts = {(s.dimension, s.value): s for s in report.shifts}

    assert report.current == (date(2026, 11, 16), END)
    assert report.baseline == (date(2026, 10, 19), date(2026, 11, 15))
    assert shifts["journey", "billing"].alert and shifts["journey", "billing"].psi > 0.2
    assert shifts["journey", "billing"].p_value < 0.001
    assert not shifts["journey", "orders"].alert
    assert sum(shifts["journey", "orders"].current) == 7 * 6
    assert any("journey billing" in a for a in report.alerts)
    assert not any("orders" in a for a in report.alerts)


def test_too_few_evaluations_are_reported_but_never_alerted() -> None:
    report = drift_report(_traffic(per_day=2), END, DriftThresholds(min_count=30))

    billing = next(s for s in report.shifts if s.value == "billing")
    assert sum(billing.current) == 7 and not billing.alert


def test_a_scorer_change_is_marked_and_alerts() -> None:
    traffic = [
        o if o.day < date(2026, 11, 19) else Observation(o.day, o.channel, o.journey, o.score, V2) for o in _traffic()
    ]

    report = drift_report(traffic, END)

    assert [(c.day, c.before, c.after) for c in version_changes(traffic)] == [(date(2026, 11, 19), V1, V2)]
    assert any("scorer changed on 19 Nov" in a for a in report.alerts)
    text = render([b.to_dict() for b in drift_blocks(report)])
    assert "Scorer version changes" in text and "19 Nov: " + V1 in text and "different scorers" in text


def test_recent_label_agreement_below_the_kappa_target_alerts() -> None:
    poor = calibration_report(
        "s", [Sample(f"c{i}", 5 - i % 5, (1 + i % 5, 1 + i % 5)) for i in range(10)], CalibrationPolicy()
    )
    good = calibration_report(
        "s", [Sample(f"c{i}", 1 + i % 5, (1 + i % 5, 1 + i % 5)) for i in range(10)], CalibrationPolicy()
    )

    flagged = drift_report([], END, recent=poor, kappa_target=0.6)
    fine = drift_report([], END, recent=good, kappa_target=0.6)

    assert any("agreement on recent labels" in a for a in flagged.alerts)
    assert fine.alerts == []
    assert drift_report([], END, DriftThresholds(min_labels=11), recent=poor, kappa_target=0.6).alerts == []
    assert "CX drift: steady" in render([b.to_dict() for b in drift_blocks(fine)])
