"""Which segments explain the change, one at a time: name the largest, look inside it, undo it, look again.

See docs/why.md for the method and its formulas. Candidates at each round are every segment of one dimension
(its rate) and every dimension's mix (over the scope, and inside each journey when the scope has several).
The winner is refined while one of its sub-segments (or its own mix) carries at least ``DRILL`` of its effect
and the rest of it did not move the same way beyond noise. The named cause is then undone in the residual
(see ``residual``) and the next round ranks what is left, so a segment that only contains a named cause has
nothing left to show and a second independent cause comes up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from cx.explain.cube import DIMENSIONS, Cube
from cx.explain.residual import Residual, Stats, Where
from cx.explain.significance import CONFIDENCE, mean_difference, moments, proportion_difference, t_quantile

MIX, RATE = "mix", "rate"
MAX_CAUSES = 3
DRILL = 0.6
"""A sub-segment that carries this share of its segment's effect is named instead of the segment."""
MIN_SHARE = 0.15
"""A cause smaller than this share of the change is not named."""
MIN_EVALUATIONS = 8
"""Evaluations a segment needs in each period before its own change is judged."""
MIX_INSIDE = ("team", "channel", "inquiry")
STRATA = ("journey", "team", "channel", "inquiry")
"""The dimensions a segment's rate is measured within, and whose mix can be a cause. Not agents: too many strata
too small to compare, and an agent's share of evaluations moves with her own rate (the customers she fails come
back to her), so an agent "mix" is mostly the shadow of her rate."""
SHORTLIST = 6
"""Candidates, largest assured effect first, whose undoing is tried at each round."""
CLOSE = 0.5
"""Only candidates whose assured effect is at least this share of the first one's are weighed against it."""


@dataclass(frozen=True)
class Cause:
    kind: str  # rate | mix
    where: Where  # rate: the segment; mix: the segment whose make-up moved (() = the whole scope)
    dimension: str | None  # mix: the dimension whose shares moved
    mover: str | None  # mix: its value whose share moved most
    effect: float  # score points of the scope's change, with the causes named before it undone
    share: float | None  # of the scope's change
    before_avg: float
    after_avg: float
    before_share: float  # rate: the segment's share of the scope; mix: the mover's share of ``where``
    after_share: float
    compare_avg: float | None  # mix: the previous average of ``where`` that the mover is compared with
    found_in: Where | None = None  # the broader segment it was found inside
    found_share: float | None = None  # the share of that segment's effect it carries


@dataclass(frozen=True)
class Findings:
    change: float
    causes: list[Cause]

    @property
    def unexplained(self) -> float:
        return self.change - sum(c.effect for c in self.causes)


@dataclass(frozen=True)
class _Candidate:
    kind: str
    where: Where
    dimension: str | None  # mix: whose shares moved; rate: the dimension its change is measured within
    effect: float


def _rate(r: Residual, where: Where, cells: set[int], sign: float) -> _Candidate:
    """A segment's rate effect, measured within the values of the dimension that leaves least of it among those
    along which its own mix moved beyond noise (that mix is not its rate: for a team that handles more of a poor
    inquiry, the part due to the inquiry is the inquiry mix's)."""
    taken = {d for d, _ in where}
    options = [
        None,
        *(d for d in STRATA if d not in taken and len(r.values(d)) > 1 and _mix_is_real(r, cells, d, sign)),
    ]
    effects = [(r.stratified_effect(cells, d), d) for d in options]
    effect, dimension = min(effects, key=lambda e: (e[0] * sign, e[1] or ""))
    return _Candidate(RATE, where, dimension, effect)


def _moved(stats: Stats) -> bool:
    """The segment's residual change is beyond noise: Welch's interval on the raw scores' spread, with this
    period's count taken as its effective size once earlier mix causes reweighted it."""
    if min(stats.n0, stats.effective_n1) < MIN_EVALUATIONS:
        return False
    n0, n1 = stats.independent_n0, stats.independent_n1
    _, _, v0 = moments(stats.h0)
    _, _, v1 = moments(stats.h1)
    a, b = v0 / n0, v1 / n1
    if a + b == 0:
        return stats.m1 != stats.m0
    df = (a + b) ** 2 / (a**2 / max(n0 - 1, 1) + b**2 / max(n1 - 1, 1))
    return abs(stats.m1 - stats.m0) > t_quantile(0.5 + CONFIDENCE / 2, df) * math.sqrt(a + b)


