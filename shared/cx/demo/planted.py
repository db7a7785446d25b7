"""The known causes planted in the demo data: ground truth for "why did CX drop?"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from cx.demo.scripts import Kind
from cx.domain.conversation import Channel


def last_full_week_start(end: date) -> date:
    """The Monday of the last full week before ``end``'s week: `/cx journey billing last-week` then shows
    the change against the week before it, which is untouched."""
    return end - timedelta(days=end.weekday() + 7)


@dataclass(frozen=True)
class PlantedChange:
    journey: str
    channel: Channel | None
    team: str | None
    start: date
    change: str
    """What changed, in words."""
    effect: str
    """What it should do to the data, in words."""
    kind_weights: tuple[tuple[Kind, float], ...] = ()
    """Extra weight given to kinds of contact in the affected segment (internal to the generator)."""
    transfers: int = 1
    """Transfers in each transferred contact of the segment."""
    agent: str | None = None
    inquiry: str | None = None
    poor_factor: float = 1.0
    """Every poor kind of contact this many times as likely: failing more often in the usual ways."""

    def applies(
        self,
        journey: str,
        channel: Channel,
        day: date,
        team: str | None = None,
        agent: str | None = None,
        inquiry: str | None = None,
    ) -> bool:
        return (
            journey == self.journey
            and (self.channel is None or channel is self.channel)
            and (self.team is None or team == self.team)
            and (self.agent is None or agent == self.agent)
            and (self.inquiry is None or inquiry == self.inquiry)
            and day >= self.start
        )


def planted_changes(end: date) -> list[PlantedChange]:
    return [
        PlantedChange(
            journey="billing",
            channel=Channel.CHAT,
            team=None,
            start=last_full_week_start(end),
            change=(
                "A chat routing change sends billing chats to the wrong queue first: agents transfer them to "
                "the billing team and on again, and customers repeat themselves to each agent."
            ),
            effect=(
                "Billing chat only: many more transfers ('Let me transfer you to the billing team', "
                "'I've been transferred three times now'), much more negative customer sentiment, more "
                "unresolved and escalated outcomes and repeat contacts, a lower mean CX score. Billing "
                "email and voice and all other journeys are unchanged."
            ),
            kind_weights=((Kind.TRANSFER, 1.3), (Kind.REPEAT, 0.1)),
            transfers=2,
        )
    ]
