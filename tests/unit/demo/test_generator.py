"""The seeded demo data as a user of the demo sees it: volume, coverage, realism and the planted drop."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path
from statistics import mean, median, pvariance
from zoneinfo import ZoneInfo

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cx.demo import DemoData, generate
from cx.domain.conversation import CaseOutcome, Channel, Conversation, Role

END = date(2026, 11, 20)
_TRANSFER = re.compile(r"\btransfer", re.IGNORECASE)
_VADER = SentimentIntensityAnalyzer()
Keep = Callable[[Conversation], bool]


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return generate(END)


def _before_after(demo: DemoData, keep: Keep) -> tuple[list[Conversation], list[Conversation]]:
    start = demo.planted[0].start
    chosen = [c for c in demo.conversations if keep(c)]
    return [c for c in chosen if c.when and c.when.date() < start], [
        c for c in chosen if c.when and c.when.date() >= start
    ]


def _segment(journey: str, channel: Channel | None = None, *, not_channel: bool = False) -> Keep:
    def keep(c: Conversation) -> bool:
        if c.journey != journey:
            return False
        return channel is None or (c.channel is channel) != not_channel

    return keep


def _transfer_share(conversations: list[Conversation]) -> float:
    hits = sum(any(_TRANSFER.search(m.text) for m in c.messages) for c in conversations)
    return hits / len(conversations)


def _last_customer_mood(conversation: Conversation) -> float:
    last = [m.text for m in conversation.messages if m.role is Role.CUSTOMER][-1]
    return float(_VADER.polarity_scores(last)["compound"])


def test_same_seed_gives_identical_data_and_another_seed_different_data() -> None:
    first = [c.model_dump() for c in generate(END, days=10, seed=3).conversations]
    again = [c.model_dump() for c in generate(END, days=10, seed=3).conversations]
    other = [c.model_dump() for c in generate(END, days=10, seed=4).conversations]
    assert first == again
    assert first != other


def test_generation_leaves_the_global_random_state_alone() -> None:
    random.seed(99)
    state = random.getstate()
    generate(END, days=5)
    assert random.getstate() == state


def test_ninety_days_hold_thousands_of_cases_at_40_to_80_a_day(demo: DemoData) -> None:
    cases = {c.case_ref: c.case_opened_at for c in demo.conversations}
    per_day = Counter(opened.date() for opened in cases.values() if opened)
    assert 5000 <= len(demo.conversations) <= 10000
    assert 3000 <= len(cases) <= 6000
    assert len(per_day) == 90
    assert all(35 <= n <= 85 for n in per_day.values())
    weekdays = mean(n for d, n in per_day.items() if d.weekday() < 5)
    weekends = mean(n for d, n in per_day.items() if d.weekday() >= 5)
    assert weekends < weekdays - 10


def test_journeys_inquiries_channels_agents_and_teams_are_all_covered(demo: DemoData) -> None:
    conversations = demo.conversations
    inquiries: dict[str, set[str]] = defaultdict(set)
    for c in conversations:
        inquiries[c.journey or ""].add(c.inquiry or "")
    assert "billing" in inquiries and len(inquiries) >= 8
    assert {"refund", "double-charge", "invoice-copy"} <= inquiries["billing"]
    assert all(2 <= len(found) <= 4 for found in inquiries.values())
    assert {c.channel for c in conversations} == set(Channel)
    agents = {(c.agent_id, c.agent_name, c.team) for c in conversations}
    assert len(agents) == 30 and len({a for a, _, _ in agents}) == 30
    assert all(re.fullmatch(r"U0AGENT\d{2}", a or "") and len((n or "").split()) == 2 for a, n, _ in agents)
    teams = {t for _, _, t in agents}
    assert len(teams) == 4 and all(re.fullmatch(r"[a-z]+(-[a-z]+)*", t or "") for t in teams)


def test_teams_specialise_by_journey(demo: DemoData) -> None:
    for journey in ("billing", "delivery", "technical-issue"):
        teams = Counter(c.team for c in demo.conversations if c.journey == journey)
        assert teams.most_common(1)[0][1] / teams.total() > 0.6, journey


def test_cases_have_one_to_four_contacts_sharing_customer_opening_and_outcome(demo: DemoData) -> None:
    cases: dict[str, list[Conversation]] = defaultdict(list)
    for c in demo.conversations:
        cases[c.case_ref].append(c)
    sizes = Counter(len(contacts) for contacts in cases.values())
    assert set(sizes) == {1, 2, 3, 4} and sizes[1] > sizes[2] > sizes[3]
    for contacts in cases.values():
        contacts.sort(key=lambda c: c.id)
        assert len({c.customer_id for c in contacts}) == 1
        assert all(c.case_opened_at == contacts[0].started_at for c in contacts)
        assert all(c.case_outcome is not None for c in contacts)
        # an earlier contact ended without a resolution, or the customer would not have come back
        assert all(c.case_outcome is not CaseOutcome.RESOLVED for c in contacts[:-1])
    assert set(Counter(c.case_outcome for c in demo.conversations)) == set(CaseOutcome)


def test_every_conversation_validates_and_reads_like_a_support_contact(demo: DemoData) -> None:
    for c in demo.conversations:
        assert Conversation.model_validate(c.model_dump()) == c
        assert 4 <= len(c.messages) <= 14
        assert {Role.CUSTOMER, Role.AGENT} <= {m.role for m in c.messages}
        assert "{" not in "".join(m.text for m in c.messages)  # every slot filled
    texts = Counter(m.text for c in demo.conversations for m in c.messages)
    assert len(texts) > 3000  # varied, not a handful of canned lines


def test_timestamps_are_aware_inside_the_window_and_paced_by_channel(demo: DemoData) -> None:
    first = datetime(2026, 8, 23, tzinfo=UTC)
    last = datetime(2026, 11, 21, tzinfo=UTC)
    gaps: dict[Channel, list[float]] = defaultdict(list)
    for c in demo.conversations:
        times = [c.started_at, c.case_opened_at, *(m.at for m in c.messages)]
        assert all(t is not None and t.tzinfo is not None and first <= t < last for t in times)
        at = [m.at for m in c.messages if m.at]
        assert at == sorted(at) and at[0] == c.started_at
        gaps[c.channel] += [(b - a).total_seconds() for a, b in pairwise(at)]
    assert median(gaps[Channel.VOICE]) < 60
    assert 60 <= median(gaps[Channel.CHAT]) < 600
    assert median(gaps[Channel.EMAIL]) >= 3600


def test_other_time_zones_keep_the_window_in_local_time() -> None:
    tz = ZoneInfo("America/New_York")
    data = generate(END, days=3, tz=tz)
    start = datetime(2026, 11, 18, tzinfo=tz)
    stop = datetime(2026, 11, 21, tzinfo=tz)
    assert data.conversations
    assert all(c.started_at and start <= c.started_at < stop for c in data.conversations)
    assert all(m.at and m.at < stop for c in data.conversations for m in c.messages)


def test_about_a_fifth_of_contacts_go_badly_and_outcomes_match_the_mood(demo: DemoData) -> None:
    moods = [(c.case_outcome, _last_customer_mood(c)) for c in demo.conversations]
    unhappy = [outcome for outcome, mood in moods if mood <= -0.05]
    assert 0.15 <= len(unhappy) / len(moods) <= 0.25
    assert sum(o is not CaseOutcome.RESOLVED for o in unhappy) / len(unhappy) > 0.95
    resolved = [mood for outcome, mood in moods if outcome is CaseOutcome.RESOLVED]
    assert sum(m > 0.05 for m in resolved) / len(resolved) > 0.95


def test_planted_change_is_described(demo: DemoData) -> None:
    (change,) = demo.planted
    assert (change.journey, change.channel, change.team) == ("billing", Channel.CHAT, None)
    assert change.start == date(2026, 11, 9), "the Monday of the last full week before Friday 20 Nov"
    assert "transfer" in change.change and "billing" in change.effect


def test_billing_chat_transfers_jump_after_the_planted_date_and_nothing_else_moves(demo: DemoData) -> None:
    before, after = _before_after(demo, _segment("billing", Channel.CHAT))
    assert _transfer_share(after) >= 0.3
    assert _transfer_share(after) >= 3 * _transfer_share(before)
    assert any("transferred three times" in m.text for c in after for m in c.messages)
    unresolved = [
        sum(c.case_outcome is not CaseOutcome.RESOLVED for c in group) / len(group) for group in (before, after)
    ]
    assert unresolved[1] >= unresolved[0] + 0.2
    journeys = {c.journey or "" for c in demo.conversations} - {"billing"}
    segments = [_segment(j) for j in journeys] + [_segment("billing", Channel.CHAT, not_channel=True)]
    for keep in segments:
        before, after = _before_after(demo, keep)
        assert abs(_transfer_share(after) - _transfer_share(before)) < 0.05


def test_the_demo_needs_no_aws_slack_or_environment() -> None:
    source = Path(__file__).resolve().parents[3] / "shared" / "cx" / "demo"
    text = "\n".join(p.read_text() for p in source.rglob("*.py"))
    assert not re.search(r"\b(boto3|botocore|slack_sdk|slack_bolt|os\.environ|getenv)\b", text)


def test_offline_scorer_sees_the_planted_billing_chat_drop_and_nothing_else(demo: DemoData) -> None:
    from cx.scoring.offline import OfflineScorer

    scorer, now = OfflineScorer(), datetime(2026, 11, 21, tzinfo=UTC)

    def shift(keep: Keep) -> tuple[float, float]:
        """The change in mean CX score after the planted date, and its standard error."""
        before, after = _before_after(demo, keep)
        b, a = ([scorer.score(c, now).cx_score for c in group] for group in (before, after))
        return mean(a) - mean(b), (pvariance(a) / len(a) + pvariance(b) / len(b)) ** 0.5

    drop, _ = shift(_segment("billing", Channel.CHAT))
    assert drop <= -0.5
    # untouched segments stay within noise: under three standard errors of the difference
    for label, keep in [("billing email", _segment("billing", Channel.EMAIL))] + [
        (j, _segment(j)) for j in {c.journey or "" for c in demo.conversations} - {"billing"}
    ]:
        change, error = shift(keep)
        assert abs(change) < 3 * error, f"{label}: {change:+.2f} (standard error {error:.2f})"
        assert abs(change) < abs(drop) / 3, label


def test_a_scenario_plants_its_change_on_the_cases_of_the_current_week_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """`/cx why` compares case days: a follow-up of a case opened the week before counts in the previous period,
    so it must be dealt as if nothing had changed. The previous period is then exactly the world without the
    change (the same scenario with its change planted on a team that does not exist)."""
    from dataclasses import replace

    from cx.demo.scenarios import SCENARIOS

    end = date(2026, 11, 15)
    planted = SCENARIOS["team-chat-only"]
    unchanged = replace(planted, changes=tuple(replace(c, team="nobody") for c in planted.changes))
    current = planted.current_start(end)

    def previous_period(scenario: str) -> list[tuple[str, str, list[str]]]:
        data = generate(end, seed=3, scenario=scenario)
        return [
            (c.id, c.team or "", [m.text for m in c.messages])
            for c in data.conversations
            if c.case_opened_at is not None and c.case_opened_at.date() < current
        ]

    with_change = previous_period("team-chat-only")
    monkeypatch.setitem(SCENARIOS, "team-chat-only", unchanged)
    without = previous_period("team-chat-only")

    late = [c for c in with_change if c[0].split("-")[-1] != "1"]
    assert late  # follow-ups of the previous week's cases exist, some of them in the current week
    assert with_change == without
