"""Agent performance figures computed straight from raw conversations and evaluations (not from aggregates)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date
from statistics import fmean

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation, Resolution

Pairs = Iterable[tuple[Conversation, Evaluation]]
METRICS = ("cx", "resolution", "handle_time")


def handle_seconds(c: Conversation) -> float | None:
    times = [m.at for m in c.messages if m.at]
    return round((max(times) - min(times)).total_seconds(), 1) if len(times) >= 2 else None


def metric_of(metric: str, c: Conversation, e: Evaluation) -> float | None:
    if metric == "cx":
        return float(e.cx_score)
    if metric == "resolution":
        return 1.0 if e.sub_scores.resolution is Resolution.RESOLVED else 0.0
    return handle_seconds(c)


def mean_of(metric: str, contacts: list[tuple[Conversation, Evaluation]]) -> float | None:
    values = [v for c, e in contacts if (v := metric_of(metric, c, e)) is not None]
    return fmean(values) if values else None


def contacts_by_agent(
    pairs: Pairs, inquiry: str, start: date, end: date
) -> dict[str, list[tuple[Conversation, Evaluation]]]:
    out: dict[str, list[tuple[Conversation, Evaluation]]] = defaultdict(list)
    for c, e in pairs:
        if c.inquiry == inquiry and c.agent_id and c.when and start <= c.when.astimezone(UTC).date() <= end:
            out[c.agent_id].append((c, e))
    return out


@dataclass(frozen=True)
class Rated:
    value: float | None
    percentile: float | None
    rating: str | None


def rate(metric: str, agent: str, by_agent: dict[str, list[tuple[Conversation, Evaluation]]]) -> Rated:
    rated = {a: v for a, cs in by_agent.items() if len(cs) >= 3 and (v := mean_of(metric, cs)) is not None}
    mine = mean_of(metric, by_agent.get(agent, []))
    if agent not in rated:
        return Rated(mine, None, None)
    higher = metric != "handle_time"
    value = rated[agent]
    worse = sum(1 for v in rated.values() if (value > v if higher else value < v))
    equal = sum(1 for v in rated.values() if v == value)
    pr = 100 * (worse + 0.5 * equal) / len(rated)
    return Rated(value, pr, "Great" if pr >= 75 else "Needs work" if pr < 25 else "Good")


def recent_mean(pairs: Pairs, agent: str, inquiry: str, metric: str, count: int = 20) -> float | None:
    mine = [(c, e) for c, e in pairs if c.agent_id == agent and c.inquiry == inquiry and c.when]
    mine.sort(key=lambda p: (p[0].when, p[0].id), reverse=True)
    return mean_of(metric, mine[:count])


def handled_on(channel: str, contacts: list[tuple[Conversation, Evaluation]]) -> list[float]:
    """The handle times of the contacts on one channel."""
    return [v for c, _ in contacts if c.channel.value == channel and (v := handle_seconds(c)) is not None]
