"""The cube as the explanation undoes causes: each cell's previous-period scores, and this period's scores as
they would be had the causes named so far not happened.

Two undo operations, each exact on the scope's average (so the causes' effects add up to the change):

- a rate cause X: every cell of X is shifted by d = m1(X) - m0(X), which moves the scope's average by
  n1(X) / N1 * d (the cause's effect); measured within the values of a dimension D, each stratum X∧(D=v) is
  shifted by its own change, so X's mix along D is left for a mix cause;
- a mix cause (D inside P): the cells of each value v of D inside P are reweighted so v has its previous
  share of P again (the total of P is kept); the effect is the move of the scope's average.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cx.explain.cube import DIMENSIONS, Cube, Histogram

MIN_STRATUM = 3
"""Previous-period evaluations a stratum needs to be measured against its own previous average."""
Where = tuple[tuple[str, str], ...]  # (dimension, value) pairs that a segment's cells all have


@dataclass(frozen=True)
class Stats:
    n0: float
    s0: float
    n1: float
    t1: float  # this period's score sum, causes undone
    h0: Histogram  # raw histograms (the spread of the scores for the intervals)
    h1: Histogram
    w2n1: float = 0.0  # sum of weight² × evaluations this period: the effective sample size after reweighting
    design: tuple[float, float] = (1.0, 1.0)  # each period's design effect (conversations of a case score alike)

    @property
    def effective_n1(self) -> float:
        """Kish's effective sample size: reweighted scores are as noisy as this many unweighted ones."""
        return self.n1**2 / self.w2n1 if self.w2n1 else 0.0

    @property
    def independent_n0(self) -> float:
        """The previous period's evaluations as that many independent scores (its count over the design effect)."""
        return self.n0 / self.design[0]

    @property
    def independent_n1(self) -> float:
        """This period's: Kish's effective size after reweighting, over the design effect."""
        return self.effective_n1 / self.design[1]

    @property
    def m0(self) -> float:
        return self.s0 / self.n0 if self.n0 else float("nan")

    @property
    def m1(self) -> float:
        return self.t1 / self.n1 if self.n1 else float("nan")

    @property
    def raw_m1(self) -> float:
        n = sum(self.h1)
        return sum((k + 1) * h for k, h in enumerate(self.h1)) / n if n else float("nan")


def _sum(h: Histogram) -> float:
    return sum((k + 1) * x for k, x in enumerate(h))


