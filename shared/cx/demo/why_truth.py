"""The ground-truth check of `/cx why` over many seeds: each scenario generated, scored offline, folded with
the aggregation's own fold into in-memory aggregates, read back as the explanation reads them, and its named
causes compared with the planted ones.

A planted cause is *named* when a cause of the explanation matches it (``matches``); an *innocent* segment is
listed above a planted one when a cause that matches none comes before the last planted cause it should follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from cx.aggregation.contribution import Applied
from cx.aggregation.counters import Counts
from cx.aggregation.rebuild import recompute
from cx.demo.generator import generate
from cx.demo.roster import AGENTS_BY_ID
from cx.demo.scenarios import SCENARIOS, Expected
from cx.explain.clusters import design_effect, read_cases
from cx.explain.cube import read_cube
from cx.explain.drilldown import MIX, RATE, Cause, Findings, find_causes
from cx.explain.significance import assess
from cx.ranges import DateRange, parse_range
from cx.scoring.offline import OfflineScorer

END = date(2026, 11, 15)  # a Sunday: `last-week` on the Monday after is the scenario's current period
NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


class MemoryAggregates:
    """The aggregates as a dict, read as the store's ``read_sk_range`` reads them."""

    def __init__(self, items: dict[tuple[str, str], Counts]) -> None:
        self._by_pk: dict[str, list[tuple[str, Counts]]] = {}
        for (pk, sk), counts in items.items():
            self._by_pk.setdefault(pk, []).append((sk, counts))

    def read_sk_range(self, pk: str, low: str, high: str) -> list[tuple[str, Counts]]:
        return sorted((sk, c) for sk, c in self._by_pk.get(pk, []) if low <= sk <= high)


def matches(cause: Cause, expected: Expected) -> bool:
    wanted = {(expected.dimension or "", expected.value or "")}
    if expected.kind == MIX:
        return (
            cause.kind == MIX
            and cause.dimension == expected.dimension
            and cause.mover == expected.value
            and set(cause.where) == set(expected.within)
        )
    if expected.kind != RATE or cause.kind != RATE:
        return False
    wanted |= set(expected.within)
    extra = set(cause.where) - wanted
    if expected.dimension == "agent" and expected.value in AGENTS_BY_ID:  # an agent found inside its own team
        extra -= {("team", AGENTS_BY_ID[expected.value].team)}
    return wanted <= set(cause.where) and not extra


@dataclass(frozen=True)
class Run:
    scenario: str
    seed: int
    verdict: str  # on the per-case interval, as `/cx why` says it
    findings: Findings
    welch_verdict: str = ""  # on conversations taken as independent (the interval before cases were clustered)

    @property
    def expected(self) -> list[Expected]:
        s = SCENARIOS[self.scenario]
        return [e for e in (s.expected, s.second) if e is not None and e.kind in (MIX, RATE)]

    def rank(self, expected: Expected) -> int | None:
        """1-based position of the first cause matching ``expected``, None when not named."""
        return next((n for n, c in enumerate(self.findings.causes, 1) if matches(c, expected)), None)

    @property
    def named(self) -> bool:
        """Each planted cause is named: first for one cause, both within the first two for two."""
        ranks = [self.rank(e) for e in self.expected]
        return all(r is not None and r <= len(ranks) for r in ranks)

    @property
    def innocent_above(self) -> bool:
        """A cause matching no planted one is listed before a planted one (or one is missing)."""
        ranks = [self.rank(e) for e in self.expected]
        if any(r is None for r in ranks):
            return True
        last = max(r for r in ranks if r is not None)
        return any(not any(matches(c, e) for e in self.expected) for c in self.findings.causes[: last - 1])


def period() -> DateRange:
    return parse_range("last-week", NOW, UTC)


def run(scenario: str, seed: int, pass_threshold: int = 4) -> Run:
    plan = SCENARIOS[scenario]
    conversations = generate(END, seed=seed, scenario=scenario).conversations
    scorer = OfflineScorer()
    aggregates = recompute(Applied.of(c, scorer.score(c, NOW), UTC) for c in conversations)
    journeys = list(plan.journeys) if plan.scope == "all" else [plan.scope]
    cube = read_cube(MemoryAggregates(aggregates), journeys, period())
    before, after = cube.figures()
    cases = read_cases(MemoryAggregates(aggregates), journeys, period())
    design = (design_effect(cases[0]), design_effect(cases[1]))
    welch = assess(before, after, pass_threshold).verdict
    verdict = assess(before, after, pass_threshold, design=design).verdict
    return Run(scenario, seed, verdict, find_causes(cube, design=design), welch)
