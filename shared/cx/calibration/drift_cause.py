"""Which drift alert explains the others: a shift in one journey also shows, diluted, in every channel it is
served on (and a channel's in every journey). Reported as one cause, not as a list of echoes.

The idea is the "explanatory power" of multi-dimensional root-cause methods (Adtributor, HotSpot): a slice
S explains another alerted slice T of the other dimension when T, without S's conversations, no longer
moves (its own test is not significant at the alert level alpha / slices tested). Greedily, the slice that
explains most others (then the smallest p) is named first. The share of T's change that S accounts for is
the shift-share of the `/cx why` engine (``cx.explain.decomposition``) over the segments S and not-S of T.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from cx.calibration.drift_test import sparse_safe_test
from cx.explain.decomposition import decompose
from cx.reports.figures import Figures

if TYPE_CHECKING:
    from cx.calibration.drift import DriftThresholds, Observation, Shift


def _figures(scores: Sequence[int]) -> Figures:
    counts: dict[str, float] = {"evaluations": len(scores), "score_sum": float(sum(scores))}
    counts |= {f"hist_{k}": sum(s == k for s in scores) for k in range(1, 6)}
    return Figures.of(counts)


def _members(observations: Sequence[Observation], s: Shift) -> list[Observation]:
    return [o for o in observations if getattr(o, s.dimension) == s.value]


def _residual_p(rest: Sequence[Observation], start: date, t: DriftThresholds) -> float:
    """The drift test's p on what is left of a slice; 1 when too little is left to move on its own."""
    from cx.calibration.drift import histogram

    before = histogram(o.score for o in rest if o.day < start)
    after = histogram(o.score for o in rest if o.day >= start)
    if min(sum(before), sum(after)) < t.min_count:
        return 1.0
    return sparse_safe_test(before, after)[0]


def share_explained(target: Sequence[Observation], cause: Shift, start: date) -> float | None:
    """The part of ``target``'s change of average that the ``cause`` segment accounts for (mix + rate)."""
    inside = [o for o in target if getattr(o, cause.dimension) == cause.value]
    outside = [o for o in target if getattr(o, cause.dimension) != cause.value]
    split = {
        name: (_figures([o.score for o in part if o.day < start]), _figures([o.score for o in part if o.day >= start]))
        for name, part in (("cause", inside), ("rest", outside))
    }
    before = _figures([o.score for o in target if o.day < start])
    after = _figures([o.score for o in target if o.day >= start])
    if before.avg_score is None or after.avg_score is None or after.avg_score == before.avg_score:
        return None
    part = next(s for s in decompose(cause.dimension, before, after, split) if s.value == "cause")
    return (part.mix + part.rate) / (after.avg_score - before.avg_score)


def explain_shifts(
    shifts: list[Shift], observations: Sequence[Observation], start: date, t: DriftThresholds
) -> list[Shift]:
    """The shifts with ``explained_by`` set on every alert another alerted slice explains."""
    alerted = [s for s in shifts if s.alert]
    if len(alerted) < 2:
        return shifts
    level = t.alpha / max(1, sum(s.tested for s in shifts))
    members = {s.name: _members(observations, s) for s in alerted}
    ids = {name: {id(o) for o in found} for name, found in members.items()}

    def p_without(target: Shift, removed: Shift) -> float:
        return _residual_p([o for o in members[target.name] if id(o) not in ids[removed.name]], start, t)

    # S explains T when T without S no longer moves, and S without T moves more than T without S: the
    # cause keeps moving without its echo, the echo does not without its cause.
    explains: dict[str, list[Shift]] = {}
    for cause in alerted:
        explains[cause.name] = []
        for other in alerted:
            if other.dimension == cause.dimension:
                continue
            echo_left, cause_left = p_without(other, cause), p_without(cause, other)
            if echo_left >= level and cause_left < echo_left:
                explains[cause.name].append(other)
    explained: dict[str, tuple[str, float | None]] = {}
    causes: set[str] = set()
    for cause in sorted(alerted, key=lambda s: (-len(explains[s.name]), s.p_value, s.name)):
        if cause.name in explained:
            continue
        causes.add(cause.name)
        for other in explains[cause.name]:
            if other.name not in explained and other.name not in causes:
                explained[other.name] = (cause.name, share_explained(members[other.name], cause, start))
    return [
        replace(s, explained_by=explained[s.name][0], share_explained=explained[s.name][1])
        if s.name in explained
        else s
        for s in shifts
    ]
