"""What calibration measures against, fixed in configuration before anything is measured."""

from __future__ import annotations

from dataclasses import dataclass, field

from cx.calibration.consensus import ConsensusRule


@dataclass(frozen=True)
class Target:
    metric: str  # an Agreement field: kappa, f1, spearman, exact, within_one, precision, recall
    minimum: float
    title: str


DEFAULT_TARGETS = (
    Target("f1", 0.8, "F1 for poor experiences"),
    Target("kappa", 0.6, "quadratic weighted kappa"),
)


@dataclass(frozen=True)
class CalibrationPolicy:
    rule: ConsensusRule = ConsensusRule.MEAN
    poor_below: float = 3.0  # a consensus below this is a poor experience
    targets: tuple[Target, ...] = field(default=DEFAULT_TARGETS)  # absolute, reported beside the relative verdict
    # the relative verdict: the scorer at least as good as one reviewer on these (fair comparison figures)
    relative: tuple[str, ...] = ("spearman_raw", "recall")
    seed: int = 14  # of the reviewer draws and bootstrap resamples: the same labels give the same figures
