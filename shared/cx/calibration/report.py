"""The calibration report: a scorer against human consensus, beside one human against the others."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cx.calibration.agreement import Agreement, agreement, human_reference
from cx.calibration.consensus import Disputed, consensus, most_disputed
from cx.calibration.policy import CalibrationPolicy, Target

DIMENSIONS = ("channel", "journey", "team")


@dataclass(frozen=True)
class Sample:
    """A conversation with the scorer's CX score, its reviewers' ratings and where it belongs."""

    conversation_id: str
    score: int
    ratings: tuple[int, ...]
    channel: str | None = None
    journey: str | None = None
    team: str | None = None


@dataclass(frozen=True)
class Verdict:
    target: Target
    value: float
    reference: float | None

    @property
    def passed(self) -> bool:
        return self.value >= self.target.minimum  # NaN compares False: an unmeasurable figure fails


@dataclass(frozen=True)
class GroupRow:
    dimension: str
    value: str
    scorer: Agreement
    reference: Agreement | None


@dataclass(frozen=True)
class CalibrationReport:
    scorer: str
    policy: CalibrationPolicy
    overall: Agreement
    reference: Agreement | None
    verdicts: list[Verdict]
    groups: list[GroupRow]
    disputed: list[Disputed]
    left_out: int = 0  # labelled conversations not evaluated by this scorer version

    @property
    def passed(self) -> bool:
        return all(v.passed for v in self.verdicts)


def _measure(samples: Sequence[Sample], policy: CalibrationPolicy) -> tuple[Agreement, Agreement | None]:
    reference = [consensus(s.ratings, policy.rule) for s in samples]
    scorer = agreement([s.score for s in samples], reference, policy.poor_below)
    return scorer, human_reference([s.ratings for s in samples], policy.rule, policy.poor_below)


def calibration_report(
    scorer: str, samples: Iterable[Sample], policy: CalibrationPolicy, disputed: int = 10, left_out: int = 0
) -> CalibrationReport:
    labelled = [s for s in samples if s.ratings]
    if not labelled:
        raise ValueError("no scored conversation has a human label: import labels first (cx labels import FILE)")
    overall, reference = _measure(labelled, policy)
    verdicts = [
        Verdict(t, overall.metric(t.metric), reference.metric(t.metric) if reference else None) for t in policy.targets
    ]
    groups: list[GroupRow] = []
    for dimension in DIMENSIONS:
        values = sorted({v for s in labelled if (v := getattr(s, dimension))})
        for value in values:
            members = [s for s in labelled if getattr(s, dimension) == value]
            groups.append(GroupRow(dimension, value, *_measure(members, policy)))
    spread = most_disputed({s.conversation_id: list(s.ratings) for s in labelled}, disputed)
    return CalibrationReport(scorer, policy, overall, reference, verdicts, groups, spread, left_out)
