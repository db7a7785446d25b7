"""`/cx export me` and `/cx export agent @user`: the agent's figures per inquiry as CSV, rounded, handle time in
minutes per channel (a channel with fewer timed contacts than it takes to show a figure has its count alone)."""

from __future__ import annotations

from cx.performance.handle_time import CHANNELS, ChannelHandle
from cx.performance.metrics import Metric
from cx.performance.report import AgentPerformance, InquiryPerformance, MetricLine
from cxbot.render.csv_export import table

FIGURES = ("", "_team", "_top", "_rating")


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def _figures(line: MetricLine | None, digits: int) -> list[object]:
    if line is None:
        return [None] * 4
    values = [None if v is None else round(v, digits) for v in (line.agent, line.team, line.top)]
    return [*values, line.rating]


def _handle(lines: list[ChannelHandle], channel: str) -> list[object]:
    line = next((h for h in lines if h.channel == channel), None)
    if line is None:
        return [0, None, None, None]
    return [line.handled, _minutes(line.agent), _minutes(line.team), _minutes(line.top)]


def header() -> list[str]:
    columns = ["agent", "agent_id", "team", "inquiry", "start", "end", "contacts", "rated_agents"]
    for metric in ("effectiveness", "avg_cx", "resolution_rate"):
        columns += [f"{metric}{suffix}" for suffix in FIGURES]
    columns.append("handle_time_rating")
    for channel in CHANNELS:
        columns += [f"handle_{channel}_contacts", *(f"handle_{channel}_minutes{s}" for s in ("", "_team", "_top"))]
    return columns


def _row(report: AgentPerformance, name: str | None, p: InquiryPerformance) -> list[object]:
    row: list[object] = [name, report.agent_id, report.team, p.inquiry, report.period.start, report.period.end]
    row += [p.contacts, p.rated_agents, *_figures(p.effectiveness, 0)]
    row += [*_figures(p.lines.get(Metric.CX), 2), *_figures(p.lines.get(Metric.RESOLUTION), 4)]
    handle = p.lines.get(Metric.HANDLE_TIME)
    row.append(handle.rating if handle else None)
    for channel in CHANNELS:
        row += _handle(p.handle, channel)
    return row


def performance_csv(report: AgentPerformance, name: str | None) -> str:
    return table(header(), (_row(report, name, p) for p in report.inquiries))
