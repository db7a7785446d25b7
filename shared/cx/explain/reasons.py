"""What changed in the conversations? The negative reason factors that moved the way the score did.

Each ``journey=<j>|reason=<factor>`` day item counts the evaluations that give the factor as a negative
reason, with their 1-5 histogram. For each factor and period:

- its *share* of low-scored conversations: (low-scored items carrying it) / (all low-scored items);
- its *rate* per evaluation: (low-scored items carrying it) / (all evaluations).

A share hides volume (when a team fails more often in the usual ways every share stays put while each count
grows), so a factor is listed when its rate moved the way of the change (rose when the score fell), by at
least ``MIN_RATE_MOVE`` of its previous rate; a factor that fell or stayed flat is never listed. It is called
new only when the previous period had enough low-scored conversations (``MIN_LOW_PERIOD``) to have shown it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cx.reports.figures import Figures
from cx.scoring.factor_words import factor_words

LOW_BELOW = 3
"""A low-scored conversation has a CX score below this (1 or 2), as a poor experience in calibration."""
MIN_LOW = 3
"""A factor is listed only when at least this many low-scored conversations carry it in the period that counts."""
MIN_LOW_PERIOD = 10
"""Low-scored conversations a period needs before a factor absent from it is called new."""
MIN_RATE_MOVE = 0.2
"""A factor's rate per evaluation must move by this share of its previous rate (or appear) to be listed."""


def low(figures: Figures) -> int:
    return sum(figures.histogram[: LOW_BELOW - 1])


@dataclass(frozen=True)
class FactorChange:
    factor: str
    before_low: int  # low-scored evaluations carrying the factor
    after_low: int
    before_share: float | None  # of all low-scored evaluations in the period
    after_share: float | None
    before_rate: float | None = None  # of all evaluations in the period
    after_rate: float | None = None
    enough_before: bool = True  # the previous period had enough low-scored conversations to show the factor

    @property
    def change(self) -> float:
        return (self.after_share or 0.0) - (self.before_share or 0.0)

    @property
    def rate_change(self) -> float:
        return (self.after_rate or 0.0) - (self.before_rate or 0.0)

    @property
    def is_new(self) -> bool:
        return self.before_low == 0 and self.after_low > 0 and self.enough_before

    @property
    def label(self) -> str:
        """The factor in a manager's words, as the evaluation view says it (never the scorer's id)."""
        return factor_words(self.factor)


def _rate(n: int, of: int) -> float | None:
    return n / of if of else None


def factor_changes(
    before: Figures, after: Figures, factors: Mapping[str, tuple[Figures, Figures]], score_change: float
) -> list[FactorChange]:
    """Factors whose rate per evaluation moved the way of the change (risers when the score fell, fallers when
    it rose), the largest move of the rate first."""
    low0, low1 = low(before), low(after)
    sign = 1.0 if score_change <= 0 else -1.0  # +1: factors that rose explain a fall
    found = []
    for factor, (f0, f1) in factors.items():
        n0, n1 = low(f0), low(f1)
        if (n1 if sign > 0 else n0) < MIN_LOW:
            continue
        change = FactorChange(
            factor, n0, n1, _rate(n0, low0), _rate(n1, low1),
            _rate(n0, before.evaluations), _rate(n1, after.evaluations), low0 >= MIN_LOW_PERIOD,
        )  # fmt: skip
        moved = change.rate_change * sign
        if moved > 0 and moved >= MIN_RATE_MOVE * (change.before_rate or 0.0):
            found.append(change)
    return sorted(found, key=lambda f: (-f.rate_change * sign, f.factor))
