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
    # the dates the x axis spans; None: the points' own span (at least a week, so one point is not years wide)
    x_range: tuple[date, date] | None = None
    bars: Bars | None = None  # counts under the lines, on an axis of their own (e.g. evaluations a day)


@dataclass(frozen=True)
class Bars:
    """Counts drawn as grey bars on a second y axis: how much each point of the lines stands on."""

    label: str
    points: Sequence[tuple[X, float]]


MIN_DAYS = 7


def _date_axis(axes: Any, chart: LineChart) -> None:
    """Dates as `02 Mar` ticks over a window that is never narrower than a week (matplotlib widens a one-day
    axis to years of colliding labels otherwise)."""
    from datetime import timedelta

    from matplotlib.dates import AutoDateLocator, DateFormatter

    days = [x for s in chart.series for x, _ in s.points if isinstance(x, date)]
    if chart.x_range is None and not days:
        return
    low, high = chart.x_range or (min(days), max(days))
    extra = max(MIN_DAYS - (high - low).days, 2)  # whole days: a date moves by whole days only
    edges: tuple[Any, Any] = (low - timedelta(days=extra // 2), high + timedelta(days=extra - extra // 2))
    axes.set_xlim(*edges)
    axes.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=8))
    axes.xaxis.set_major_formatter(DateFormatter("%d %b"))


def figure_of(chart: LineChart) -> Any:
    """The matplotlib Figure of ``chart`` (drawn, not saved): what ``render_png`` saves."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=chart.size_inches, dpi=chart.dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if chart.bars is not None:
        counts = axes.twinx()
        at: list[Any] = [x for x, _ in chart.bars.points]  # dates: matplotlib converts them, its stubs say float
        counts.bar(at, [n for _, n in chart.bars.points], color="lightgrey",
                   width=0.8, zorder=0)  # fmt: skip
        counts.set_ylabel(chart.bars.label, fontsize=7, color="grey")
        counts.set_ylim(0, max([n for _, n in chart.bars.points], default=1) * 3 or 1)  # bars in the lower third
        counts.tick_params(labelsize=6, colors="grey")
        axes.set_zorder(counts.get_zorder() + 1)
        axes.patch.set_visible(False)
    for series in chart.series:
        xs: list[Any] = [x for x, _ in series.points]
        ys = [float("nan") if y is None else y for _, y in series.points]
        axes.plot(xs, ys, linestyle="--" if series.dashed else "-", marker=".", linewidth=1.6, label=series.name)
    for level in chart.levels:
        axes.axhline(level.value, color="grey", linestyle=":", linewidth=1)
        axes.annotate(level.label, (0, level.value), xycoords=("axes fraction", "data"), fontsize=7, va="bottom")
    for marker in chart.markers:
        where: Any = marker.at  # a date on a date axis: matplotlib converts it, its stubs say float
        axes.axvline(where, color="tab:red", linestyle="--", linewidth=1)
        axes.annotate(
            marker.label, (where, 1), xycoords=("data", "axes fraction"), fontsize=7, color="tab:red",
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
    _date_axis(axes, chart)
    figure.autofmt_xdate()
    return figure


def render_png(chart: LineChart) -> bytes:
    """Draw ``chart`` and return the PNG file's bytes."""
    buffer = io.BytesIO()
    figure_of(chart).savefig(buffer, format="png")
    return buffer.getvalue()
