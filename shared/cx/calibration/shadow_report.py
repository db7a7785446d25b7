"""A candidate scorer beside the active one on the same conversations, and both against human labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from cx.calibration.agreement import Agreement, agreement
from cx.calibration.labels import Label, by_conversation
from cx.calibration.policy import CalibrationPolicy
from cx.calibration.report import CalibrationReport, Sample, calibration_report
from cx.domain.evaluation import Evaluation


@dataclass(frozen=True)
class ShadowReport:
    active: str
    candidate: str
    between: Agreement  # the candidate's scores against the active scorer's, on the same conversations
    active_vs_humans: CalibrationReport | None
    candidate_vs_humans: CalibrationReport | None


def shadow_report(
    pairs: Iterable[tuple[Evaluation, Evaluation]], labels: list[Label], policy: CalibrationPolicy
) -> ShadowReport:
    """``pairs``: (active, candidate) evaluations of the same conversations, each side one scorer version."""
    pairs = list(pairs)
    if not pairs:
        raise ValueError("no conversation has both an active and a shadow evaluation yet")
    for side in (0, 1):
        versions = Counter(p[side].scorer.label for p in pairs)
        if len(versions) > 1:
            raise ValueError(f"several scorer versions on one side: {', '.join(versions)}; compare one at a time")
    active, candidate = pairs[0][0].scorer.label, pairs[0][1].scorer.label
    between = agreement([c.cx_score for _, c in pairs], [float(a.cx_score) for a, _ in pairs], policy.poor_below)
    ratings = by_conversation(labels)
    labelled = [(a, c) for a, c in pairs if ratings.get(a.conversation_id)]
    reports: list[CalibrationReport | None] = [None, None]
    if labelled:
        for side, name in ((0, active), (1, candidate)):
            samples = [
                Sample(p[side].conversation_id, p[side].cx_score, tuple(ratings[p[0].conversation_id]))
                for p in labelled
            ]
            reports[side] = calibration_report(name, samples, policy, disputed=0, draws=0)
    return ShadowReport(active, candidate, between, reports[0], reports[1])
