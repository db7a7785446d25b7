"""Where did the average move? Shift-share: each segment's mix effect (its share of volume moved) and rate
effect (its own average moved), which add up exactly to the change of the overall average.

With s the share of evaluations in a segment and m an average (0 = previous period, 1 = this one, no index
= the whole scope):

    mix_i  = (s1_i - s0_i) * (m0_i - m0)      rate_i = s1_i * (m1_i - m0_i)
    sum over i of (mix_i + rate_i) = m1 - m0

A segment new in this period takes m0_i = m0 (no mix effect; its rate is measured against the whole
scope's previous average). A dimension's segments must cover the scope: evaluations in no segment
(e.g. without a team) form a segment of their own, shown as "(not recorded)".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cx.reports.figures import Figures

NOT_RECORDED = "(not recorded)"
MIX, RATE = "mix", "rate"


@dataclass(frozen=True)
class SegmentChange:
    dimension: str
    value: str
    before: Figures
    after: Figures
    before_share: float
    after_share: float
    mix: float
    rate: float


@dataclass(frozen=True)
class Contributor:
    """One cause of the change: a dimension's mix shift (named by its largest mover) or one segment's rate."""

    kind: str  # mix | rate
    dimension: str
    segment: SegmentChange  # for mix: the segment whose share moved the average most
    effect: float  # score points
    share_of_change: float | None

    @property
    def value(self) -> str:
        return self.segment.value


def decompose(
    dimension: str, before: Figures, after: Figures, segments: Mapping[str, tuple[Figures, Figures]]
) -> list[SegmentChange]:
    """Shift-share of ``after.avg - before.avg`` over ``segments`` (value -> (before, after) figures)."""
    m0 = before.avg_score
    if m0 is None or after.avg_score is None:
        return []
    out = []
    for value, (seg0, seg1) in segments.items():
        s0, s1 = seg0.evaluations / before.evaluations, seg1.evaluations / after.evaluations
        m0_i = seg0.avg_score if seg0.avg_score is not None else m0
        m1_i = seg1.avg_score if seg1.avg_score is not None else m0_i
        out.append(SegmentChange(dimension, value, seg0, seg1, s0, s1, (s1 - s0) * (m0_i - m0), s1 * (m1_i - m0_i)))
    return out


def contributors(by_dimension: Mapping[str, list[SegmentChange]], change: float) -> list[Contributor]:
    """Every dimension's mix shift and every segment's rate change, the largest in the direction of the change
    first. Evaluations without a value for a dimension count in the arithmetic but are never named."""
    sign = -1.0 if change < 0 else 1.0
    found = []
    for dimension, segments in by_dimension.items():
        named = [s for s in segments if s.value != NOT_RECORDED]
        if not named:
            continue
        mix = sum(s.mix for s in segments)
        mover = max(named, key=lambda s: s.mix * sign)
        found.append(Contributor(MIX, dimension, mover, mix, mix / change if change else None))
        for segment in named:
            found.append(Contributor(RATE, dimension, segment, segment.rate, segment.rate / change if change else None))
    return sorted(found, key=lambda c: (-c.effect * sign, c.dimension, c.value))
