"""A journey report as Block Kit blocks, and as the text a person reads."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fakes import FakeDayReader

from cx.aggregation.counters import Counts
from cx.ranges import DateRange
from cx.reports.journey import JourneyReport, journey_report
from cxbot.render.journey import journey_blocks, journey_text
from cxbot.render.terminal import render

PERIOD = DateRange(date(2026, 3, 2), date(2026, 3, 4), "this-week")  # the period before: 27 Feb - 1 Mar


def day(scores: list[int], **cases: int) -> Counts:
    counts: Counts = {"evaluations": len(scores), "score_sum": sum(scores), **cases}
    for s in scores:
        counts[f"hist_{s}"] = counts.get(f"hist_{s}", 0) + 1
    return counts


def report_with_data() -> JourneyReport:
    days = {
        date(2026, 2, 27): day([3, 3], cases=2, outcome_resolved=2),
        date(2026, 3, 1): day([4], cases=1, outcome_resolved=1),
        date(2026, 3, 2): day([4, 5], cases=2, outcome_resolved=2),
        date(2026, 3, 4): day([2], cases=1, outcome_escalated=1),
    }
    return journey_report(FakeDayReader({"journey=billing": days}), "billing", PERIOD, pass_threshold=4)


def as_dicts(report: JourneyReport) -> list[dict[str, Any]]:
    return [block.to_dict() for block in journey_blocks(report)]  # to_dict validates each block


def texts(blocks: list[dict[str, Any]]) -> list[str]:
    out = []
    for block in blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        out += [f["text"] for f in block.get("fields", [])]
        out += [e["text"] for e in block.get("elements", [])]
    return out


def test_a_report_with_data_shows_count_average_pass_rate_and_changes() -> None:
    # now 4, 5, 2: average 11/3, two of three pass at 4; before 3, 3, 4: average 10/3, one of three passes
    fields = texts(as_dicts(report_with_data()))

    assert "Journey: billing" in fields
    assert "*Evaluations*\n3" in fields
    assert "*Cases*\n3" in fields
    assert "*Average CX score*\n3.67 (▲ 0.33, too few evaluations)" in fields  # 3 evaluations: no verdict
    assert "*% pass (CX ≥ 4)*\n67% (▲ 33 pp)" in fields


def test_a_report_with_data_shows_case_outcomes_with_shares_and_counts() -> None:
    fields = texts(as_dicts(report_with_data()))

    assert "*Case outcomes*\nresolved 67% (2) · escalated 33% (1)" in fields


def test_the_daily_table_has_a_row_per_day_with_a_dash_for_empty_days() -> None:
    trend = next(t for t in texts(as_dicts(report_with_data())) if t.startswith("*Trend*"))
    rows = trend.split("\n")[2:-1]  # inside the code fence

    assert len(rows) == 3
    assert rows[0].startswith("Mon 02 Mar") and "4.50" in rows[0] and rows[0].endswith("2 evals")
    assert rows[1].startswith("Tue 03 Mar") and "–" in rows[1] and rows[1].endswith("0 evals")
    assert rows[2].startswith("Wed 04 Mar") and "2.00" in rows[2] and rows[2].endswith("1 evals")


def test_a_long_range_shows_a_one_line_sparkline_instead_of_a_table() -> None:
    month = DateRange(date(2026, 2, 1), date(2026, 2, 28), "last-month")
    days = {date(2026, 2, 1) + timedelta(days=i): day([5]) for i in range(0, 28, 2)}
    report = journey_report(FakeDayReader({"journey=billing": days}), "billing", month, pass_threshold=4)

    trend = next(t for t in texts(as_dicts(report)) if t.startswith("*Trend*"))

    assert trend == "*Trend*\n`" + "█ " * 14 + "`  daily average CX, 01 Feb → 28 Feb"


def test_no_earlier_data_is_said_instead_of_a_change() -> None:
    reader = FakeDayReader({"journey=billing": {date(2026, 3, 2): day([5], cases=1, outcome_resolved=1)}})
    report = journey_report(reader, "billing", PERIOD, pass_threshold=4)

    fields = texts(as_dicts(report))

    assert "*Average CX score*\n5.00 (no earlier data)" in fields


def test_an_empty_report_says_there_are_no_evaluated_cases_and_suggests_a_longer_range() -> None:
    report = journey_report(FakeDayReader({}), "billing", PERIOD, pass_threshold=4)

    blocks = as_dicts(report)

    assert [b["type"] for b in blocks] == ["header", "section"]
    message = blocks[1]["text"]["text"]
    assert "No evaluated cases" in message
    assert "this-week (02 Mar – 04 Mar 2026)" in message
    assert "last-30d" in message


def test_the_fallback_text_sums_up_the_period() -> None:
    assert journey_text(report_with_data()) == (
        "billing, this-week (02 Mar – 04 Mar 2026): 3 evaluations, average CX 3.67, 67% pass"
    )


def test_the_blocks_read_as_plain_text_without_mrkdwn_marks() -> None:
    text = render(as_dicts(report_with_data()))

    assert "*" not in text and "`" not in text
    assert "Journey: billing\n================" in text
    assert "Average CX score" in text and "3.67 (▲ 0.33, too few evaluations)" in text
    assert "resolved 67% (2) · escalated 33% (1)" in text
