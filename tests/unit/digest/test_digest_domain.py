"""The digest's pure parts: the variation verdict, schedules, the posted-once protocol, the why line."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pytest

from cx.digest.once import Claim, ClaimState, Outcome, post_once
from cx.digest.subscriptions import Subscription
from cx.digest.variation import verdict
from cx.digest.why import ChannelPart, main_channel
from cx.reports.figures import Figures


def test_a_change_is_judged_against_the_typical_size_of_earlier_changes() -> None:
    history = [3.0, 3.1, 3.0, 3.1, 3.0, 3.1, 3.0, 3.1]  # every change is ±0.1
    assert verdict([*history, 2.95], floor=0.02).beyond is False  # 0.15 < 2 × 0.1
    assert verdict([*history, 2.8], floor=0.02).beyond is True  # 0.3 > 2 × 0.1
    judged = verdict([*history, 2.8], floor=0.02)
    assert judged.typical == pytest.approx(0.1) and judged.change == pytest.approx(-0.3)


def test_a_steady_slide_sets_the_typical_change_and_gaps_are_skipped() -> None:
    slide = [3.7, 3.6, 3.5, None, 3.3, 3.2, 3.1, 3.0]
    judged = verdict([*slide, 2.9], floor=0.02)
    assert judged.changes_seen == 5 and judged.typical == pytest.approx(0.1) and judged.beyond is False


def test_no_verdict_without_enough_history_or_without_this_week() -> None:
    assert verdict([None, None, None, 3.0, 3.1, 2.0], floor=0.02).beyond is None
    assert verdict([3.0, 3.1, 3.0, 3.1, 3.0, None], floor=0.02).beyond is None


def test_a_flat_history_uses_the_floor() -> None:
    flat = [3.0] * 8
    assert verdict([*flat, 3.03], floor=0.02).beyond is False and verdict([*flat, 3.05], floor=0.02).beyond is True


@pytest.mark.parametrize(
    ("now", "occurrence"),
    [
        (datetime(2026, 11, 23, 8, 0, tzinfo=UTC), datetime(2026, 11, 16, 9, 0, tzinfo=UTC)),  # before Monday 9:00
        (datetime(2026, 11, 23, 9, 0, tzinfo=UTC), datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
        (datetime(2026, 11, 25, 12, 0, tzinfo=UTC), datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
    ],
)
def test_the_last_occurrence_of_a_weekly_slot(now: datetime, occurrence: datetime) -> None:
    assert Subscription(channel="C0A", weekday=0, hour=9).last_occurrence(now) == occurrence


def test_a_subscription_is_due_for_a_day_in_its_own_time_zone() -> None:
    berlin = Subscription(channel="C0A", weekday=0, hour=9, timezone="Europe/Berlin")
    monday_9_berlin = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert berlin.due(monday_9_berlin - timedelta(minutes=1)) is None  # last week's slot is more than a day old
    assert berlin.due(monday_9_berlin) == monday_9_berlin
    assert berlin.due(monday_9_berlin + timedelta(hours=23)) == monday_9_berlin
    assert berlin.due(monday_9_berlin + timedelta(hours=24)) is None
    period = Subscription.period(monday_9_berlin)
    assert (period.start, period.end, period.label) == (
        date(2026, 11, 16),
        date(2026, 11, 22),
        "2026-11-16..2026-11-22",
    )


def test_a_subscription_refuses_what_it_cannot_use() -> None:
    with pytest.raises(ValueError, match="IANA"):
        Subscription(channel="C0A", timezone="Mars/Olympus")
    with pytest.raises(ValueError, match="channel"):
        Subscription(channel="#general")
    assert Subscription(channel="C0A", journeys=("Orders", "billing", "orders")).key == "C0A#billing+orders"


class MemoryLedger:
    """The ledger with the DynamoDB adapter's rules, in memory."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, object]] = {}

    def claim(self, key: str, now: datetime, lease: timedelta) -> Claim:
        item = self.items.get(key)
        if item is None:
            self.items[key] = {"state": "posting", "lease": now + lease, "ts": None, "at": now}
            return Claim(ClaimState.NEW, claimed_at=now)
        ts, at = item["ts"], item["at"]
        assert isinstance(at, datetime) and (ts is None or isinstance(ts, str))
        if item["state"] == "done":
            return Claim(ClaimState.DONE, ts, at)
        if item["lease"] > now:  # type: ignore[operator]
            return Claim(ClaimState.BUSY, ts, at)
        item["lease"] = now + lease
        return Claim(ClaimState.RETAKEN, ts, at)

    def mark_posted(self, key: str, ts: str) -> None:
        self.items[key].update(state="posted", ts=ts)

    def mark_done(self, key: str) -> None:
        self.items[key]["state"] = "done"


class Channel:
    def __init__(self, crash_after: str | None = None) -> None:
        self.posts: list[tuple[str, str]] = []
        self.charts: list[str] = []
        self.crash_after = crash_after

    def find(self, key: str, since: datetime) -> str | None:
        return next((ts for ts, k in self.posts if k == key), None)

    def post(self, key: str) -> str:
        self.posts.append((ts := f"{len(self.posts) + 1}.0", key))
        if self.crash_after == "post":
            self.crash_after = None
            raise RuntimeError("died after posting")
        return ts

    def attach_chart(self, ts: str) -> None:
        self.charts.append(ts)
        if self.crash_after == "chart":
            self.crash_after = None
            raise RuntimeError("died after the chart")


NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def test_a_retry_after_success_posts_nothing() -> None:
    ledger, channel = MemoryLedger(), Channel()
    assert post_once("k", NOW, ledger, channel) is Outcome.POSTED
    assert post_once("k", NOW, ledger, channel) is Outcome.ALREADY
    assert channel.posts == [("1.0", "k")] and channel.charts == ["1.0"]


@pytest.mark.parametrize("crash", ["post", "chart"])
def test_a_crash_is_finished_after_the_lease_without_a_second_post(crash: str) -> None:
    ledger, channel = MemoryLedger(), Channel(crash_after=crash)
    with pytest.raises(RuntimeError):
        post_once("k", NOW, ledger, channel)
    assert post_once("k", NOW + timedelta(minutes=1), ledger, channel) is Outcome.BUSY
    assert post_once("k", NOW + timedelta(hours=1), ledger, channel) is Outcome.COMPLETED
    assert len(channel.posts) == 1 and channel.charts[-1] == "1.0"


def test_a_claim_that_died_before_posting_is_posted_by_the_next_tick() -> None:
    ledger, channel = MemoryLedger(), Channel()
    ledger.claim("k", NOW, timedelta(minutes=10))  # claimed, then the invocation died
    assert post_once("k", NOW + timedelta(hours=1), ledger, channel) is Outcome.POSTED
    assert channel.posts == [("1.0", "k")]


def _part(channel: str, before: float, now: float, n: int, total: int) -> ChannelPart:
    def figures(avg: float) -> Figures:
        return Figures.of({"evaluations": n, "score_sum": avg * n})

    return ChannelPart(channel, figures(before), figures(now), n / total * (now - before))


def test_the_why_line_names_the_channel_that_carries_the_change() -> None:
    parts = [_part("chat", 3.9, 3.1, 60, 100), _part("email", 3.5, 3.4, 30, 100), _part("voice", 3.0, 3.6, 10, 100)]
    assert main_channel(parts, change=-0.5) == parts[0]
    assert main_channel(parts, change=+0.1) is parts[2]
    assert main_channel([_part("email", 3.5, 3.45, 50, 100)], change=-0.5) is None  # too small a part
    assert not math.isnan(parts[0].part)
