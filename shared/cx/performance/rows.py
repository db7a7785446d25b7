"""Reading the agent performance rows: every agent's counters on an inquiry, an agent's inquiries, recent contacts."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from cx.aggregation.counters import Counts, add
from cx.aggregation.keys import NO_TEAM, by_agent_pk, by_inquiry_pk, day_range, recent_pk
from cx.performance.metrics import Metric
from cx.reads import DayReader


class PerformanceRows(DayReader, Protocol):
    def read_sk_range(self, pk: str, low: str, high: str) -> list[tuple[str, Counts]]:
        """Items of ``pk`` with a sort key from ``low`` to ``high``, in order."""
        ...

    def read_newest(self, pk: str, count: int) -> list[tuple[str, Counts]]:
        """The last ``count`` items of ``pk`` by sort key, last first."""
        ...


@dataclass(frozen=True)
class InquiryRows:
    """One inquiry over a period: each agent's summed counters and the team each agent answered for most."""

    inquiry: str
    by_agent: dict[str, Counts]
    team_of: dict[str, str | None]

    def team_counts(self, team: str | None) -> Counts:
        out: Counts = {}
        for agent, counts in self.by_agent.items():
            if self.team_of.get(agent) == team:
                add(out, counts)
        return out


def inquiry_rows(rows: PerformanceRows, inquiry: str, start: date, end: date) -> InquiryRows:
    by_agent: dict[str, Counts] = defaultdict(dict)
    teams: dict[str, Counter[str]] = defaultdict(Counter)
    for sk, counts in rows.read_sk_range(by_agent_pk(inquiry), *day_range(start, end)):
        _, agent, team = sk.split("#", 2)
        add(by_agent[agent], counts)
        teams[agent][team] += int(counts.get("evaluations", 0))
    team_of = {a: (None if (t := c.most_common(1)[0][0]) == NO_TEAM else t) for a, c in teams.items()}
    return InquiryRows(inquiry, dict(by_agent), team_of)


def agent_inquiries(rows: PerformanceRows, agent: str, start: date, end: date) -> dict[str, int]:
    """The inquiries the agent answered in the period, with the number of evaluated contacts."""
    out: Counter[str] = Counter()
    for sk, counts in rows.read_sk_range(by_inquiry_pk(agent), *day_range(start, end)):
        out[sk.split("#", 1)[1]] += int(counts.get("evaluations", 0))
    return {inquiry: n for inquiry, n in out.items() if n > 0}


@dataclass(frozen=True)
class RecentContact:
    conversation_id: str
    at: datetime
    counts: Counts

    def value(self, metric: Metric) -> float | None:
        return metric.measure(self.counts)


def recent_contacts(rows: PerformanceRows, agent: str, inquiry: str, count: int = 20) -> list[RecentContact]:
    """The agent's ``count`` most recent evaluated contacts on the inquiry, newest first."""
    out = []
    for sk, counts in rows.read_newest(recent_pk(agent, inquiry), count):
        moment, conversation_id = sk.split("#", 1)
        out.append(RecentContact(conversation_id, datetime.fromisoformat(moment.replace("Z", "+00:00")), counts))
    return out
