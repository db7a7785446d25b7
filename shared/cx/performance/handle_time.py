"""Handle time per channel: an e-mail's hours and a chat's minutes are never averaged or ranked together.

An agent's handle time on a channel is shown when they handled at least ``MIN_HANDLED`` timed contacts there;
agents are ranked on a channel only among agents with that many there. Their handle-time rank on an inquiry
is the mean of their per-channel ranks, each weighing as many contacts as they handled on that channel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cx.aggregation.counters import Counts, handle_count, handle_sum
from cx.domain.conversation import Channel
from cx.performance.ratings import percentile_rank, rating

MIN_HANDLED = 3
CHANNELS: tuple[str, ...] = tuple(c.value for c in Channel)
HOURS_FROM_MINUTES = 120  # a line whose longest figure is 2 hours or more reads in hours, else in minutes


def handled(counts: Mapping[str, float], channel: str) -> int:
    """How many contacts of the channel have a handle time."""
    return int(counts.get(handle_count(channel), 0))


def average(counts: Mapping[str, float], channel: str) -> float | None:
    """Average handle seconds on the channel; None when none was handled there."""
    n = handled(counts, channel)
    return counts.get(handle_sum(channel), 0) / n if n else None


def channel_of(counts: Mapping[str, float]) -> str | None:
    """The channel one contact's counters were handled on (None: no handle time, or folded before the split)."""
    return next((c for c in CHANNELS if handled(counts, c)), None)


def unsplit(counts: Mapping[str, float]) -> int:
    """Contacts with a handle time folded before it was kept per channel (`cx rebuild --apply` splits them)."""
    return max(0, int(counts.get("handle_count", 0)) - sum(handled(counts, c) for c in CHANNELS))


def unit_for(values: Sequence[float | None]) -> str:
    """``min`` or ``h``: one unit for every figure of a line, so that they compare at a glance."""
    longest = max((v for v in values if v is not None), default=0.0)
    return "h" if longest >= HOURS_FROM_MINUTES * 60 else "min"


def duration(seconds: float | None, unit: str) -> str:
    if seconds is None:
        return "–"
    if unit == "h":
        return f"{seconds / 3600:.1f} h"
    minutes = seconds / 60
    return f"{minutes:.0f} min" if minutes >= 10 else f"{minutes:.1f} min"


def duration_alone(seconds: float | None) -> str:
    """One figure in the unit that suits it."""
    return duration(seconds, unit_for([seconds]))


@dataclass(frozen=True)
class ChannelHandle:
    """The agent's handle time on one channel of an inquiry beside the team's and the best agent's."""

    channel: str
    handled: int  # the agent's timed contacts on the channel
    agent: float | None  # seconds; None when they handled fewer than MIN_HANDLED there
    team: float | None
    top: float | None
    percentile: float | None
    rating: str | None

    @property
    def unit(self) -> str:
        return unit_for([self.agent, self.team, self.top])


def ranked(by_agent: Mapping[str, Counts], rated: Sequence[str], channel: str) -> dict[str, float]:
    """The rated agents' handle time on the channel, each with enough handled contacts there."""
    return {
        a: v
        for a in rated
        if handled(by_agent[a], channel) >= MIN_HANDLED and (v := average(by_agent[a], channel)) is not None
    }


def handle_rank(by_agent: Mapping[str, Counts], rated: Sequence[str], agent: str) -> float | None:
    """The agent's handle-time percentile on the inquiry: per channel among that channel's agents (shorter is
    better), weighted by the contacts the agent handled on each; None when they are ranked on no channel."""
    parts = []
    for channel in CHANNELS:
        everyone = ranked(by_agent, rated, channel)
        if agent in everyone:
            weight = handled(by_agent[agent], channel)
            parts.append((percentile_rank(everyone[agent], list(everyone.values()), False), weight))
    total = sum(w for _, w in parts)
    return sum(p * w for p, w in parts) / total if total else None


def channel_lines(
    by_agent: Mapping[str, Counts], rated: Sequence[str], agent: str, team: Counts
) -> list[ChannelHandle]:
    """One line per channel the agent handled timed contacts on (in the channels' order)."""
    mine = by_agent.get(agent, {})
    lines = []
    for channel in CHANNELS:
        everyone = ranked(by_agent, rated, channel)
        n = handled(mine, channel)
        if not n:
            continue
        value = average(mine, channel) if n >= MIN_HANDLED else None
        pr = percentile_rank(everyone[agent], list(everyone.values()), False) if agent in everyone else None
        team_value = average(team, channel) if handled(team, channel) >= MIN_HANDLED else None
        top = min(everyone.values()) if everyone else None
        lines.append(ChannelHandle(channel, n, value, team_value, top, pr, rating(pr) if pr is not None else None))
    return lines
