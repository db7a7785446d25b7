"""An agent's performance per inquiry against every agent on it; the inquiries that help most and those to work on.

Effectiveness on an inquiry is the mean of the agent's percentile ranks on the three metrics among all rated
agents on that inquiry (CX score and resolution rate higher is better, handle time lower is better and ranked per
channel, see ``handle_time``; a metric without data is left out of the mean). 0-100, and the parts that make it
up are shown beside it.
Agents with fewer than ``MIN_CONTACTS`` evaluated contacts on an inquiry in the period are not rated on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import fmean

from cx.parallel import each
from cx.performance.handle_time import ChannelHandle, channel_lines, channel_of, handle_rank, handled, unsplit
from cx.performance.metrics import Metric
from cx.performance.ratings import percentile_rank, rating
from cx.performance.rows import (
    InquiryRows,
    PerformanceRows,
    RecentContact,
    agent_inquiries,
    inquiry_rows,
    recent_contacts,
)
from cx.ranges import DateRange

MIN_CONTACTS = 3
PICKS = 3
EXAMPLES = 3


@dataclass(frozen=True)
class MetricLine:
    metric: Metric | None  # None: effectiveness
    agent: float | None
    team: float | None
    top: float | None
    percentile: float | None
    rating: str | None


@dataclass(frozen=True)
class InquiryPerformance:
    inquiry: str
    contacts: int
    rated_agents: int
    lines: dict[Metric, MetricLine]
    effectiveness: MetricLine | None  # None when the agent has too few contacts to be rated
    # handle time per channel (its MetricLine holds only the rank: a figure over all channels would mix them)
    handle: list[ChannelHandle] = field(default_factory=list)
    unsplit: int = 0  # the agent's timed contacts folded before handle time was kept per channel

    @property
    def focus(self) -> Metric:
        """The metric to work on: the one where the agent ranks lowest among the agents on the inquiry."""
        ranked = [(line.percentile, m) for m, line in self.lines.items() if line.percentile is not None]
        return min(ranked)[1] if ranked else Metric.CX


@dataclass(frozen=True)
class Pick:
    inquiry: InquiryPerformance
    metric: Metric
    examples: list[RecentContact] = field(default_factory=list)
    channel: str | None = None  # handle time: the examples' channel (the one the agent handled most contacts on)


@dataclass(frozen=True)
class AgentPerformance:
    agent_id: str
    team: str | None
    period: DateRange
    inquiries: list[InquiryPerformance]
    strengths: list[Pick]
    work_on: list[Pick]


def _effectiveness_by_agent(rows: InquiryRows, rated: list[str]) -> dict[str, float]:
    out = {}
    shared = (Metric.CX, Metric.RESOLUTION)  # one figure each over every channel
    values = {m: {a: v for a in rated if (v := m.measure(rows.by_agent[a])) is not None} for m in shared}
    for agent in rated:
        ranks = [
            percentile_rank(vals[agent], list(vals.values()), m.higher_is_better)
            for m, vals in values.items()
            if agent in vals
        ]
        if (handle := handle_rank(rows.by_agent, rated, agent)) is not None:
            ranks.append(handle)
        if ranks:
            out[agent] = fmean(ranks)
    return out


def inquiry_performance(rows: InquiryRows, agent: str, team: str | None) -> InquiryPerformance:
    mine = rows.by_agent.get(agent, {})
    rated = [a for a, c in rows.by_agent.items() if c.get("evaluations", 0) >= MIN_CONTACTS]
    is_rated = agent in rated
    lines = {}
    for metric in (Metric.CX, Metric.RESOLUTION):
        everyone = [v for a in rated if (v := metric.measure(rows.by_agent[a])) is not None]
        value = metric.measure(mine)
        top = (max(everyone) if metric.higher_is_better else min(everyone)) if everyone else None
        pr = percentile_rank(value, everyone, metric.higher_is_better) if is_rated and value is not None else None
        team_value = metric.measure(rows.team_counts(team))
        lines[metric] = MetricLine(metric, value, team_value, top, pr, rating(pr) if pr is not None else None)
    handle_pr = handle_rank(rows.by_agent, rated, agent) if is_rated else None
    handle_rated = rating(handle_pr) if handle_pr is not None else None
    lines[Metric.HANDLE_TIME] = MetricLine(Metric.HANDLE_TIME, None, None, None, handle_pr, handle_rated)
    handle = channel_lines(rows.by_agent, rated, agent, rows.team_counts(team))
    effectiveness = None
    if is_rated:
        scores = _effectiveness_by_agent(rows, rated)
        if agent in scores:
            pr = percentile_rank(scores[agent], list(scores.values()))
            team_scores = [s for a, s in scores.items() if rows.team_of.get(a) == team]
            team_value = fmean(team_scores) if team_scores else None
            effectiveness = MetricLine(None, scores[agent], team_value, max(scores.values()), pr, rating(pr))
    contacts = int(mine.get("evaluations", 0))
    return InquiryPerformance(rows.inquiry, contacts, len(rated), lines, effectiveness, handle, unsplit(mine))


def _examples(rows: PerformanceRows, agent: str, pick: InquiryPerformance, metric: Metric, best: bool) -> Pick:
    recent = [c for c in recent_contacts(rows, agent, pick.inquiry) if c.value(metric) is not None]
    channel = None
    if metric is Metric.HANDLE_TIME:  # examples of one channel: a short chat is no example for an e-mail
        busiest = sorted(pick.handle, key=lambda line: -line.handled)
        channel = busiest[0].channel if busiest and busiest[0].handled else None
        recent = [c for c in recent if channel_of(c.counts) == channel and handled(c.counts, channel or "")]
    good_first = sorted(recent, key=lambda c: c.value(metric) or 0.0, reverse=metric.higher_is_better)
    chosen = good_first[:EXAMPLES] if best else list(reversed(good_first))[:EXAMPLES]
    return Pick(pick, metric, chosen, channel)


def _agent_effect(p: InquiryPerformance) -> float:
    """The agent's effectiveness on the inquiry for ranking strengths; 0 when not rated or not computed."""
    return (p.effectiveness.agent or 0.0) if p.effectiveness is not None else 0.0


