"""How a case unfolds between contacts: who answers, whether the customer comes back, on which channel."""

from __future__ import annotations

import random
from datetime import timedelta

from cx.demo.roster import AGENTS_BY_TEAM, SPECIALIST_SHARE, TEAMS, Agent, Journey
from cx.demo.scripts import Kind
from cx.domain.conversation import Channel

COMES_BACK: dict[Kind, float] = {
    Kind.PENDING: 0.95,
    Kind.ESCALATE: 0.8,
    Kind.REPEAT: 0.6,
    Kind.TRANSFER: 0.65,
    Kind.ABANDON: 0.45,
    Kind.DISMISSED: 0.4,
}
"""Chance the customer contacts support again after an unresolved contact of this kind."""
_WAIT_HOURS: dict[Kind, tuple[float, float]] = {Kind.PENDING: (48, 168), Kind.ESCALATE: (20, 72)}


def choose_agents(
    rng: random.Random, journey: Journey, previous: Agent | None, specialist_share: float = SPECIALIST_SHARE
) -> list[Agent]:
    """The agent who takes the contact, then the agents it could be transferred to, in order.

    A transfer goes to the journey's own team from elsewhere, or away from it to another team.
    """
    if previous is not None and rng.random() < 0.3:
        first = previous
    elif rng.random() < specialist_share:
        first = rng.choice(AGENTS_BY_TEAM[journey.team])
    else:
        first = rng.choice(AGENTS_BY_TEAM[rng.choice([t for t in TEAMS if t != journey.team])])
    agents = [first]
    for _ in range(2):
        here = agents[-1].team
        team = journey.team if here != journey.team else rng.choice([t for t in TEAMS if t != here])
        agents.append(rng.choice(AGENTS_BY_TEAM[team]))
    return agents


def next_contact_after(rng: random.Random, kind: Kind) -> timedelta:
    low, high = _WAIT_HOURS.get(kind, (1.0, 48.0))
    return timedelta(hours=rng.uniform(low, high))


def next_channel(rng: random.Random, journey: Journey, channel: Channel) -> Channel:
    if rng.random() < 0.7:
        return channel
    return pick_channel(rng, journey)


def pick_channel(rng: random.Random, journey: Journey) -> Channel:
    channels = [c for c, _ in journey.channels]
    return rng.choices(channels, weights=[w for _, w in journey.channels])[0]
