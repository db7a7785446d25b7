"""Calibration from what is stored: every human label against the stored evaluations it can be paired with."""

from __future__ import annotations

from cx.calibration.policy import CalibrationPolicy
from cx.calibration.report import CalibrationReport, calibration_report
from cx.calibration.samples import from_storage
from cx.ports import ConversationStore, EvaluationHistory, LabelStore


class NothingToCalibrate(ValueError):
    """No labelled conversation has an evaluation yet."""


def stored_calibration(
    labels: LabelStore,
    conversations: ConversationStore,
    history: EvaluationHistory,
    policy: CalibrationPolicy,
    scorer_name: str | None = None,
) -> CalibrationReport:
    samples = from_storage(list(labels.scan_labels()), conversations, history, scorer_name)
    if not samples.samples:
        which = f" by the scorer `{scorer_name}`" if scorer_name else ""
        raise NothingToCalibrate(
            f"No labelled conversation has an evaluation{which} yet: rate evaluations with *Rate this* "
            "or import labels with `cx labels import FILE`."
        )
    return calibration_report(samples.scorer, samples.samples, policy, left_out=samples.left_out)
