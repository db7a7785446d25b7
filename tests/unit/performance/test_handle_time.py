"""Handle time per channel: figures, ranks and "too few" per channel, never one figure over chat and e-mail."""

from __future__ import annotations

from cx.aggregation.counters import Counts
from cx.performance.handle_time import duration, unit_for
from cx.performance.metrics import Metric
from cx.performance.report import inquiry_performance
from cx.performance.rows import InquiryRows


def row(evaluations: int, **per_channel: tuple[int, float]) -> Counts:
    """``chat=(contacts, average minutes)``: the counters of an agent's contacts on an inquiry."""
    counts: Counts = {"evaluations": evaluations, "score_sum": 4 * evaluations, "resolution_resolved": evaluations}
    for channel, (n, minutes) in per_channel.items():
        counts[f"handle_count_{channel}"] = n
        counts[f"handle_seconds_sum_{channel}"] = n * minutes * 60
        counts["handle_count"] = counts.get("handle_count", 0) + n
        counts["handle_seconds_sum"] = counts.get("handle_seconds_sum", 0) + n * minutes * 60
    return counts


def test_each_channel_is_ranked_among_that_channels_agents_only() -> None:
    # ana answers chats slowly and e-mails fast; bo only chats, fast; cy only e-mails, slowly. Over all channels
    # ana's mixed average would sit between theirs; per channel she is the slowest chat and the fastest e-mail
    rows = InquiryRows(
        "refund",
        {
            "ana": row(8, chat=(4, 12.0), email=(4, 240.0)),
            "bo": row(5, chat=(5, 6.0)),
            "cy": row(5, email=(5, 600.0)),
        },
        {"ana": "t", "bo": "t", "cy": "t"},
    )

    report = inquiry_performance(rows, "ana", "t")

    chat, email = report.handle
    assert (chat.channel, chat.agent, chat.top, chat.percentile) == ("chat", 720.0, 360.0, 25.0)
    assert (email.channel, email.agent, email.top, email.percentile) == ("email", 14400.0, 14400.0, 75.0)
    assert report.lines[Metric.HANDLE_TIME].percentile == 50.0  # 4 chats at 25, 4 e-mails at 75
    assert report.lines[Metric.HANDLE_TIME].agent is None  # no figure over both channels


def test_a_channel_with_too_few_handled_contacts_shows_no_figure_and_is_not_ranked() -> None:
    rows = InquiryRows(
        "refund",
        {"ana": row(6, chat=(5, 6.0), voice=(2, 9.0)), "bo": row(4, chat=(4, 5.0), voice=(4, 8.0))},
        {"ana": "t", "bo": "t"},
    )

    report = inquiry_performance(rows, "ana", "t")

    voice = next(line for line in report.handle if line.channel == "voice")
    assert voice.agent is None and voice.handled == 2 and voice.percentile is None and voice.top == 480.0
    assert report.lines[Metric.HANDLE_TIME].percentile == 25.0  # from the chats alone


def test_a_line_reads_in_one_unit_suited_to_its_longest_figure() -> None:
    assert unit_for([360.0, 420.0, 300.0]) == "min" and duration(360.0, "min") == "6.0 min"
    assert unit_for([15120.0, 3600.0]) == "h" and duration(15120.0, "h") == "4.2 h" and duration(3600.0, "h") == "1.0 h"
    assert duration(1500.0, "min") == "25 min"


def test_a_handle_time_plan_tracks_the_agents_busiest_channel_only() -> None:
    from datetime import UTC, datetime, timedelta

    from factories import conversation, evaluation
    from fakes import FakeAggregateStore

    from cx.aggregation.service import fold
    from cx.coaching.values import handle_channel, now_value, start_value
    from cx.domain.conversation import Channel, Message, Role

    began = datetime(2026, 3, 20, tzinfo=UTC)
    pairs = []
    for n, (channel, minutes) in enumerate([(Channel.CHAT, 6)] * 3 + [(Channel.EMAIL, 240)] * 2):
        start = began - timedelta(days=2 + n)
        talk = conversation(f"c{n}", case_id=f"k{n}", channel=channel, agent_id="ana", started_at=start)
        talk = talk.model_copy(
            update={
                "messages": [
                    Message(role=Role.CUSTOMER, text="Hi", at=start),
                    Message(role=Role.AGENT, text="Done", at=start + timedelta(minutes=minutes)),
                ]
            }
        )
        pairs.append((talk, evaluation(talk)))
    store = FakeAggregateStore()
    fold(store, pairs, UTC)

    assert handle_channel(store, "ana", "refund", began.date()) == "chat"
    assert start_value(store, "ana", "refund", Metric.HANDLE_TIME, began.date(), "chat") == 360.0
    assert start_value(store, "ana", "refund", Metric.HANDLE_TIME, began.date(), "email") == 14400.0
    assert now_value(store, "ana", "refund", Metric.HANDLE_TIME, "chat") == (360.0, 3)
