"""A plan's start and now values, from aggregate rows (never from raw conversations).

Start: the agent's average on the inquiry over the 90 days before the plan began (the day it began left out).
Now: the average over the agent's 20 most recent evaluated contacts on the inquiry, each contact weighing the same.
"""

from __future__ import annotations

from datetime import date, timedelta

from cx.aggregation.counters import total
from cx.aggregation.keys import by_inquiry_pk, day_range
from cx.performance.metrics import Metric
from cx.performance.rows import PerformanceRows, recent_contacts

START_DAYS = 90
NOW_CONTACTS = 20


def start_value(rows: PerformanceRows, agent: str, inquiry: str, metric: Metric, began: date) -> float | None:
    # one query: the agent's rows by day and inquiry (``<day>#<inquiry>``), this inquiry's kept
    low, high = day_range(began - timedelta(days=START_DAYS), began - timedelta(days=1))
    rows_of_agent = rows.read_sk_range(by_inquiry_pk(agent), low, high)
    return metric.measure(total(counts for sk, counts in rows_of_agent if sk.split("#", 1)[1] == inquiry))


def now_value(rows: PerformanceRows, agent: str, inquiry: str, metric: Metric) -> tuple[float | None, int]:
    """The value and how many contacts it averages (fewer than 20 when the agent has fewer)."""
    values = [v for c in recent_contacts(rows, agent, inquiry, NOW_CONTACTS) if (v := c.value(metric)) is not None]
    return (sum(values) / len(values) if values else None), len(values)
