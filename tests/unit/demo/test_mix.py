"""The kind dealer of the scenarios: a contact that several planted changes match carries all of them."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

from cx.demo.mix import KindDealer
from cx.demo.planted import PlantedChange
from cx.demo.roster import AGENTS_BY_ID, JOURNEYS_BY_NAME
from cx.demo.scenarios import POOR_AGENT, SCENARIOS
from cx.demo.scripts import Kind
from cx.domain.conversation import Channel

END = date(2026, 11, 15)
BILLING = JOURNEYS_BY_NAME["billing"]
TEAM = AGENTS_BY_ID[POOR_AGENT].team


def _kinds(changes: list[PlantedChange], day: date, deals: int = 600) -> Counter[Kind]:
    """The kinds dealt to first contacts of the poor agent in double-charge on ``day``."""
    dealer, rng = KindDealer(changes), random.Random(1)
    return Counter(
        dealer.deal(rng, BILLING, Channel.EMAIL, 0, day, TEAM, POOR_AGENT, "double-charge")[0] for _ in range(deals)
    )


def test_the_poor_agents_double_charge_contacts_carry_both_planted_changes() -> None:
    """two-causes plants the agent's drop (from the current week) and double-charge being harder (all along). A
    leader reads "her contacts score lower" of all her conversations and "double-charge goes worse" of everyone's,
    so her double-charge contacts must get both: more transfers than her other contacts (the inquiry's), and more
    repeats and abandons than other agents' double-charge contacts (hers)."""
    planted = SCENARIOS["two-causes"].planted(END)
    agent, inquiry = [c for c in planted if c.agent], [c for c in planted if c.inquiry]
    current, previous = SCENARIOS["two-causes"].current_start(END), date(2026, 11, 3)

    both, agent_only, inquiry_only = _kinds(planted, current), _kinds(agent, current), _kinds(inquiry, current)

    assert both[Kind.TRANSFER] > agent_only[Kind.TRANSFER] + 20
    assert both[Kind.REPEAT] > inquiry_only[Kind.REPEAT] + 20
    assert both[Kind.ABANDON] > inquiry_only[Kind.ABANDON] + 20
    assert _kinds(planted, previous) == _kinds(inquiry, previous)  # before her drop, only the inquiry's


def test_a_contact_no_change_matches_is_dealt_as_if_nothing_were_planted() -> None:
    planted = SCENARIOS["two-causes"].planted(END)

    def dealt(changes: list[PlantedChange]) -> list[Kind]:
        dealer, rng = KindDealer(changes), random.Random(2)
        return [dealer.deal(rng, BILLING, Channel.EMAIL, 0, END, TEAM, "U0AGENT01", "refund")[0] for _ in range(200)]

    assert dealt(planted) == dealt([])
