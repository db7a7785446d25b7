"""The mix of contact kinds in each segment, and the dealer that keeps it steady over time."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from cx.demo.planted import PlantedChange
from cx.demo.roster import Journey
from cx.demo.scripts import POOR_KINDS, Kind
from cx.domain.conversation import Channel

MAX_CONTACTS = 4

_FIRST: dict[Kind, float] = {
    Kind.QUICK_FIX: 0.58, Kind.PENDING: 0.14, Kind.BUMPY_FIX: 0.06, Kind.ESCALATE: 0.05,
    Kind.REPEAT: 0.07, Kind.TRANSFER: 0.05, Kind.ABANDON: 0.05,
}  # fmt: skip
_LATER: dict[Kind, float] = {
    Kind.FOLLOWUP_FIX: 0.55, Kind.PENDING: 0.03, Kind.BUMPY_FIX: 0.12, Kind.ESCALATE: 0.08,
    Kind.REPEAT: 0.11, Kind.TRANSFER: 0.06, Kind.ABANDON: 0.05,
}  # fmt: skip
_CHANNEL_BIAS: dict[Channel, dict[Kind, float]] = {
    Channel.EMAIL: {Kind.PENDING: 1.6, Kind.ABANDON: 0.6},
    Channel.VOICE: {Kind.QUICK_FIX: 1.15, Kind.ABANDON: 0.7},
}


def _weights(
    journey: Journey, channel: Channel, contact_no: int, changes: Sequence[PlantedChange]
) -> dict[Kind, float]:
    weights = dict(_FIRST if contact_no == 0 else _LATER)
    if contact_no == MAX_CONTACTS - 1:
        del weights[Kind.PENDING]
    for kind in POOR_KINDS:
        weights[kind] *= journey.difficulty
    for kind, factor in _CHANNEL_BIAS.get(channel, {}).items():
        if kind in weights:
            weights[kind] *= factor
    for change in changes:  # every change that applies: an agent's drop shows in each inquiry she handles
        for kind in POOR_KINDS:
            if kind in weights:
                weights[kind] *= change.poor_factor
        for kind, extra in change.kind_weights:
            weights[kind] = weights.get(kind, 0.0) + extra
    return weights


@dataclass
class KindDealer:
    """Deals contact kinds per segment (journey, channel, stage) so each keeps its mix week by week.

    Each kind earns credit at its share on every deal and the dealt kind pays one back; kinds are
    drawn at random in proportion to positive credit. The order is random, yet over any few weeks a
    segment's mix stays within a contact or two of its shares: independent draws would let a small
    segment (billing email, about 90 contacts in three weeks) drift by 0.2 CX points by chance, and the
    planted change would no longer be the only shift in the data.
    """

    changes: list[PlantedChange]
    credit: dict[tuple[str, Channel, int, tuple[int, ...]], dict[Kind, float]] = field(default_factory=dict)

    @property
    def by_team(self) -> bool:
        """Some change applies to one team's (or agent's, or inquiry's) contacts only: the agent is chosen
        before the kind is dealt."""
        return any(c.team or c.agent or c.inquiry for c in self.changes)

    def planted(
        self,
        journey: Journey,
        channel: Channel,
        day: date,
        team: str | None = None,
        agent: str | None = None,
        inquiry: str | None = None,
    ) -> list[PlantedChange]:
        """Every change that applies to the contact (a contact of the poor agent in the poorer inquiry carries
        both: the agent's drop shows on all her conversations, and the inquiry is as hard for her as for all)."""
        return [c for c in self.changes if c.applies(journey.name, channel, day, team, agent, inquiry)]

    def deal(
        self,
        rng: random.Random,
        journey: Journey,
        channel: Channel,
        contact_no: int,
        day: date,
        team: str | None = None,
        agent: str | None = None,
        inquiry: str | None = None,
    ) -> tuple[Kind, int]:
        """The kind of contact number ``contact_no`` (0 = first) and its transfers if transferred."""
        changes = self.planted(journey, channel, day, team, agent, inquiry)
        stage = 0 if contact_no == 0 else 2 if contact_no == MAX_CONTACTS - 1 else 1
        key = (journey.name, channel, stage, tuple(self.changes.index(c) for c in changes))
        weights = _weights(journey, channel, contact_no, changes)
        total = sum(weights.values())
        credit = self.credit.setdefault(key, dict.fromkeys(weights, 0.0))
        for kind, weight in weights.items():
            credit[kind] += weight / total
        due = [k for k in credit if credit[k] > 0]
        kind = rng.choices(due, weights=[credit[k] for k in due])[0]
        credit[kind] -= 1
        transfers = max(c.transfers for c in changes) if changes else 2 if rng.random() < 0.3 else 1
        return kind, transfers