def agent_performance(rows: PerformanceRows, agent: str, period: DateRange) -> AgentPerformance:
    inquiries = sorted(agent_inquiries(rows, agent, period.start, period.end))
    # one query an inquiry, each every agent's days on it, several at once
    read = each(lambda inquiry: inquiry_rows(rows, inquiry, period.start, period.end), inquiries)
    loaded = dict(zip(inquiries, read, strict=True))
    teams = [r.team_of[agent] for r in loaded.values() if agent in r.team_of]
    team = max(set(teams), key=teams.count) if teams else None
    report = [inquiry_performance(r, agent, team) for r in loaded.values()]
    report.sort(key=lambda p: (-p.contacts, p.inquiry))
    rated = [p for p in report if p.effectiveness is not None]
    by_effect = sorted(rated, key=lambda p: (-_agent_effect(p), -p.contacts))
    best = by_effect[: min(PICKS, (len(by_effect) + 1) // 2)]
    worst = [p for p in reversed(by_effect) if p not in best][:PICKS]
    picks = [(p, True) for p in best] + [(p, False) for p in worst]  # their recent contacts read at once
    chosen = each(lambda pick: _examples(rows, agent, pick[0], pick[0].focus, best=pick[1]), picks)
    strengths, work_on = chosen[: len(best)], chosen[len(best) :]
    return AgentPerformance(agent, team, period, report, strengths, work_on)


def agent_team(rows: PerformanceRows, agent: str, period: DateRange) -> str | None:
    """The team the agent answered for most in the period (what a lead's access is checked against)."""
    return agent_performance(rows, agent, period).team
