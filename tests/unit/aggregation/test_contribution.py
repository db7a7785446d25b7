"""Which aggregate keys one evaluated conversation feeds, and what a case state counts."""

from __future__ import annotations

import hashlib
from datetime import UTC, date
from zoneinfo import ZoneInfo

from factories import applied, at, conversation, evaluation

from cx.aggregation.case_state import CaseState
from cx.aggregation.contribution import Applied, scorer_label
from cx.aggregation.fold import plan_fold
from cx.aggregation.performance_keys import performance_keys
from cx.domain.conversation import CaseOutcome, Channel, Message, Role
from cx.domain.evaluation import Direction, Evidence, Reason, ScorerInfo

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def test_an_evaluation_feeds_case_journey_channel_and_agent_keys() -> None:
    contribution = applied(conversation(channel=Channel.EMAIL, agent_id="ana", inquiry="refund"))

    assert sorted(contribution.keys()) == sorted(
        [
            ("case=k1", "case"),
            ("journey=billing", "2026-03-02"),
            ("journey=billing|channel=email", "2026-03-02"),
            ("journey=billing|agent=ana", "2026-03-02"),
            ("journey=billing|inquiry=refund", "2026-03-02"),
            ("journey=billing|scorer=offline@1/rules/r1", "2026-03-02"),
            ("channel=email", "2026-03-02"),
            ("cube|journey=billing|2026-03-02", "2026-03-02#-|email|refund|ana"),  # no team: "-"
        ]
    )


def test_the_cube_cell_encodes_values_that_would_split_its_key_and_reads_back() -> None:
    from cx.aggregation.keys import cube_pks, parse_cube_sk

    contribution = applied(conversation(agent_id="a|b#c", inquiry="refund", team="tier 2"))
    fed = contribution.keys()
    (pk, sk) = next(k for k in fed if k[0].startswith("cube|"))

    assert pk == "cube|journey=billing|2026-03-02"
    assert parse_cube_sk(sk) == (date(2026, 3, 2), ("tier 2", "chat", "refund", "a|b#c"))
    assert cube_pks("billing", date(2026, 3, 1), date(2026, 3, 9)) == [
        "cube|journey=billing|2026-02-23",
        "cube|journey=billing|2026-03-02",
        "cube|journey=billing|2026-03-09",
    ]


def test_a_ledger_entry_from_before_the_cube_feeds_no_cube_cell() -> None:
    old = applied(conversation(agent_id="ana", inquiry="refund")).model_copy(update={"cube": None})

    fed = old.keys()
    assert not [k for k in fed if k[0].startswith("cube|")]
    assert "cube" not in old.model_dump_json(exclude={"cube"})


def test_counts_hold_one_evaluation_with_its_score_and_parts() -> None:
    contribution = applied(score=2, sentiment=2.25, effort=1.5, quality=3.0)

    assert contribution.counts() == {
        "evaluations": 1,
        "score_sum": 2,
        "hist_2": 1,
        "resolution_resolved": 1,
        "sentiment_sum": 2.25,
        "effort_sum": 1.5,
        "quality_sum": 3.0,
    }


def test_journey_keys_use_the_case_day_and_channel_keys_the_contact_day() -> None:
    follow_up = conversation(started_at=at("2026-03-05 10:00"), case_opened_at=at("2026-03-02 09:00"))

    keys = applied(follow_up).keys()

    assert ("journey=billing", "2026-03-02") in keys
    assert ("channel=chat", "2026-03-05") in keys
    assert ("agent=a1|by-inquiry", "2026-03-05#refund") in performance_keys(applied(follow_up))


def test_days_are_local_to_the_workspace_time_zone() -> None:
    late_evening_in_la = conversation(started_at=at("2026-03-03 06:30"))  # 22:30 on 2 March in Los Angeles

    contribution = Applied.of(late_evening_in_la, evaluation(late_evening_in_la), LOS_ANGELES)

    assert contribution.case_day == date(2026, 3, 2)
    assert contribution.contact_day == date(2026, 3, 2)


def test_a_conversation_without_agent_or_inquiry_has_no_agent_key() -> None:
    keys = applied(conversation(agent_id=None)).keys()

    assert not [pk for pk, _ in keys if pk.startswith("agent=")]
    assert ("channel=chat", "2026-03-02") in keys


def test_a_conversation_without_a_case_id_is_its_own_case() -> None:
    assert applied(conversation("c9", case_id=None)).keys()[0] == ("case=c9", "case")


def test_a_case_counts_once_in_its_journey_day_with_its_outcome() -> None:
    state = CaseState(case_id="k1").with_contact(applied())

    case = {"cases": 1, "outcome_resolved": 1}
    row = {**case, "evaluations": 1, "score_sum": 4, "hist_4": 1}
    assert state.counts() == {
        ("journey=billing", "2026-03-02"): case,
        ("journey=billing|channel=chat", "2026-03-02"): case,
        ("journey=billing|agent=a1", "2026-03-02"): case,
        ("cube|journey=billing|2026-03-02", "2026-03-02#-|chat|refund|a1"): case,  # `/cx journey`'s two filters
        ("cases|journey=billing|2026-03-02", "4.00#2026-03-02#k1"): row,
        ("cases|journey=billing|agent=a1|2026-03-02", "4.00#2026-03-02#k1"): row,
    }


