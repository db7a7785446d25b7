"""The calibration report: a scorer against human consensus, beside one human against the others."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cx.calibration.agreement import Agreement, agreement, human_reference
from cx.calibration.consensus import Disputed, consensus, most_disputed
from cx.calibration.fair import FairComparison, Rated, fair_comparison
from cx.calibration.policy import CalibrationPolicy, Target
from cx.calibration.relative import RelativeVerdict, relative_verdicts
from cx.calibration.workspace_fit import WorkspaceFit, workspace_fit

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
    raw: float | None = None  # the scorer's value before rounding, when it gives one

    @property
    def value(self) -> float:
        return self.raw if self.raw is not None else float(self.score)


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
    fair: FairComparison | None = None  # scorer and one reviewer against the remaining reviewers
    relative: list[RelativeVerdict] | None = None
    fitted: WorkspaceFit | None = None  # before/after a mapping fitted to these reviewers (cross-validated)

    @property
    def targets_met(self) -> bool:
        """The absolute targets of the policy (reported beside the relative verdict)."""
        return all(v.passed for v in self.verdicts)

    @property
    def passed(self) -> bool:
        """The default verdict: at least as good as one reviewer (relative); without a fair comparison
        (no conversation with two reviewers), the absolute targets."""
        if self.relative:
            return all(v.passed for v in self.relative)
        return self.targets_met


def _measure(samples: Sequence[Sample], policy: CalibrationPolicy) -> tuple[Agreement, Agreement | None]:
    reference = [consensus(s.ratings, policy.rule) for s in samples]
    scorer = agreement([s.score for s in samples], reference, policy.poor_below)
    return scorer, human_reference([s.ratings for s in samples], policy.rule, policy.poor_below)


def calibration_report(
    scorer: str,
    samples: Iterable[Sample],
    policy: CalibrationPolicy,
    disputed: int = 10,
    left_out: int = 0,
    draws: int = 100,
    resamples: int = 200,
) -> CalibrationReport:
    """``draws``/``resamples`` size the fair comparison (0 draws: none, e.g. for the weekly drift check)."""
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
    fair = None
    if draws:
        rated = [Rated(s.value, s.score, s.ratings) for s in labelled]
        fair = fair_comparison(rated, policy.poor_below, policy.rule, draws, resamples, policy.seed)
    relative = relative_verdicts(fair, policy) if fair else None
    fitted = None
    if draws and all(s.raw is not None for s in labelled):
        rated = [Rated(s.value, s.score, s.ratings) for s in labelled]
        fitted = workspace_fit(rated, policy.poor_below, policy.rule, draws, resamples, policy.seed)
    return CalibrationReport(
        scorer, policy, overall, reference, verdicts, groups, spread, left_out, fair, relative, fitted
    )
