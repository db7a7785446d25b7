"""A plan's start and now values, from aggregate rows (never from raw conversations).

Start: the agent's average on the inquiry over the 90 days before the plan began (the day it began left out).
Now: the average over the agent's 20 most recent evaluated contacts on the inquiry, each contact weighing the same.
Handle time is tracked on one channel (``channel``): the plan's, the one the agent handled most timed contacts on
in the start window; a plan made before handle time was kept per channel has none and reads every channel.
"""

from __future__ import annotations

from datetime import date, timedelta

from cx.aggregation.counters import Counts, total
from cx.aggregation.keys import by_inquiry_pk, day_range
from cx.performance.handle_time import CHANNELS, average, channel_of, handled
from cx.performance.metrics import Metric
from cx.performance.rows import PerformanceRows, recent_contacts

START_DAYS = 90
NOW_CONTACTS = 20


def _start_counts(rows: PerformanceRows, agent: str, inquiry: str, began: date) -> Counts:
    # one query: the agent's rows by day and inquiry (``<day>#<inquiry>``), this inquiry's kept
    low, high = day_range(began - timedelta(days=START_DAYS), began - timedelta(days=1))
    rows_of_agent = rows.read_sk_range(by_inquiry_pk(agent), low, high)
    return total(counts for sk, counts in rows_of_agent if sk.split("#", 1)[1] == inquiry)


def handle_channel(rows: PerformanceRows, agent: str, inquiry: str, began: date) -> str | None:
    """The channel the agent handled most timed contacts on in the start window (None: no timed contact)."""
    counts = _start_counts(rows, agent, inquiry, began)
    busiest = max(CHANNELS, key=lambda c: handled(counts, c))
    return busiest if handled(counts, busiest) else None


def start_value(
    rows: PerformanceRows, agent: str, inquiry: str, metric: Metric, began: date, channel: str | None = None
) -> float | None:
    counts = _start_counts(rows, agent, inquiry, began)
    if metric is Metric.HANDLE_TIME and channel is not None:
        return average(counts, channel)
    return metric.measure(counts)


def now_value(
    rows: PerformanceRows, agent: str, inquiry: str, metric: Metric, channel: str | None = None
) -> tuple[float | None, int]:
    """The value and how many contacts it averages (fewer than 20 when the agent has fewer)."""
    recent = recent_contacts(rows, agent, inquiry, NOW_CONTACTS)
    if metric is Metric.HANDLE_TIME and channel is not None:
        recent = [c for c in recent if channel_of(c.counts) == channel]
    values = [v for c in recent if (v := c.value(metric)) is not None]
    return (sum(values) / len(values) if values else None), len(values)
