import struct
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cx.coaching.plan import CoachingPlan, PlanAction
from cx.performance.metrics import Metric
from cx.reports.figures import DayPoint
from cxbot.charts.line import Bars, Level, LineChart, Marker, Series, figure_of, render_png
from cxbot.render.plan import progress_chart

DAYS = [date(2026, 11, 1) + timedelta(days=i) for i in range(14)]


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def _chart(**kw: object) -> LineChart:
    series = [Series("this week", [(d, 3 + (i % 3) / 2) for i, d in enumerate(DAYS)])]
    return LineChart(title="billing", series=series, **kw)  # type: ignore[arg-type]


def test_chart_is_a_png_of_the_requested_size() -> None:
    assert _size(render_png(_chart())) == (640, 280)
    assert _size(render_png(_chart(size_inches=(4.0, 2.0), dpi=50))) == (200, 100)


def test_a_version_marker_and_a_target_line_are_drawn() -> None:
    plain = render_png(_chart())
    marked = render_png(_chart(markers=[Marker(DAYS[5], "rubric v2")]))
    target = render_png(_chart(levels=[Level(4.5, "target")]))
    assert len({plain, marked, target}) == 3


def test_days_without_evaluations_leave_a_gap_not_an_error() -> None:
    gaps = [Series("sparse", [(d, None if i % 2 else 4.0) for i, d in enumerate(DAYS)]), Series("empty", [])]
    assert _size(render_png(LineChart(title="gaps", series=gaps))) == (640, 280)


def _plan_on_its_first_day() -> CoachingPlan:
    day = date(2026, 11, 18)
    plan = CoachingPlan(
        id="p1", agent_id="a1", slack_user="U0AGENT01", team="t", inquiry="refund", metric=Metric.CX,
        improvement_pct=10, start_value=3.0, target_value=3.3, created_at=datetime(2026, 11, 18, 9, tzinfo=UTC),
        due=day + timedelta(days=21), actions=[PlanAction(text="Confirm the fix")],
    )  # fmt: skip
    return plan.with_progress(day, 3.1)


def _tick_days(figure: Any) -> list[str]:
    figure.canvas.draw()
    return [t.get_text() for t in figure.axes[0].get_xticklabels() if t.get_text()]


def test_a_plans_chart_on_its_first_day_spans_the_plan_in_readable_days_and_says_it_started_today() -> None:
    plan = _plan_on_its_first_day()
    chart = progress_chart(plan)
    figure = figure_of(chart)

    low, high = figure.axes[0].get_xlim()  # days since the epoch on a date axis
    assert high - low == 23  # the plan's three weeks and a day either side, not 2025-2029
    labels = _tick_days(figure)
    assert 3 <= len(labels) <= 8 and len(set(labels)) == len(labels)
    assert all(datetime.strptime(label, "%d %b") for label in labels)
    assert chart.notes == ("Started today: one point so far, one more each day the plan runs",)
    assert _size(render_png(chart)) == (500, 240)


def test_one_point_alone_gets_a_week_wide_axis_not_years() -> None:
    figure = figure_of(LineChart(title="one", series=[Series("x", [(DAYS[0], 4.0)])]))

    low, high = figure.axes[0].get_xlim()
    assert high - low == 7
    assert len(set(_tick_days(figure))) == len(_tick_days(figure)) <= 8


def test_the_why_chart_stands_each_days_average_on_its_evaluation_count() -> None:
    counts = [40, 38, 7, 41, 39, 44, 6] * 2
    daily = [DayPoint(d, n, 3.0 + (n < 10)) for d, n in zip(DAYS, counts, strict=True)]
    chart = LineChart(title="why", series=[Series("s", [(p.day, p.avg_score) for p in daily])],
                      bars=Bars("evaluations a day", [(p.day, p.evaluations) for p in daily]))  # fmt: skip
    figure = figure_of(chart)

    bars = [b for ax in figure.axes for b in ax.patches if b.get_height() > 0]
    assert [round(b.get_height()) for b in bars] == counts
    assert figure.axes[1].get_ylabel() == "evaluations a day"
