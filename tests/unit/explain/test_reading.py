"""What an explanation reads: the journeys' days and their reason and scorer slices only, however many teams,
agents, channels and inquiries there are, and the same explanation as from a window of every slice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date

import pytest
from fakes import FakeAggregateStore

from cx.aggregation.contribution import Applied
from cx.aggregation.counters import Counts, add
from cx.aggregation.keys import journey_pk, slice_pk
from cx.aggregation.rebuild import recompute
from cx.demo.generator import generate
from cx.demo.why_truth import END, NOW, period
from cx.explain import explain, read_window
from cx.explain.clusters import design_effect, read_cases
from cx.explain.cube import read_cube
from cx.explain.reading import Window
from cx.scoring.offline import OfflineScorer


class CountedStore(FakeAggregateStore):
    def __init__(self) -> None:
        super().__init__()
        self.day_pks: list[str] = []

    def read_days_many(self, pks: Sequence[str], start: date, end: date) -> dict[str, dict[date, Counts]]:
        self.day_pks += pks
        return super().read_days_many(pks, start, end)


@pytest.fixture(scope="module")
def store() -> CountedStore:
    """Three weeks of the two-causes scenario, scored offline and folded with the aggregation's own fold."""
    scorer = OfflineScorer()
    conversations = generate(END, seed=3, scenario="two-causes").conversations
    applied = [Applied.of(c, scorer.score(c, NOW), UTC) for c in conversations]
    out = CountedStore()
    out.counters = recompute(applied)
    out.catalog = set().union(*(a.segments() for a in applied))
    out.journeys = {a.journey for a in applied if a.journey}
    return out


def every_slice(store: CountedStore, journeys: list[str]) -> Window:
    """The window as it was read before: the journeys and every one of their catalogued slices."""
    when = period()
    days = lambda pk: store.read_days(pk, when.previous().start, when.end)  # noqa: E731
    totals: dict[date, Counts] = {}
    slices: dict[str, dict[str, dict[date, Counts]]] = {}
    for journey in journeys:
        for day, counts in days(journey_pk(journey)).items():
            add(totals.setdefault(day, {}), counts)
        if len(journeys) > 1:
            slices.setdefault("journey", {})[journey] = days(journey_pk(journey))
    for journey, dimension, value in sorted(s for s in store.catalog if s[0] in journeys):
        into = slices.setdefault(dimension, {}).setdefault(value, {})
        for day, counts in days(slice_pk(journey, dimension, value)).items():
            add(into.setdefault(day, {}), counts)
    return Window(when, tuple(journeys), totals, slices)


def test_the_window_reads_the_journeys_and_their_reason_and_scorer_slices_only(store: CountedStore) -> None:
    journeys = sorted(store.journeys)
    store.day_pks.clear()

    read_window(store, journeys, period())

    kinds = {pk.split("|")[1].split("=")[0] if "|" in pk else "journey" for pk in store.day_pks}
    assert kinds == {"journey", "reason", "scorer"}
    other = {s for s in store.catalog if s[1] in ("team", "agent", "channel", "inquiry")}
    assert len(other) > 20, "the scenario has the slices that are no longer read"
    assert len(store.day_pks) == len(journeys) + len(store.catalog) - len(other)


@pytest.mark.parametrize("scope", ["billing", "all"])
def test_the_explanation_is_the_one_a_window_of_every_slice_gives(store: CountedStore, scope: str) -> None:
    journeys = sorted(store.journeys) if scope == "all" else [scope]
    cube = read_cube(store, journeys, period())
    before, now = read_cases(store, journeys, period())
    design = (design_effect(before), design_effect(now))

    read = explain(read_window(store, journeys, period()), scope, 4, cube=cube, design=design)
    whole = explain(every_slice(store, journeys), scope, 4, cube=cube, design=design)

    assert read == whole
    assert read.causes and read.factors, "the scenario's change has causes and reason factors to compare"


def test_a_window_refuses_a_dimension_it_does_not_hold(store: CountedStore) -> None:
    window = read_window(store, ["billing"], period())

    with pytest.raises(ValueError, match="not 'team'"):
        window.dimension("team")
