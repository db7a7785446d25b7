"""How numbers read in replies."""

from __future__ import annotations

import pytest

from cxbot.render.numbers import delta, percent, score, sparkline


def test_scores_have_two_decimals_and_a_dash_when_missing() -> None:
    assert score(3.456) == "3.46"
    assert score(4) == "4.00"
    assert score(None) == "–"


def test_percent_is_rounded_to_a_whole_number() -> None:
    assert percent(2 / 3) == "67%"
    assert percent(1.0) == "100%"
    assert percent(0.0) == "0%"
    assert percent(None) == "–"


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (None, "", "no earlier data"),
        (0.25, "", "▲ 0.25"),
        (-0.5, "", "▼ 0.50"),
        (0.004, "", "→ no change"),
        (-0.004, "", "→ no change"),
        (0.1, "pp", "▲ 10 pp"),
        (-0.256, "pp", "▼ 26 pp"),
        (0.004, "pp", "→ no change"),
        (None, "pp", "no earlier data"),
    ],
)
def test_delta_shows_direction_and_size(value: float | None, unit: str, text: str) -> None:
    assert delta(value, unit) == text


def test_sparkline_has_one_character_a_day_and_a_blank_for_empty_days() -> None:
    assert sparkline([1.0, None, 5.0, 3.0]) == "▁ █▅"


def test_sparkline_clamps_values_outside_the_scale() -> None:
    assert sparkline([0.0, 9.0]) == "▁█"


def test_sparkline_of_no_days_is_empty() -> None:
    assert sparkline([]) == ""
