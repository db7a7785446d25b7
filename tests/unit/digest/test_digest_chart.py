"""The digest chart's colours: a rise beyond normal variation is good news (green), a drop is red."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from factories import conversation, evaluation
from fakes import FakeAggregateStore
from test_empty_digest import NoCases

from cx.aggregation.service import fold
from cx.digest.report import build_digest
from cx.ranges import parse_range
from cxbot.render.digest import digest_chart

NOW = datetime(2026, 3, 11, 10, 0, tzinfo=UTC)  # a Wednesday: last-week is 02-08 Mar


def test_a_rise_is_drawn_green_and_a_drop_red() -> None:
    pairs = []
    for week in range(10):  # the week and the 8 before it, and one more
        day = NOW - timedelta(days=5 + 7 * week)  # a Friday
        for journey, last_week, usual in (("rising", 5, 3), ("falling", 1, 3), ("steady", 3, 3)):
            for n in range(6):
                c = conversation(f"{journey}-{week}-{n}", case_id=f"{journey}-{week}-{n}", journey=journey,
                                 started_at=day + timedelta(minutes=n))  # fmt: skip
                wobble = (week + n) % 2  # a little noise: half the contacts score one more
                pairs.append((c, evaluation(c, last_week if week == 0 and journey != "steady" else usual + wobble)))
    store = FakeAggregateStore()
    fold(store, pairs, UTC)
    period = parse_range("last-week", NOW, UTC)

    chart = digest_chart(build_digest(store, NoCases(), ["falling", "rising", "steady"], period, 4, all_journeys=True))

    colours = {p.title.split()[-1]: p.colour for p in chart.panels}
    assert colours["rising"] == "tab:green" and colours["falling"] == "tab:red" and colours["steady"] is None