def test_a_team_adds_the_journeys_team_key_and_a_team_case_row() -> None:
    state = CaseState(case_id="k1").with_contact(applied(conversation(team="payments"), score=2))

    counts = state.counts()

    assert counts[("journey=billing|team=payments", "2026-03-02")] == {"cases": 1, "outcome_resolved": 1}
    assert counts[("cases|journey=billing|team=payments|2026-03-02", "2.00#2026-03-02#k1")]["score_sum"] == 2


def test_a_ledger_entry_written_before_teams_existed_keeps_its_fingerprint() -> None:
    # what the ledger held before
    old_json = applied().model_dump_json(exclude={"team", "handle_seconds", "unscored", "channel_handle"})
    stored_fingerprint = hashlib.sha256(old_json.encode()).hexdigest()[:24]

    assert Applied.model_validate_json(old_json).fingerprint == stored_fingerprint
    assert applied(conversation(team="payments")).fingerprint != stored_fingerprint


def test_a_case_without_outcome_or_journey_is_not_counted() -> None:
    no_outcome = CaseState(case_id="k1").with_contact(applied(conversation(outcome=None)))
    no_journey = CaseState(case_id="k2").with_contact(applied(conversation(case_id="k2", journey=None)))

    assert not no_outcome.counted() and no_outcome.counts() == {}
    assert not no_journey.counted() and no_journey.counts() == {}


def test_the_latest_contact_sets_the_outcome_whatever_the_arrival_order() -> None:
    first = applied(conversation("c1", started_at=at("2026-03-02 10:00"), outcome=CaseOutcome.UNRESOLVED))
    latest = applied(conversation("c2", started_at=at("2026-03-02 15:00"), outcome=CaseOutcome.RESOLVED))

    in_order = CaseState(case_id="k1").with_contact(first).with_contact(latest)
    reversed_order = CaseState(case_id="k1").with_contact(latest).with_contact(first)

    assert in_order.outcome is CaseOutcome.RESOLVED
    assert reversed_order.outcome is CaseOutcome.RESOLVED
    assert set(in_order.contacts) == set(reversed_order.contacts) == {"c1", "c2"}


def test_an_older_contact_fills_in_what_the_latest_lacks() -> None:
    first = applied(conversation("c1", started_at=at("2026-03-02 10:00"), outcome=CaseOutcome.ESCALATED))
    latest = applied(conversation("c2", started_at=at("2026-03-02 15:00"), outcome=None))

    state = CaseState(case_id="k1").with_contact(latest).with_contact(first)

    assert state.outcome is CaseOutcome.ESCALATED


def test_handle_time_runs_from_the_first_to_the_last_timed_message_and_keeps_old_fingerprints() -> None:
    timed = conversation().model_copy(
        update={
            "messages": [
                Message(role=Role.CUSTOMER, text="Hi", at=at("2026-03-02 10:00")),
                Message(role=Role.AGENT, text="Hello"),
                Message(role=Role.AGENT, text="Done", at=at("2026-03-02 10:07")),
            ]
        }
    )
    before_handle_time = applied().model_dump_json(exclude={"team", "handle_seconds", "unscored", "channel_handle"})

    contribution = applied(timed)

    assert contribution.handle_seconds == 420.0
    assert contribution.counts()["handle_seconds_sum"] == 420.0 and contribution.counts()["handle_count"] == 1
    assert contribution.counts()["handle_seconds_sum_chat"] == 420.0 and contribution.counts()["handle_count_chat"] == 1
    assert "handle_count" not in applied().counts()  # untimed messages: no handle time, not a zero
    old_fingerprint = hashlib.sha256(before_handle_time.encode()).hexdigest()[:24]
    assert applied().fingerprint == old_fingerprint


def test_negative_reasons_feed_one_key_per_factor_and_the_catalog_names_every_slice() -> None:
    talk = conversation(channel=Channel.EMAIL, agent_id="ana", inquiry="refund")
    scored = evaluation(talk, 2)
    reasons = [
        Reason(factor=f, direction=d, summary="s", evidence=[Evidence(message_index=0, quote="Hi")])
        for f, d in (("transferred", Direction.NEGATIVE), ("transferred", Direction.NEGATIVE),
                     ("agent_empathy", Direction.POSITIVE), ("unresolved", Direction.NEGATIVE))
    ]  # fmt: skip
    contribution = Applied.of(talk, scored.model_copy(update={"reasons": reasons}), UTC)

    keys = contribution.keys()
    assert [k for k in keys if "|reason=" in k[0]] == [
        ("journey=billing|reason=transferred", "2026-03-02"),
        ("journey=billing|reason=unresolved", "2026-03-02"),
    ]
    assert contribution.segments() == {
        ("billing", "channel", "email"), ("billing", "agent", "ana"), ("billing", "inquiry", "refund"),
        ("billing", "scorer", "offline@1/rules/r1"),
        ("billing", "reason", "transferred"), ("billing", "reason", "unresolved"),
    }  # fmt: skip


