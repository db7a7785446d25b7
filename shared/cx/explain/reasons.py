"""What changed in the conversations? The negative reason factors whose frequency among low-scored
conversations moved most between the periods.

Each ``journey=<j>|reason=<factor>`` day item counts the evaluations that give the factor as a negative
reason, with their 1-5 histogram: its low-scored share is (items scored below LOW_BELOW carrying the
factor) / (all items scored below LOW_BELOW).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cx.reports.figures import Figures

LOW_BELOW = 3
"""A low-scored conversation has a CX score below this (1 or 2), as a poor experience in calibration."""
MIN_LOW = 3
"""A factor is listed only when at least this many low-scored conversations carry it in one period."""


def low(figures: Figures) -> int:
    return sum(figures.histogram[: LOW_BELOW - 1])


@dataclass(frozen=True)
class FactorChange:
    factor: str
    before_low: int  # low-scored evaluations carrying the factor
    after_low: int
    before_share: float | None  # of all low-scored evaluations in the period
    after_share: float | None

    @property
    def change(self) -> float:
        return (self.after_share or 0.0) - (self.before_share or 0.0)

    @property
    def is_new(self) -> bool:
        return self.before_low == 0 and self.after_low > 0

    @property
    def label(self) -> str:
        return self.factor.replace("_", " ")


def factor_changes(
    before: Figures, after: Figures, factors: Mapping[str, tuple[Figures, Figures]], score_change: float
) -> list[FactorChange]:
    """Factors ranked by how far their low-scored share moved: risers first when the score fell, fallers first
    when it rose (the factors that could explain the move)."""
    low0, low1 = low(before), low(after)
    found = []
    for factor, (f0, f1) in factors.items():
        n0, n1 = low(f0), low(f1)
        if max(n0, n1) < MIN_LOW:
            continue
        found.append(FactorChange(factor, n0, n1, n0 / low0 if low0 else None, n1 / low1 if low1 else None))
    sign = 1.0 if score_change <= 0 else -1.0
    return sorted(found, key=lambda f: (-f.change * sign, f.factor))