def _change_se(stats: Stats) -> tuple[float, float]:
    """(residual change, its standard error) of a segment."""
    if min(stats.n0, stats.effective_n1) < 2:
        return 0.0, math.inf
    _, _, v0 = moments(stats.h0)
    _, _, v1 = moments(stats.h1)
    return stats.m1 - stats.m0, math.sqrt(v0 / stats.independent_n0 + v1 / stats.independent_n1)


def _rest_unmoved(inner: tuple[float, float], rest: tuple[float, float], tested: int) -> bool:
    """The rest of a segment looks unmoved rather than moved like its sub-segment, at 95% over the ``tested``
    sub-segments it was picked from (Bonferroni). ``inner`` and ``rest`` are (change, standard error); the test
    is the likelihood ratio of the two hypotheses for the rest's change (it is 0; it is the sub-segment's),
    ``(d_rest - d_in)² / (se_rest² + se_in²) - d_rest² / se_rest²``, against the chi-square quantile. A
    segment-wide change stays the segment's; a rest too small to tell either way leaves the segment named."""
    (d_in, se_in), (d_rest, se_rest) = inner, rest
    if math.isinf(se_in) or math.isinf(se_rest) or se_rest == 0:
        return False
    ratio = (d_rest - d_in) ** 2 / (se_rest**2 + se_in**2) - d_rest**2 / se_rest**2
    return ratio > NormalDist().inv_cdf(1 - (1 - CONFIDENCE) / (2 * max(1, tested))) ** 2


def _share_change_se(r: Residual, cells: set[int], dimension: str, value: str) -> tuple[float, float]:
    """(change of ``value``'s share of ``cells`` along ``dimension``, its standard error)."""
    whole, own = r.stats(cells), r.stats(cells & r.cells(((dimension, value),)))
    n0, n1 = whole.n0, sum(whole.h1)
    if not n0 or not n1:
        return 0.0, math.inf
    p0, p1 = own.n0 / n0, sum(own.h1) / n1
    d0, d1 = r.design
    return p1 - p0, math.sqrt(p0 * (1 - p0) / n0 * d0 + p1 * (1 - p1) / n1 * d1)


def _mix_is_real(r: Residual, parent: set[int], dimension: str, sign: float) -> bool:
    """The mover's share moved beyond noise and it scores apart from the rest of the parent beyond noise."""
    mover = _mover(r, parent, dimension, sign)
    if mover is None:
        return False
    whole, own = r.stats(parent), r.stats(parent & r.cells(((dimension, mover),)))
    rest = r.stats(parent - r.cells(((dimension, mover),)))
    share = proportion_difference(int(own.n0), int(whole.n0), int(sum(own.h1)), int(sum(whole.h1)), design=r.design)
    pooled_own = tuple(a + b for a, b in zip(own.h0, own.h1, strict=True))
    pooled_rest = tuple(a + b for a, b in zip(rest.h0, rest.h1, strict=True))
    if min(sum(pooled_own), sum(pooled_rest)) < 2 * MIN_EVALUATIONS:
        return False
    both = (max(r.design),) * 2  # the two periods pooled: the larger design effect of the two
    return share.excludes_zero and mean_difference(pooled_rest, pooled_own, design=both).excludes_zero


def _mover(r: Residual, parent: set[int], dimension: str, sign: float) -> str | None:
    whole = r.stats(parent)
    best, value = 0.0, None
    for v in r.values(dimension):
        s = r.stats(parent & r.cells(((dimension, v),)))
        if not s.n0 and not s.n1:
            continue
        moved = s.n1 / whole.n1 - s.n0 / whole.n0 if whole.n0 and whole.n1 else 0.0
        avg = s.m0 if s.n0 else s.m1
        part = moved * (avg - whole.m0) * sign
        if part > best:
            best, value = part, v
    return value


