"""Small multiples as PNG bytes: one small line chart per journey on a shared scale, version markers on each.

Built like ``charts/line.py``: data in, PNG out; matplotlib through its object API and the Agg canvas,
imported only when a chart is drawn.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cxbot.charts.line import Marker, X

TITLE_CHARS = 32  # a panel title at 8 pt within a 2.6-inch panel


@dataclass(frozen=True)
class Panel:
    title: str
    points: Sequence[tuple[X, float | None]]  # None leaves a gap
    level: float | None = None  # a dotted reference line, e.g. the 8-week average
    colour: str | None = None  # e.g. green for a rise, red for a drop beyond normal variation; None: plain blue


@dataclass(frozen=True)
class SmallMultiples:
    title: str
    panels: Sequence[Panel]
    markers: Sequence[Marker] = ()
    columns: int = 3
    y_range: tuple[float, float] = (1.0, 5.0)
    panel_inches: tuple[float, float] = (2.6, 1.7)
    dpi: int = 100
    notes: Sequence[str] = ()


def render_png(chart: SmallMultiples) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    columns = max(1, min(chart.columns, len(chart.panels)))
    rows = max(1, math.ceil(len(chart.panels) / columns))
    width, height = chart.panel_inches
    figure = Figure(figsize=(width * columns, height * rows + 0.7), dpi=chart.dpi, layout="constrained")
    FigureCanvasAgg(figure)
    grid = figure.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
    for index, axes in enumerate(grid.flat):
        if index >= len(chart.panels):
            axes.set_visible(False)
            continue
        _panel(axes, chart.panels[index], chart)
    figure.suptitle(chart.title, fontsize=10)
    if chart.notes:
        figure.supxlabel(" · ".join(chart.notes), fontsize=6, color="dimgrey")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _panel(axes: Any, panel: Panel, chart: SmallMultiples) -> None:
    xs: list[Any] = [x for x, _ in panel.points]
    ys = [math.nan if y is None else y for _, y in panel.points]
    colour = panel.colour or "tab:blue"
    axes.plot(xs, ys, marker=".", linewidth=1.5, color=colour)
    if panel.level is not None:
        axes.axhline(panel.level, color="grey", linestyle=":", linewidth=1)
    for marker in chart.markers:
        axes.axvline(marker.at, color="tab:purple", linestyle="--", linewidth=0.9)
        axes.annotate(
            marker.label, (marker.at, 1), xycoords=("data", "axes fraction"), fontsize=5, color="tab:purple",
            rotation=90, va="top", ha="right",
        )  # fmt: skip
    axes.set_ylim(*chart.y_range)
    title = panel.title if len(panel.title) <= TITLE_CHARS else panel.title[: TITLE_CHARS - 1] + "…"
    axes.set_title(title, fontsize=8, color=panel.colour or "black")  # cut so it never runs into its neighbour
    if xs and isinstance(xs[0], date):
        from matplotlib.dates import DateFormatter

        axes.xaxis.set_major_formatter(DateFormatter("%d %b"))
    axes.tick_params(labelsize=6)
    axes.grid(alpha=0.3)
    for label in axes.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
