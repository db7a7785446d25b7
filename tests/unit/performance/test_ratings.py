"""Percentile ranks and quartile ratings, plan targets, and the `/cx me|agent|plans` grammar."""

from __future__ import annotations

import pytest

from cx.coaching.plan import reached, target_for
from cx.performance.metrics import Metric
from cx.performance.ratings import GOOD, GREAT, NEEDS_WORK, percentile_rank, rating
from cxbot.command_text import HelpQuery, PerformanceQuery, PlansQuery
from cxbot.commands.table import parse


def test_four_agents_fall_one_in_each_quartile_and_shorter_handle_time_ranks_higher() -> None:
    scores = [4.5, 4.0, 3.0, 2.0]
    ranks = [percentile_rank(s, scores) for s in scores]
    assert ranks == [87.5, 62.5, 37.5, 12.5]
    assert [rating(r) for r in ranks] == [GREAT, GOOD, GOOD, NEEDS_WORK]
    minutes = [300.0, 600.0, 900.0, 1200.0]
    assert [rating(percentile_rank(m, minutes, higher_is_better=False)) for m in minutes] == [
        GREAT, GOOD, GOOD, NEEDS_WORK,
    ]  # fmt: skip


def test_ties_share_the_middle_and_a_lone_agent_is_good() -> None:
    assert percentile_rank(3.0, [3.0, 3.0]) == 50.0
    assert rating(percentile_rank(3.0, [3.0])) == GOOD


def test_targets_move_the_right_way_and_stay_within_the_scale() -> None:
    assert target_for(Metric.CX, 3.0, 10) == pytest.approx(3.3)
    assert target_for(Metric.CX, 4.0, 50) == 5.0
    assert target_for(Metric.RESOLUTION, 0.8, 50) == 1.0
    assert target_for(Metric.HANDLE_TIME, 600.0, 20) == pytest.approx(480.0)
    assert reached(Metric.HANDLE_TIME, 470.0, 480.0) and not reached(Metric.CX, 3.2, 3.3)


def test_grammar_of_me_agent_and_plans() -> None:
    assert parse("me") == PerformanceQuery(None, "last-90d")
    assert parse("agent <@U0A|ana> last-30d") == PerformanceQuery("<@U0A|ana>", "last-30d")
    assert parse("plans") == PlansQuery()
    assert parse("plans close 20261118-1 done early") == PlansQuery("close", "20261118-1", "done early")
    assert isinstance(parse("agent"), HelpQuery) and isinstance(parse("plans view"), HelpQuery)
