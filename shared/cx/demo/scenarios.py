"""Ground truth for `/cx why`: small demo data sets, each with one planted cause and its known answer.

Each scenario covers two weeks: the last seven days of the window (the "current" period) against the seven
before. The default demo (``scenario=None``) is left exactly as it was.

The decomposition looks at one dimension at a time, so when one team answers most of a journey (the roster's
80%), a channel mix shift also moves that team's own average and the two look alike. The mix-shift scenario
therefore has teams share the journey's work (45% to its own team); the others keep the roster's share.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from cx.demo.planted import PlantedChange
from cx.demo.roster import JOURNEYS_BY_NAME, SPECIALIST_SHARE, Journey
from cx.demo.scripts import Kind
from cx.domain.conversation import Channel

DAYS = 14


@dataclass(frozen=True)
class Expected:
    """The cause `/cx why` must name first: a mix shift or rate change of a segment, a reason factor,
    the scorer, or none (noise)."""

    kind: str  # mix | rate | reason | scorer | noise
    dimension: str | None = None
    value: str | None = None


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

    def current_start(self, end: date) -> date:
        return end - timedelta(days=6)

    def journey_on(self, journey: Journey, day: date, end: date) -> Journey:
        if self.channels_from_current and day >= self.current_start(end):
            return replace(journey, channels=self.channels_from_current)
        return replace(journey, channels=self.channels) if self.channels else journey

    def planted(self, end: date) -> list[PlantedChange]:
        """The changes with their start dates: ``date.min`` means from the first day, else the current period."""
        start, first = self.current_start(end), end - timedelta(days=DAYS - 1)
        return [replace(c, start=first if c.start == date.min else start) for c in self.changes]

    def rescore_from(self, end: date) -> date | None:
        return None if self.rescore_from_day is None else self.current_start(end) + timedelta(self.rescore_from_day)

    @property
    def journey_set(self) -> list[Journey]:
        return [JOURNEYS_BY_NAME[j] for j in self.journeys]


def _change(change: str, effect: str, **kwargs: object) -> PlantedChange:
    fields = {"journey": "billing", "channel": None, "team": None, "start": date.max, **kwargs}
    return PlantedChange(change=change, effect=effect, **fields)  # type: ignore[arg-type]


SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in (
        Scenario(
            "mix-shift",
            "Billing volume moves to chat (30% → 80%), which scores lower in both weeks; no channel gets worse.",
            Expected("mix", "channel", "chat"),
            specialist_share=0.45,
            channels=((Channel.CHAT, 0.3), (Channel.EMAIL, 0.5), (Channel.VOICE, 0.2)),
            channels_from_current=((Channel.CHAT, 0.85), (Channel.EMAIL, 0.1), (Channel.VOICE, 0.05)),
            changes=(
                _change(
                    "Billing chat is poorer than email and voice all along (more repeats and transfers).",
                    "Chat averages well below email and voice in both weeks.",
                    channel=Channel.CHAT,
                    start=date.min,
                    kind_weights=((Kind.TRANSFER, 0.35), (Kind.REPEAT, 0.3)),
                ),
            ),
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
    )
}
