"""The drill-down on hand-made cubes: an interaction is named as the cell, a containing segment drops out, a
second independent cause comes up, and the effects with the rest add up to the change."""

from __future__ import annotations

import random

import pytest

from cx.explain.cube import Cube, Histogram, Key
from cx.explain.drilldown import MIX, RATE, find_causes

GOOD: Histogram = (2, 3, 10, 20, 25)  # average about 4.0
POOR: Histogram = (20, 15, 10, 10, 5)  # average about 2.3


def scaled(h: Histogram, k: float) -> Histogram:
    return tuple(x * k for x in h)  # type: ignore[return-value]


def cube(cells: dict[Key, tuple[Histogram, Histogram]]) -> Cube:
    return Cube(cells)


def grid(poor_now: set[tuple[str, str]], per_cell: float = 1.0) -> Cube:
    """Teams × channels × two agents per team; the (team, channel) cells in ``poor_now`` score poorly this period."""
    cells: dict[Key, tuple[Histogram, Histogram]] = {}
    for team in ("tier1", "tier2", "tier3"):
        for channel in ("chat", "email", "voice"):
            for agent in (f"{team}-a", f"{team}-b"):
                now = POOR if (team, channel) in poor_now else GOOD
                cells[("billing", team, channel, "refund", agent)] = (scaled(GOOD, per_cell), scaled(now, per_cell))
    return cube(cells)


def test_one_teams_chat_is_named_as_the_cell_and_neither_the_team_nor_chat_follows() -> None:
    findings = find_causes(grid({("tier2", "chat")}))

    first = findings.causes[0]
    assert (first.kind, set(first.where)) == (RATE, {("team", "tier2"), ("channel", "chat")})
    assert first.found_in in ((("team", "tier2"),), (("channel", "chat"),))
    assert first.share == pytest.approx(1.0)
    assert len(findings.causes) == 1  # the team and the channel that contain it have nothing left to show
    assert findings.unexplained == pytest.approx(0.0, abs=1e-9)


def test_a_whole_teams_drop_is_the_team_not_one_of_its_channels() -> None:
    findings = find_causes(grid({("tier2", "chat"), ("tier2", "email"), ("tier2", "voice")}))

    assert [(c.kind, c.where) for c in findings.causes] == [(RATE, (("team", "tier2"),))]


def test_two_independent_causes_are_both_named_and_their_shares_add_up_with_the_rest() -> None:
    cells = dict(grid({("tier1", "voice")}).cells)
    # a second cause: inquiry "fee" (poorer all along) grows from a small share to a large one
    for team in ("tier1", "tier2", "tier3"):
        for channel in ("chat", "email", "voice"):
            cells[("billing", team, channel, "fee", f"{team}-b")] = (scaled(POOR, 0.1), scaled(POOR, 1.0))
    findings = find_causes(cube(cells))

    named = {(c.kind, frozenset(c.where), c.dimension, c.mover) for c in findings.causes[:2]}
    assert named == {
        (MIX, frozenset(), "inquiry", "fee"),
        (RATE, frozenset({("team", "tier1"), ("channel", "voice")}), None, None),
    }
    total = sum(c.effect for c in findings.causes) + findings.unexplained
    assert total == pytest.approx(findings.change)
    assert sum(c.share or 0 for c in findings.causes) <= 1.0 + 1e-9


def test_noise_names_nothing_most_of_the_time() -> None:
    rng = random.Random(5)
    named = 0
    for _ in range(40):
        cells: dict[Key, tuple[Histogram, Histogram]] = {}
        for team in ("tier1", "tier2", "tier3"):
            for channel in ("chat", "email", "voice"):
                draw = [tuple(float(x) for x in _draw(rng, 12)) for _ in range(2)]
                cells[("billing", team, channel, "refund", f"{team}-a")] = (draw[0], draw[1])  # type: ignore[assignment]
        named += bool(find_causes(cube(cells)).causes)
    assert named <= 0.5 * 40  # chance moves are only named when a segment moved beyond its own noise


def _draw(rng: random.Random, n: int) -> list[int]:
    hist = [0] * 5
    for score in rng.choices(range(5), weights=GOOD, k=n):
        hist[score] += 1
    return hist


def test_a_segment_named_on_conversations_is_not_named_when_its_cases_make_the_move_noise() -> None:
    """Conversations of one case score alike: with each period's design effect (from the case index) a segment's
    change is judged per case, as the verdict is, so a move that is beyond noise only when every conversation is
    taken as independent is not named."""
    worse: Histogram = (4, 5, 11, 18, 22)  # about 0.2 below GOOD
    cells: dict[Key, tuple[Histogram, Histogram]] = {}
    for team in ("tier1", "tier2", "tier3"):
        for channel in ("chat", "email", "voice"):
            now = worse if team == "tier1" else GOOD
            cells[("billing", team, channel, "refund", f"{team}-a")] = (scaled(GOOD, 1.5), scaled(now, 1.5))

    independent = find_causes(cube(cells))
    per_case = find_causes(cube(cells), design=(1.6, 1.6))

    assert [(c.kind, c.where) for c in independent.causes] == [(RATE, (("team", "tier1"),))]
    assert per_case.causes == []
    assert per_case.change == pytest.approx(independent.change)
