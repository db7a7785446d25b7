"""The `/cx` grammar as a user types it."""

from __future__ import annotations

import pytest

from cxbot.command_text import CaseQuery, ExportQuery, HelpQuery, JourneyQuery, JourneysQuery
from cxbot.commands.table import parse


@pytest.mark.parametrize("text", ["", "   ", "help", "HELP", "?"])
def test_nothing_or_help_asks_for_help_without_a_problem(text: str) -> None:
    assert parse(text) == HelpQuery()


def test_journey_with_name_and_range() -> None:
    assert parse("journey billing last-week") == JourneyQuery("billing", "last-week")


def test_journey_without_a_range_defaults_to_the_last_seven_days() -> None:
    assert parse("journey billing") == JourneyQuery("billing", "last-7d")


def test_extra_spaces_and_an_upper_case_verb_are_fine() -> None:
    assert parse("  Journey   billing   2026-03-01..2026-03-07 ") == JourneyQuery("billing", "2026-03-01..2026-03-07")


def test_journey_without_a_name_explains_with_an_example() -> None:
    query = parse("journey")

    assert isinstance(query, HelpQuery)
    assert query.problem is not None
    assert "needs a journey name" in query.problem
    assert "/cx journey billing last-week" in query.problem


def test_too_many_words_are_quoted_back() -> None:
    query = parse("journey billing last-week yesterday")

    assert isinstance(query, HelpQuery)
    assert query.problem is not None
    assert "last-week yesterday" in query.problem


def test_a_spoken_range_reads_as_the_named_one() -> None:
    assert parse("journey billing last week") == parse("journey billing last-week")


def test_an_unknown_subcommand_is_named() -> None:
    query = parse("agents last-week")

    assert isinstance(query, HelpQuery) and query.brief  # one line, not the whole help
    assert query.problem == "I don't know `/cx agents`. Did you mean `/cx agent`?"
    assert parse("frobnicate") == HelpQuery("I don't know `/cx frobnicate`.")


def test_calibration_takes_an_optional_scorer_name() -> None:
    from cxbot.command_text import CalibrationQuery

    assert parse("calibration") == CalibrationQuery(None)
    assert parse("calibration claude") == CalibrationQuery("claude")
    problem = parse("calibration claude offline")
    assert isinstance(problem, HelpQuery) and problem.problem and "at most a scorer name" in problem.problem


def test_journeys_with_range_filter_and_share() -> None:
    assert parse("journeys last-30d channel:chat share") == JourneysQuery("last-30d", (("channel", "chat"),), True)


def test_journeys_defaults_to_the_last_seven_days() -> None:
    assert parse("journeys") == JourneysQuery("last-7d")


def test_journey_takes_filters_after_the_range() -> None:
    assert parse("journey billing last-week team:Payments") == JourneyQuery(
        "billing", "last-week", (("team", "Payments"),)
    )


def test_case_and_export() -> None:
    assert parse("case case-00042") == CaseQuery("case-00042")
    assert parse("export journeys last-30d") == ExportQuery(JourneysQuery("last-30d"))


def test_an_unknown_filter_names_the_ones_there_are() -> None:
    query = parse("journeys last-week region:emea")

    assert isinstance(query, HelpQuery) and query.problem is not None
    assert "region:emea" in query.problem and "channel:chat" in query.problem


def test_two_kinds_of_filter_at_once_are_explained() -> None:
    query = parse("journeys channel:chat team:alpha")

    assert isinstance(query, HelpQuery) and query.problem == "Filter on one of channel, team or agent at a time."