def _candidates(r: Residual, sign: float, journeys: int) -> list[_Candidate]:
    everything = set(range(len(r.keys)))
    found = []
    dims = [d for d in DIMENSIONS if len(r.values(d)) > 1]
    for dim in dims:
        for value in r.values(dim):
            where = ((dim, value),)
            cells = r.cells(where)
            if _moved(r.stats(cells)):
                found.append(_rate(r, where, cells, sign))
        if dim in STRATA and _mix_is_real(r, everything, dim, sign):
            found.append(_Candidate(MIX, (), dim, r.mix_effect(everything, dim)))
    if journeys > 1:
        for journey in r.values("journey"):
            cells = r.cells((("journey", journey),))
            for dim in MIX_INSIDE:
                if _mix_is_real(r, cells, dim, sign):
                    found.append(_Candidate(MIX, (("journey", journey),), dim, r.mix_effect(cells, dim)))
    return found


def _mix_inside(r: Residual, top: _Candidate, sign: float) -> _Candidate | None:
    """A scope-wide mix shift that is one journey's own mix shift: that journey's."""
    assert top.dimension is not None
    best = None
    for journey in r.values("journey"):
        cells = r.cells((("journey", journey),))
        if _mix_is_real(r, cells, top.dimension, sign):
            candidate = _Candidate(MIX, (("journey", journey),), top.dimension, r.mix_effect(cells, top.dimension))
            best = candidate if best is None or candidate.effect * sign > best.effect * sign else best
    return best if best is not None and best.effect * sign >= DRILL * top.effect * sign else None


def _inside(r: Residual, top: _Candidate, sign: float) -> _Candidate | None:
    """The sub-segment (or the segment's own mix) that carries most of ``top``'s effect, if it carries enough."""
    if top.kind == MIX:
        return _mix_inside(r, top, sign) if not top.where and len(r.values("journey")) > 1 else None
    cells = r.cells(top.where)
    taken = {d for d, _ in top.where}
    best = None
    dims = [d for d in DIMENSIONS if d not in taken and len(r.values(d)) > 1]
    enough = DRILL * top.effect * sign
    carrying: list[tuple[_Candidate, set[int]]] = []  # sub-segments that moved and carry enough of the effect
    for dim in dims:
        for value in r.values(dim):
            inner = cells & r.cells(((dim, value),))
            if not inner or inner == cells or not _moved(r.stats(inner)):
                continue
            candidate = _rate(r, (*top.where, (dim, value)), inner, sign)
            if candidate.effect * sign >= enough:
                carrying.append((candidate, inner))
    best = None
    for candidate, inner in carrying:
        if not (rest := cells - inner) or _rest_unmoved(
            _change_se(r.stats(inner)), _change_se(r.stats(rest)), len(carrying)
        ):
            best = candidate if best is None or candidate.effect * sign > best.effect * sign else best
    for dim in (d for d in dims if d in STRATA):
        if _mix_is_real(r, cells, dim, sign):
            candidate = _Candidate(MIX, top.where, dim, r.mix_effect(cells, dim))
            best = candidate if best is None or candidate.effect * sign > best.effect * sign else best
    if best is None or best.effect * sign < DRILL * top.effect * sign:
        return None
    if best.kind == MIX and best.dimension is not None:  # the segment's mix may be a share of the scope's
        everything = set(range(len(r.keys)))
        mover = _mover(r, cells, best.dimension, sign)
        alike = mover is not None and not _rest_unmoved(
            _share_change_se(r, cells, best.dimension, mover),
            _share_change_se(r, everything - cells, best.dimension, mover),
            1,
        )  # the rest of the scope moved the same way: the scope's make-up moved, not the segment's
        wide = r.mix_effect(everything, best.dimension)
        if (alike or wide * sign >= best.effect * sign) and _mix_is_real(r, everything, best.dimension, sign):
            # the scope's mix, unless it is already undone (its own shares are back): then the segment's mix was
            # the scope's showing in it, and the segment itself stays the candidate
            return _Candidate(MIX, (), best.dimension, wide) if wide * sign >= enough else None
    return best


