"""Ground truth for `/cx why`: small demo data sets, each with one planted cause and its known answer.

Each scenario covers two weeks: the last seven days of the window (the "current" period) against the seven
before. The default demo (``scenario=None``) is left exactly as it was.

The decomposition looks at one dimension at a time, so when one team answers most of a journey (the roster's
80%), a channel mix shift also moves that team's own average and the two look alike. The mix-shift scenario
therefore has teams share the journey's work (45% to its own team); the others keep the roster's share.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from cx.demo.planted import PlantedChange
from cx.demo.roster import JOURNEYS_BY_NAME, SPECIALIST_SHARE, Journey
from cx.demo.scripts import Kind
from cx.domain.conversation import Channel

DAYS = 14


@dataclass(frozen=True)
class Expected:
    """The cause `/cx why` must name first: a mix shift or rate change of a segment, a reason factor,
    the scorer, or none (noise)."""

    kind: str  # mix | rate | reason | scorer | noise | real (a real change, whatever its cause)
    dimension: str | None = None
    value: str | None = None
    within: tuple[tuple[str, str], ...] = ()
    """rate: the other (dimension, value) of a two-dimensional cell; mix: the segment whose make-up moved."""


@dataclass(frozen=True)
class Scenario:
    name: str
    cause: str
    expected: Expected
    journeys: tuple[str, ...] = ("billing",)
    cases_per_day: int = 20
    specialist_share: float = SPECIALIST_SHARE
    changes: tuple[PlantedChange, ...] = ()
    channels_from_current: tuple[tuple[Channel, float], ...] = ()
    """Channel weights of the journeys from the current period's first day (empty: unchanged)."""
    channels: tuple[tuple[Channel, float], ...] = ()
    """Channel weights before then (empty: the journey's own)."""
    rescore_from_day: int | None = None
    """Days into the current period after which another scorer version scores (the test scores with it)."""
    scope: str = "billing"
    """What to ask `/cx why` about: a journey, or ``all``."""
    reads_first: str = ""
    """What a support leader must read first in the answer."""
    second: Expected | None = None
    """A second, independent cause that must be named within the first two."""
    mix_journey: str | None = None
    """Only this journey's channel weights change (None: every journey in the scenario)."""
    inquiries_from_current: tuple[tuple[str, float], ...] = ()
    """Inquiry weights of the journeys from the current period's first day (empty: uniform, as ever)."""

    def current_start(self, end: date) -> date:
        return end - timedelta(days=6)

    def journey_on(self, journey: Journey, day: date, end: date) -> Journey:
        if self.mix_journey not in (None, journey.name):
            return journey
        if self.channels_from_current and day >= self.current_start(end):
            return replace(journey, channels=self.channels_from_current)
        return replace(journey, channels=self.channels) if self.channels else journey

    def inquiry_on(self, journey: Journey, day: date, end: date, rng: random.Random) -> str:
        weights = dict(self.inquiries_from_current)
        if not weights or day < self.current_start(end) or not set(weights) & set(journey.inquiries):
            return rng.choice(journey.inquiries)
        return rng.choices(journey.inquiries, weights=[weights.get(i, 1.0) for i in journey.inquiries])[0]

    def planted(self, end: date) -> list[PlantedChange]:
        """The changes with their start dates: ``date.min`` means from the first day, else the current period."""
        start, first = self.current_start(end), end - timedelta(days=DAYS - 1)
        return [replace(c, start=first if c.start == date.min else start) for c in self.changes]

    def rescore_from(self, end: date) -> date | None:
        return None if self.rescore_from_day is None else self.current_start(end) + timedelta(self.rescore_from_day)

    @property
    def journey_set(self) -> list[Journey]:
        return [JOURNEYS_BY_NAME[j] for j in self.journeys]


POOR_AGENT = "U0AGENT03"  # Sofia Martinez, billing-payments


def _change(change: str, effect: str, **kwargs: Any) -> PlantedChange:
    planted = PlantedChange(journey="billing", channel=None, team=None, start=date.max, change=change, effect=effect)
    return replace(planted, **kwargs)


# Billing volume moving to chat, a channel poorer than the others all along: the mix-shift scenarios' setting
TO_CHAT_BEFORE = ((Channel.CHAT, 0.3), (Channel.EMAIL, 0.5), (Channel.VOICE, 0.2))
TO_CHAT_AFTER = ((Channel.CHAT, 0.85), (Channel.EMAIL, 0.1), (Channel.VOICE, 0.05))


def _chat_poorer_all_along(effect: str) -> PlantedChange:
    return _change(
        "Billing chat is poorer than email and voice all along (more repeats and transfers).",
        effect,
        channel=Channel.CHAT,
        start=date.min,
        kind_weights=((Kind.TRANSFER, 0.35), (Kind.REPEAT, 0.3)),
    )


SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in (
        Scenario(
            "mix-shift",
            "Billing volume moves to chat (30% → 80%), which scores lower in both weeks; no channel gets worse.",
            Expected("mix", "channel", "chat"),
            specialist_share=0.45,
            channels=TO_CHAT_BEFORE,
            channels_from_current=TO_CHAT_AFTER,
            changes=(_chat_poorer_all_along("Chat averages well below email and voice in both weeks."),),
        ),
        Scenario(
            "team-rate-drop",
            "From the current week, billing-payments' agents leave more problems unsolved and customers repeat "
            "themselves; other teams are unchanged.",
            Expected("rate", "team", "billing-payments"),
            changes=(
                _change(
                    "billing-payments agents miss the fix more often.",
                    "billing-payments' contacts score lower; other teams unchanged.",
                    team="billing-payments",
                    kind_weights=((Kind.REPEAT, 0.6), (Kind.ABANDON, 0.3), (Kind.TRANSFER, 0.2)),
                ),
            ),
        ),
        Scenario(
            "new-reason",
            "From the current week, a new refund policy makes agents brush customers off ('that's our policy, "
            "there's nothing I can do'): a reason factor that did not occur before.",
            Expected("reason", "reason", "rude_or_dismissive_agent"),
            changes=(
                _change(
                    "Agents quote a new refund policy and brush customers off.",
                    "A new negative factor, rude_or_dismissive_agent, in about a third of billing contacts.",
                    kind_weights=((Kind.DISMISSED, 0.6),),
                ),
            ),
        ),
        Scenario(
            "scorer-change",
            "Nothing changes in the conversations; three days into the current week a harsher scorer version "
            "takes over.",
            Expected("scorer"),
            rescore_from_day=3,
        ),
        Scenario("noise", "Nothing changes: two ordinary weeks.", Expected("noise"), journeys=("billing", "delivery")),
        Scenario(
            "team-chat-only",
            "From the current week, billing-payments' chats go badly (a chat tool change in that team only); its "
            "email and voice, and every other team's chat, are unchanged.",
            Expected("rate", "team", "billing-payments", within=(("channel", "chat"),)),
            reads_first="team billing-payments × channel chat, not the team alone and not chat alone",
            specialist_share=0.6,
            changes=(
                _change(
                    "billing-payments' chat tool drops context: customers repeat themselves, chats get abandoned.",
                    "billing-payments chat scores lower; its other channels and other teams' chat unchanged.",
                    team="billing-payments",
                    channel=Channel.CHAT,
                    kind_weights=((Kind.REPEAT, 1.0), (Kind.ABANDON, 0.6), (Kind.TRANSFER, 0.3)),
                ),
            ),
        ),
        Scenario(
            "two-causes",
            "From the current week, one agent (Sofia Martinez) leaves problems unsolved, and double-charge "
            "inquiries, which go worse than other billing inquiries all along, grow from a quarter to half of billing.",
            Expected("rate", "agent", POOR_AGENT),
            second=Expected("mix", "inquiry", "double-charge"),
            reads_first="agent U0AGENT03 scoring lower and the inquiry mix (more double-charge), in the first two",
            cases_per_day=40,
            inquiries_from_current=(("double-charge", 3.0),),
            changes=(
                _change(
                    "Sofia Martinez misses the fix and customers come back.",
                    "Her contacts score much lower; other agents unchanged.",
                    agent=POOR_AGENT,
                    kind_weights=((Kind.REPEAT, 1.5), (Kind.ABANDON, 1.0), (Kind.ESCALATE, 0.5)),
                ),
                _change(
                    "Double charges are hard to settle: more transfers and follow-ups, all along.",
                    "double-charge scores below the other billing inquiries in both weeks.",
                    inquiry="double-charge",
                    start=date.min,
                    kind_weights=((Kind.TRANSFER, 0.4), (Kind.PENDING, 0.2)),
                ),
            ),
        ),
        Scenario(
            "mix-inside-journey",
            "Asked about all journeys: billing's volume moves to chat (30% → 85%), and billing chat scores lower "
            "all along; no channel of any journey gets worse.",
            Expected("mix", "channel", "chat", within=(("journey", "billing"),)),
            reads_first="billing's channel mix (more chat), not chat scoring lower",
            scope="all",
            journeys=("billing", "delivery", "returns"),
            cases_per_day=60,
            specialist_share=0.45,
            mix_journey="billing",
            channels=TO_CHAT_BEFORE,
            channels_from_current=TO_CHAT_AFTER,
            changes=(
                _chat_poorer_all_along("Billing chat averages well below billing email and voice in both weeks."),
            ),
        ),
        Scenario(
            "team-fails-more",
            "From the current week, billing-payments fails six times as often in its usual ways (the same "
            "mix of repeats, transfers, abandons and escalations): no new reason, just more of them.",
            Expected("rate", "team", "billing-payments"),
            reads_first="team billing-payments scoring lower, with reasons whose rate per evaluation rose",
            specialist_share=0.6,
            changes=(
                _change(
                    "billing-payments is short-staffed: the usual failures, six times as often.",
                    "Every negative factor's count rises in billing-payments; their shares of low scores stay put.",
                    team="billing-payments",
                    poor_factor=6.0,
                ),
            ),
        ),
        Scenario(
            "small-journey-drop",
            "Cancellation, a small journey (an eighth of the volume, some 60 evaluations a week), gets much worse "
            "from the current week; the other journeys are unchanged.",
            Expected("real"),
            reads_first="a real drop for cancellation, though it has few evaluations",
            scope="cancellation",
            journeys=("billing", "delivery", "technical-issue", "returns", "cancellation"),
            cases_per_day=80,
            changes=(
                _change(
                    "Cancellations are handled by a new retention script: customers are stalled and passed on.",
                    "Cancellation scores much lower; the other journeys are unchanged.",
                    journey="cancellation",
                    poor_factor=4.0,
                ),
            ),
        ),
    )
}
