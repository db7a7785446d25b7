"""The daily average CX of both periods as a PNG, with the scorer's version changes marked."""

from __future__ import annotations

from cx.explain import Explanation
from cx.explain.wording import scope_name
from cxbot.charts.line import LineChart, Marker, Series, render_png


def why_chart(e: Explanation) -> LineChart:
    before = e.period.previous()
    points = {d.day: d.avg_score for d in e.daily}
    return LineChart(
        title=f"Daily average CX: {scope_name(e)}",
        series=[
            Series(f"previous ({before.start:%d %b} – {before.end:%d %b})", [(d, points[d]) for d in before.each_day()],
                   dashed=True),
            Series(f"{e.period.label} ({e.period.start:%d %b} – {e.period.end:%d %b})",
                   [(d, points[d]) for d in e.period.each_day()]),
        ],
        markers=[Marker(c.day, f"scorer → {' + '.join(c.after)}"[:60]) for c in e.scorer.changes],
    )  # fmt: skip


def why_png(e: Explanation) -> bytes:
    return render_png(why_chart(e))
