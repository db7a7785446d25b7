"""Block Kit rendered as plain text a person reads in a terminal."""

from __future__ import annotations

from typing import Any

from cxbot.render.terminal import render


def mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def test_header_is_underlined_to_its_length() -> None:
    text = render([{"type": "header", "text": {"type": "plain_text", "text": "Journey: billing"}}])

    assert text == "Journey: billing\n================\n"


def test_section_text_loses_bold_and_code_marks() -> None:
    text = render([{"type": "section", "text": mrkdwn("No cases in *last-week*. Try `last-30d`.")}])

    assert text == "No cases in last-week. Try last-30d.\n"


def test_fields_become_aligned_name_value_lines() -> None:
    block = {"type": "section", "fields": [mrkdwn("*Evaluations*\n12"), mrkdwn("*Cases*\n7")]}

    lines = render([block]).splitlines()

    assert lines == [f"  {'Evaluations':<26} 12", f"  {'Cases':<26} 7"]


def test_code_blocks_lose_their_fences() -> None:
    text = render([{"type": "section", "text": mrkdwn("*Trend*\n```\nMon  4.00\nTue     –\n```")}])

    assert text == "Trend\nMon  4.00\nTue     –\n"


def test_context_elements_are_joined_on_one_line() -> None:
    block = {"type": "context", "elements": [mrkdwn("*this-week*"), mrkdwn("vs previous 7 days")]}

    assert render([block]) == "  this-week · vs previous 7 days\n"


def test_divider_is_a_rule_of_the_given_width() -> None:
    assert render([{"type": "divider"}], width=10) == "-" * 10 + "\n"


def test_links_show_their_label_and_address_and_emoji_become_symbols() -> None:
    text = render([{"type": "section", "text": mrkdwn(":warning: see <https://example.com/help|the help page>")}])

    assert text == "⚠ see the help page (https://example.com/help)\n"


def test_blocks_are_separated_by_a_blank_line() -> None:
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Hi"}},
        {"type": "divider"},
        {"type": "section", "text": mrkdwn("done")},
    ]

    assert render(blocks, width=4) == "Hi\n==\n\n----\n\ndone\n"


def test_a_lone_asterisk_in_text_is_kept() -> None:
    assert render([{"type": "section", "text": mrkdwn("rated 5* by 3 * 2 people")}]) == "rated 5* by 3 * 2 people\n"