def _cause(r: Residual, c: _Candidate, change: float, sign: float, parent: _Candidate | None) -> Cause:
    cells = r.cells(c.where)
    whole, own = r.whole, r.stats(cells)
    found_in = parent.where if parent is not None and parent.where != c.where else None
    found_share = c.effect / parent.effect if parent is not None and parent.effect else None
    share = c.effect / change if change else None
    if c.kind == RATE:
        return Cause(
            RATE, c.where, None, None, before_avg=own.m0, after_avg=own.raw_m1,
            before_share=own.n0 / whole.n0, after_share=sum(own.h1) / sum(whole.h1), compare_avg=None,
            found_share=found_share, effect=c.effect, share=share, found_in=found_in,
        )  # fmt: skip
    assert c.dimension is not None
    mover = _mover(r, cells, c.dimension, sign) or ""
    m = r.stats(cells & r.cells(((c.dimension, mover),)))
    return Cause(
        MIX, c.where, c.dimension, mover, before_avg=m.m0 if m.n0 else m.raw_m1, after_avg=m.raw_m1,
        before_share=m.n0 / own.n0 if own.n0 else 0.0, after_share=sum(m.h1) / sum(own.h1), compare_avg=own.m0,
        found_share=found_share, effect=c.effect, share=share, found_in=found_in,
    )  # fmt: skip


def find_causes(cube: Cube, max_causes: int = MAX_CAUSES, design: tuple[float, float] = (1.0, 1.0)) -> Findings:
    """The causes of the cube's change, up to ``max_causes``; ``design`` is each period's design effect
    (``clusters``), so that every "beyond noise" below is judged per case, as the verdict is."""
    r = Residual(cube, design)
    whole = r.whole
    if not whole.n0 or not whole.n1:
        return Findings(0.0, [])
    change = whole.m1 - whole.m0
    sign = -1.0 if change < 0 else 1.0
    journeys = len(r.values("journey"))
    causes: list[Cause] = []
    floor = max(MIN_SHARE * abs(change), 1e-9)
    for _ in range(max_causes):
        found = [c for c in _candidates(r, sign, journeys) if c.effect * sign >= floor]
        ranked = sorted(found, key=lambda c: -_assured(r, c, sign))  # the effect it explains for sure, first
        ranked = [c for c in ranked if _assured(r, c, sign) >= CLOSE * _assured(r, ranked[0], sign)][:SHORTLIST]
        if not ranked:
            break
        best: tuple[float, Cause, Residual] | None = None
        for candidate in ranked:
            top, parent = candidate, None
            if (inner := _inside(r, top, sign)) is not None:
                top, parent = inner, top
            after = r.copy()
            _undo(after, top)
            left = _left_over(after, journeys)
            if best is None or left < best[0] - 1e-12:
                best = (left, _cause(r, top, change, sign, parent), after)
        assert best is not None
        causes.append(best[1])
        r = best[2]
    return Findings(change, causes)


def _assured(r: Residual, c: _Candidate, sign: float) -> float:
    """The effect the change's way that the candidate explains at the least (its 95% lower bound): a chance
    move of a broad segment explains little for sure, a large move of a small one more."""
    z = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)
    cells = r.cells(c.where)
    own = r.stats(cells)
    if c.kind == RATE:
        _, se = _change_se(own)
        return c.effect * sign - z * own.n1 / r.total_n1() * se
    assert c.dimension is not None
    mover = _mover(r, cells, c.dimension, sign)
    if mover is None:
        return c.effect * sign
    _, se_share = _share_change_se(r, cells, c.dimension, mover)
    moved = r.stats(cells & r.cells(((c.dimension, mover),)))
    gap = abs((moved.m0 if moved.n0 else moved.raw_m1) - own.m0)
    return c.effect * sign - z * own.n1 / r.total_n1() * gap * se_share


def _undo(r: Residual, c: _Candidate) -> None:
    if c.kind == RATE:
        r.undo_rate(r.cells(c.where), c.dimension)
    else:
        assert c.dimension is not None
        r.undo_mix(r.cells(c.where), c.dimension)


def _left_over(r: Residual, journeys: int) -> float:
    """What the candidates still show once a cause is undone: the sum of squared effects (score points) of
    every segment's rate and every mix (HotSpot's idea: the true cause explains the other segments' moves too)."""
    everything = set(range(len(r.keys)))
    total = 0.0
    for dim in (d for d in DIMENSIONS if len(r.values(d)) > 1):
        for value in r.values(dim):
            total += r.rate_effect(r.stats(r.cells(((dim, value),)))) ** 2
        total += r.mix_effect(everything, dim) ** 2 if dim in STRATA else 0.0
    if journeys > 1:
        for journey in r.values("journey"):
            cells = r.cells((("journey", journey),))
            total += sum(r.mix_effect(cells, dim) ** 2 for dim in MIX_INSIDE)
    return total