def test_a_contribution_from_before_the_scorer_was_recorded_keeps_its_keys_and_fingerprint() -> None:
    now = applied(conversation(team="billing-payments"))
    old = now.model_copy(update={"scorer": None, "negative_factors": None})
    # none of these were kept then
    old_json = old.model_dump_json(
        exclude={"scorer", "negative_factors", "handle_seconds", "unscored", "channel_handle"}
    )

    old_keys = [pk for pk, _ in old.keys()]  # noqa: SIM118 (Applied.keys is not a dict)
    assert not [pk for pk in old_keys if pk.startswith("journey=") and ("|scorer=" in pk or "|inquiry=" in pk)]
    assert old.fingerprint == hashlib.sha256(old_json.encode()).hexdigest()[:24]
    assert Applied.model_validate_json(old_json) == old
    assert now.fingerprint != old.fingerprint  # so a fold moves it onto the new keys


def test_scorer_labels_are_safe_in_keys() -> None:
    info = ScorerInfo(name="claude", version="2", model="anthropic.claude-x:0|v=1 beta", rubric_version="claude-v1")

    assert scorer_label(info) == "claude@2/anthropic.claude-x-0-v-1-beta/claude-v1"


def test_an_evaluation_in_an_unreadable_language_counts_apart_and_its_case_is_indexed_for_review() -> None:
    talk = conversation(agent_id="ana", inquiry="refund")
    unread = evaluation(talk, 3).model_copy(
        update={"language": "de", "confidence": 0.0, "flags": ["language de: the offline scorer reads English only"]}
    )
    contribution = Applied.of(talk, unread, UTC)

    assert contribution.counts() == {"unscored_language": 1}  # no evaluation, score, histogram or sub-score
    assert contribution.negative_factors == ()  # no reason slice of `/cx why` either
    state = CaseState(case_id="k1").with_contact(contribution)
    rows = {k: v for k, v in state.counts().items() if k[0].startswith("cases|")}
    assert rows[("cases|journey=billing|unscored=language|2026-03-02", "none#2026-03-02#k1")] == {
        "cases": 1,
        "outcome_resolved": 1,
        "unscored_language": 1,
    }
    assert applied(talk).counts()["evaluations"] == 1  # the same contact in English is a score


def _timed(channel: Channel, minutes: int) -> Applied:
    talk = conversation(channel=channel, agent_id="ana", inquiry="refund").model_copy(
        update={
            "messages": [
                Message(role=Role.CUSTOMER, text="Hi", at=at("2026-03-02 10:00")),
                Message(role=Role.AGENT, text="Done", at=at(f"2026-03-02 10:{minutes:02d}")),
            ]
        }
    )
    return applied(talk)


def test_a_contribution_folded_before_handle_time_was_split_by_channel_takes_out_only_what_it_put_in() -> None:
    new = _timed(Channel.EMAIL, 40)
    old = new.model_copy(update={"channel_handle": None})
    old_json = old.model_dump_json(exclude={"channel_handle"})  # what the ledger held before the split
    # the fingerprint the old code stored: its unset later fields (team, unscored) left out
    old_fingerprint = hashlib.sha256(old.model_dump_json(exclude={"team", "unscored", "channel_handle"}).encode())
    rescored = new.model_copy(update={"evaluation_id": "e2", "cx_score": 5})

    assert Applied.model_validate_json(old_json).fingerprint == old_fingerprint.hexdigest()[:24]
    assert "handle_count_email" not in old.counts() and old.counts()["handle_count"] == 1
    plan = plan_fold([rescored], {new.conversation_id: Applied.model_validate_json(old_json)}, {})
    per_channel = [c for c in plan.increments.values() if "handle_count_email" in c or "handle_count" in c]
    assert per_channel, "the re-score feeds the agent rows"
    for counts in per_channel:  # the mixed counters move out and in (net nothing); the channel's come in once
        assert counts.get("handle_count_email") == 1 and counts.get("handle_seconds_sum_email") == 2400.0
        assert "handle_count" not in counts


def test_a_redelivered_evaluation_folded_before_the_split_is_folded_again_to_add_its_channel() -> None:
    new = _timed(Channel.CHAT, 6)
    old = Applied.model_validate_json(new.model_copy(update={"channel_handle": None}).model_dump_json())

    plan = plan_fold([new], {new.conversation_id: old}, {})

    assert plan.skipped == 0 and plan.ledger[new.conversation_id].expected_previous == old.fingerprint
    assert {"handle_count_chat": 1, "handle_seconds_sum_chat": 360.0} in plan.increments.values()
