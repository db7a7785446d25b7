import struct
from datetime import date, timedelta

from cxbot.charts.line import Level, LineChart, Marker, Series, render_png

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
