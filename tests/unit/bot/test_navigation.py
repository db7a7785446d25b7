"""The view a button carries: it survives the trip through Slack and fits in a button's value."""

from __future__ import annotations

import pytest

from cxbot.command_text import JourneyQuery
from cxbot.navigation import MAX_VALUE, View


def test_a_view_survives_encoding() -> None:
    view = View(
        "evaluation", "last-30d", "billing", "case-1", "case-1-2", 3, (("team", "alpha"),), show_empty=True, share=True
    )

    assert View.decode(view.encode()) == view


def test_following_a_button_keeps_range_filters_and_sharing_and_starts_at_page_one() -> None:
    journey = View.of(JourneyQuery("billing", "last-30d", (("channel", "chat"),), share=True))

    case = journey.to("case", case_id="k9", page=0)

    assert (case.range_text, case.filters, case.share, case.page) == ("last-30d", (("channel", "chat"),), True, 0)


def test_a_view_too_big_for_a_button_is_refused_rather_than_cut() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        View("case", case_id="k" * MAX_VALUE).encode()


def test_an_unknown_view_is_rejected() -> None:
    with pytest.raises(ValueError):
        View.decode('{"k":"admin"}')
