"""Slack's sizes at the last step: cut texts, too many blocks, tables split into sections."""

from __future__ import annotations

from slack_sdk.models.blocks import ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from cxbot.render.limits import SECTION_TEXT, chunk_lines, clip, fit
from cxcli.main import SLUG_MAX, slug


def test_a_cut_text_ends_in_an_ellipsis_and_keeps_its_code_block_closed() -> None:
    text = "```\n" + "x" * 5000 + "\n```"
    cut = clip(text, SECTION_TEXT)

    assert len(cut) <= SECTION_TEXT and cut.endswith("…\n```") and cut.count("```") == 2
    assert clip("short", 10) == "short"


def test_too_many_blocks_keep_the_first_and_say_how_many_were_left_out() -> None:
    blocks = [HeaderBlock(text="h" * 400), *(SectionBlock(text=MarkdownTextObject(text="y" * 4000)) for _ in range(80))]
    fitted = fit(blocks, 50)

    assert len(fitted) == 50
    assert (
        isinstance(fitted[-1], ContextBlock)
        and "32 more blocks not shown" in fitted[-1].to_dict()["elements"][0]["text"]
    )
    for block in fitted:
        block.validate_json()  # slack_sdk's own checks (a 150-character header among them) pass after the cut
    assert all(len(b.to_dict().get("text", {}).get("text", "")) <= SECTION_TEXT for b in fitted)


def test_a_long_table_splits_into_code_blocks_each_within_a_section() -> None:
    lines = [f"row {i:04d} " + "." * 90 for i in range(200)]
    texts = chunk_lines(lines)

    assert len(texts) > 1 and all(len(t) <= SECTION_TEXT and t.startswith("```\n") for t in texts)
    assert [line for t in texts for line in t.strip("`\n").splitlines()] == lines


def test_a_long_command_gives_a_short_file_name_and_two_long_commands_differ() -> None:
    first, second = slug("/cx journey " + "a" * 3000), slug("/cx journey " + "a" * 2999 + "b")

    assert len(first) <= SLUG_MAX and first != second and first.startswith("cx-journey-aaa")
