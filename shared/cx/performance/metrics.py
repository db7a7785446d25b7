"""The three main metrics of agent performance, each read from a row's counters."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Metric(StrEnum):
    CX = "cx"
    RESOLUTION = "resolution"
    HANDLE_TIME = "handle_time"

    @property
    def label(self) -> str:
        return {"cx": "Average CX score", "resolution": "Resolution rate", "handle_time": "Average handle time"}[self]

    @property
    def higher_is_better(self) -> bool:
        return self is not Metric.HANDLE_TIME

    def measure(self, counts: Mapping[str, float]) -> float | None:
        """The metric over what ``counts`` hold; None when nothing was measured."""
        if self is Metric.HANDLE_TIME:
            n = counts.get("handle_count", 0)
            return counts.get("handle_seconds_sum", 0) / n if n else None
        n = counts.get("evaluations", 0)
        if not n:
            return None
        if self is Metric.CX:
            return counts.get("score_sum", 0) / n
        return counts.get("resolution_resolved", 0) / n

    def better(self, a: float, b: float) -> bool:
        return a > b if self.higher_is_better else a < b

    def show(self, value: float | None) -> str:
        if value is None:
            return "–"
        if self is Metric.CX:
            return f"{value:.2f}"
        if self is Metric.RESOLUTION:
            return f"{value:.0%}"
        minutes = value / 60
        return f"{minutes:.1f} min" if minutes < 120 else f"{minutes / 60:.1f} h"

    @property
    def limits(self) -> tuple[float, float | None]:
        """The range the metric can take (a target is clamped to it)."""
        return {"cx": (1.0, 5.0), "resolution": (0.0, 1.0), "handle_time": (0.0, None)}[self]


METRICS: tuple[Metric, ...] = (Metric.CX, Metric.RESOLUTION, Metric.HANDLE_TIME)


def parse_metric(text: str) -> Metric:
    try:
        return Metric(text)
    except ValueError:
        raise ValueError(f"unknown metric {text!r}; metrics: {', '.join(m.value for m in METRICS)}") from None