class Residual:
    def __init__(self, cube: Cube, design: tuple[float, float] = (1.0, 1.0)) -> None:
        self.design = design  # each period's design effect: every noise judgement on the cells is per case
        self.keys = list(cube.cells)
        self.h0 = [cube.cells[k][0] for k in self.keys]
        self.h1 = [cube.cells[k][1] for k in self.keys]
        self.n0 = [sum(h) for h in self.h0]
        self.s0 = [_sum(h) for h in self.h0]
        self.n1 = [sum(h) for h in self.h1]
        self.s1 = [_sum(h) for h in self.h1]
        self.weight = [1.0] * len(self.keys)
        self.shift = [0.0] * len(self.keys)
        self.index: dict[tuple[str, str], set[int]] = {}
        for i, key in enumerate(self.keys):
            for dim, value in zip(DIMENSIONS, key, strict=True):
                if value is not None:
                    self.index.setdefault((dim, value), set()).add(i)
        self.whole = self.stats(range(len(self.keys)))

    def copy(self) -> Residual:
        other = object.__new__(Residual)
        other.__dict__ = dict(self.__dict__)
        other.weight, other.shift = list(self.weight), list(self.shift)
        return other

    def values(self, dimension: str) -> list[str]:
        return sorted(v for d, v in self.index if d == dimension)

    def cells(self, where: Where) -> set[int]:
        found = set(range(len(self.keys)))
        for pair in where:
            found &= self.index.get(pair, set())
        return found

    def stats(self, cells: Iterable[int]) -> Stats:
        n0 = s0 = n1 = t1 = w2n1 = 0.0
        a0 = a1 = a2 = a3 = a4 = b0 = b1 = b2 = b3 = b4 = 0.0
        weight, count, total, shift, n0s, s0s = self.weight, self.n1, self.s1, self.shift, self.n0, self.s0
        for i in cells:
            w, n = weight[i], count[i]
            n0 += n0s[i]
            s0 += s0s[i]
            n1 += w * n
            w2n1 += w * w * n
            t1 += w * (total[i] - n * shift[i])
            x, y = self.h0[i], self.h1[i]
            a0, a1, a2, a3, a4 = a0 + x[0], a1 + x[1], a2 + x[2], a3 + x[3], a4 + x[4]
            b0, b1, b2, b3, b4 = b0 + y[0], b1 + y[1], b2 + y[2], b3 + y[3], b4 + y[4]
        return Stats(n0, s0, n1, t1, (a0, a1, a2, a3, a4), (b0, b1, b2, b3, b4), w2n1, self.design)

    def total_n1(self) -> float:
        return self.whole.n1  # reweighting keeps every segment's total, so the scope's too

    def rate_effect(self, stats: Stats) -> float:
        if not stats.n0 or not stats.n1:
            return 0.0
        return (stats.t1 - stats.n1 * stats.m0) / self.total_n1()

    def strata(self, cells: set[int], dimension: str | None) -> list[set[int]]:
        if dimension is None:
            return [cells]
        at = DIMENSIONS.index(dimension)
        groups: dict[str | None, set[int]] = {}
        for i in cells:
            groups.setdefault(self.keys[i][at], set()).add(i)
        return list(groups.values())

    def _deltas(self, cells: set[int], dimension: str | None) -> list[tuple[set[int], Stats, float]]:
        """Each stratum of ``cells`` by ``dimension`` with its change; a stratum with too few previous
        evaluations is measured against the whole segment's previous average (as a new segment would be)."""
        base = self.stats(cells).m0
        out = []
        for group in self.strata(cells, dimension):
            s = self.stats(group)
            if s.n1:
                out.append((group, s, s.m1 - (s.m0 if s.n0 >= MIN_STRATUM else base)))
        return out

    def stratified_effect(self, cells: set[int], dimension: str | None) -> float:
        """The rate effect of ``cells`` measured within each value of ``dimension``: the part of the segment's
        change that is not its own mix shift along that dimension."""
        return sum(s.n1 * d for _, s, d in self._deltas(cells, dimension)) / self.total_n1()

    def undo_rate(self, cells: set[int], dimension: str | None = None) -> None:
        for group, _, delta in self._deltas(cells, dimension):
            for i in group:
                self.shift[i] += delta

    def mix_factors(self, parent: set[int], dimension: str) -> dict[int, float]:
        """Per cell of ``parent``, the weight that gives each value of ``dimension`` its previous share."""
        at = DIMENSIONS.index(dimension)
        groups: dict[str | None, list[int]] = {}
        for i in parent:
            groups.setdefault(self.keys[i][at], []).append(i)
        whole = self.stats(parent)
        sides = {v: self.stats(cells) for v, cells in groups.items()}
        present = {v: s for v, s in sides.items() if s.n1 > 0}
        z = sum(s.n0 for s in present.values())
        if not z or not whole.n0:
            return {}
        factors: dict[int, float] = {}
        for value, s in present.items():
            f = (s.n0 / z) * whole.n1 / s.n1
            factors |= {i: f for i in groups[value]}
        return factors

    def mix_effect(self, parent: set[int], dimension: str) -> float:
        factors = self.mix_factors(parent, dimension)
        if not factors:
            return 0.0
        before = self.stats(parent).t1
        after = sum(f * self.weight[i] * (self.s1[i] - self.n1[i] * self.shift[i]) for i, f in factors.items())
        return (before - after) / self.total_n1()

    def undo_mix(self, parent: set[int], dimension: str) -> None:
        for i, f in self.mix_factors(parent, dimension).items():
            self.weight[i] *= f
