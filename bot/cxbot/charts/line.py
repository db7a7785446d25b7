"""A small line chart as PNG bytes: the one drawing primitive behind every chart the product posts.

Pure: data in, PNG out. matplotlib is imported here only, and only when a chart is drawn (it costs
about half a second), through its object API and the Agg canvas, never ``pyplot`` and its global state.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

X = date | int | float


@dataclass(frozen=True)
class Series:
    """One line. ``None`` values leave a gap (a day without evaluations is not a zero)."""

    name: str
    points: Sequence[tuple[X, float | None]]
    dashed: bool = False


@dataclass(frozen=True)
class Marker:
    """A vertical line with a label, e.g. the day the scorer's model or rubric changed."""

    at: X
    label: str


@dataclass(frozen=True)
class Level:
    """A horizontal reference line, e.g. a target or a start value."""

    value: float
    label: str


@dataclass(frozen=True)
class LineChart:
    title: str
    series: Sequence[Series]
    y_label: str = "CX score"
    markers: Sequence[Marker] = ()
    levels: Sequence[Level] = ()
    y_range: tuple[float, float] | None = (1.0, 5.0)
    size_inches: tuple[float, float] = (6.4, 2.8)
    dpi: int = 100
    notes: Sequence[str] = field(default_factory=tuple)


def render_png(chart: LineChart) -> bytes:
    """Draw ``chart`` and return the PNG file's bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=chart.size_inches, dpi=chart.dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for series in chart.series:
        xs: list[Any] = [x for x, _ in series.points]
        ys = [float("nan") if y is None else y for _, y in series.points]
        axes.plot(xs, ys, linestyle="--" if series.dashed else "-", marker=".", linewidth=1.6, label=series.name)
    for level in chart.levels:
        axes.axhline(level.value, color="grey", linestyle=":", linewidth=1)
        axes.annotate(level.label, (0, level.value), xycoords=("axes fraction", "data"), fontsize=7, va="bottom")
    for marker in chart.markers:
        at: Any = marker.at  # a date on a date axis: matplotlib converts it, its stubs say float
        axes.axvline(at, color="tab:red", linestyle="--", linewidth=1)
        axes.annotate(
            marker.label, (at, 1), xycoords=("data", "axes fraction"), fontsize=7, color="tab:red",
            rotation=90, va="top", ha="right",
        )  # fmt: skip
    if chart.y_range:
        axes.set_ylim(*chart.y_range)
    axes.set_title(chart.title, fontsize=10)
    axes.set_ylabel(chart.y_label, fontsize=8)
    axes.tick_params(labelsize=7)
    axes.grid(alpha=0.3)
    if len(chart.series) > 1:
        axes.legend(fontsize=7, loc="lower left")
    if chart.notes:
        figure.text(0.01, 0.01, " · ".join(chart.notes), fontsize=6, color="dimgrey")
    figure.autofmt_xdate()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
