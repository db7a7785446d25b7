"""A calibration report: figures beside the human reference, verdicts against targets set beforehand."""

from __future__ import annotations

import math

import pytest

from cx.calibration.consensus import ConsensusRule
from cx.calibration.policy import CalibrationPolicy, Target
from cx.calibration.report import Sample, calibration_report

# Reviewers agree closely; the scorer is always one point kinder than the consensus on chats.
SAMPLES = [
    Sample("c1", 3, (2, 2, 2), channel="chat", journey="billing"),
    Sample("c2", 3, (2, 2, 2), channel="chat", journey="billing"),
    Sample("c3", 4, (3, 3, 3), channel="chat", journey="returns"),
    Sample("c4", 5, (4, 4, 5), channel="chat", journey="returns"),
    Sample("c5", 1, (1, 1, 1), channel="email", journey="billing"),
    Sample("c6", 5, (5, 5, 4), channel="email", journey="returns"),
]


def test_figures_verdicts_and_reference_for_a_kind_scorer() -> None:
    report = calibration_report("kind/1", SAMPLES, CalibrationPolicy())

    assert report.overall.n == 6
    assert report.overall.exact == pytest.approx(2 / 6)
    assert report.overall.within_one == 1.0
    assert report.overall.bias > 0.5
    assert report.overall.recall == pytest.approx(1 / 3)  # c5 caught; c1 and c2 scored as fair
    assert report.reference is not None and report.reference.exact > report.overall.exact
    verdicts = {v.target.metric: v.passed for v in report.verdicts}
    assert verdicts == {"f1": False, "kappa": True}
    assert not report.targets_met
    relative = {v.metric: v for v in report.relative or []}
    assert set(relative) == {"spearman_raw", "recall"}
    assert not relative["recall"].passed  # one reviewer finds every poor one here, the kind scorer a third
    assert not report.passed  # the default verdict is the relative one


def test_the_bias_table_has_a_row_per_channel_and_journey_with_counts() -> None:
    report = calibration_report("kind/1", SAMPLES, CalibrationPolicy())
    rows = {(g.dimension, g.value): g for g in report.groups}

    assert set(rows) == {("channel", "chat"), ("channel", "email"), ("journey", "billing"), ("journey", "returns")}
    assert rows["channel", "chat"].scorer.n == 4
    assert rows["channel", "chat"].scorer.bias == pytest.approx((3 + 3 + 4 + 5 - (2 + 2 + 3 + 13 / 3)) / 4)
    assert rows["channel", "email"].scorer.exact == 1.0


def test_targets_come_from_the_policy() -> None:
    lenient = CalibrationPolicy(targets=(Target("within_one", 0.9, "within one"),))
    strict = CalibrationPolicy(targets=(Target("exact", 0.9, "exact"),))

    assert calibration_report("kind/1", SAMPLES, lenient).targets_met
    assert not calibration_report("kind/1", SAMPLES, strict).targets_met


def test_the_default_verdict_is_relative_to_one_reviewer() -> None:
    close = [Sample(s.conversation_id, round(sum(s.ratings) / len(s.ratings)), s.ratings) for s in SAMPLES]
    strict = CalibrationPolicy(targets=(Target("bias", 0.5, "kinder by half a point"),))

    report = calibration_report("close/1", close, strict)

    assert report.passed and not report.targets_met
    assert report.fair is not None and report.fair.n == 6
    assert calibration_report("none", close, strict, draws=0).fair is None


def test_the_consensus_rule_and_poor_threshold_change_what_counts_as_poor() -> None:
    samples = [Sample("a", 2, (1, 3, 3)), Sample("b", 4, (3, 4, 5)), Sample("c", 4, (3, 3, 4))]

    mean = calibration_report("s", samples, CalibrationPolicy(rule=ConsensusRule.MEAN))
    median = calibration_report("s", samples, CalibrationPolicy(rule=ConsensusRule.MEDIAN))
    higher = calibration_report("s", samples, CalibrationPolicy(poor_below=3.5))

    assert mean.overall.precision == 1.0  # mean 2.33 is poor, and the scorer said 2
    assert median.overall.precision == 0.0  # median 3 is not poor
    assert higher.overall.recall == pytest.approx(0.5)  # now c (3.33) is poor too, scored 4


def test_an_unmeasurable_figure_fails_its_target() -> None:
    flat = [Sample("a", 3, (3, 3)), Sample("b", 3, (3, 3))]

    report = calibration_report("flat", flat, CalibrationPolicy())

    assert math.isnan(report.overall.kappa)
    assert not report.targets_met and not report.passed


def test_no_labelled_conversation_is_an_error_that_says_what_to_do() -> None:
    with pytest.raises(ValueError, match="import labels"):
        calibration_report("s", [Sample("a", 3, ())], CalibrationPolicy())
