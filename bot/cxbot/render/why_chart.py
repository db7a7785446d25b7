"""The daily average CX of both periods as a PNG, over each day's evaluation count, with the scorer's version
changes marked: a day's average stands on its count (a 7-evaluation Sunday is not a recovery)."""

from __future__ import annotations

from cx.explain import Explanation
from cx.explain.wording import scope_name
from cxbot.charts.line import Bars, LineChart, Marker, Series, render_png


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
        bars=Bars("evaluations a day", [(d.day, d.evaluations) for d in e.daily]),
        notes=("Grey bars: evaluations each day (right axis)",),
    )  # fmt: skip


def why_png(e: Explanation) -> bytes:
    return render_png(why_chart(e))
