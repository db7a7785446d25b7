"""The offline-v3 scorer: a new version beside v1 and v2, read from the customer's reaction to each answer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cx.domain.conversation import Conversation
from cx.scoring.kinds import build
from cx.scoring.kinds.registry import KindContext
from cx.scoring.offline import OfflineScorer
from cx.scoring.offline3.cues import CUSTOMER, CUSTOMER_CUES
from cx.scoring.offline3.scorer import NAME, OfflineScorerV3
from cx.scoring.offline3.weights import DEFAULT, Weights
from cx.scoring.versions import builtin_versions, offline_scorer

NOW = datetime(2026, 12, 1, tzinfo=UTC)
V3 = OfflineScorerV3()
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "uss-sgd.jsonl"


def chat(*turns: tuple[str, str], cid: str = "c-1") -> Conversation:
    messages = [{"role": role, "text": text} for role, text in turns]
    return Conversation.model_validate({"id": cid, "channel": "chat", "messages": messages})


START = [("customer", "Find me a table for two in Oakland tonight."), ("agent", "How about Mazzat at 7 pm?")]


def test_it_is_a_new_built_in_version_and_the_others_are_still_built() -> None:
    assert (V3.info.name, V3.info.rubric_version) == (NAME, "offline-v3") == ("offline-v3", "offline-v3")
    assert OfflineScorer().info.rubric_version == "offline-v1"
    assert "offline-v3" in [v.name for v in builtin_versions(None)]
    built = build(next(v for v in builtin_versions(None) if v.name == "offline-v3"), KindContext())
    assert built.info == V3.info
    tuned = offline_scorer("offline-v3", "harsh-3", {"base": 2.5})
    plain = chat(*START, ("customer", "Okay."))
    harsher, usual = tuned.score(plain, NOW).raw_score, V3.score(plain, NOW).raw_score
    assert harsher is not None and usual is not None
    assert tuned.info.version == "harsh-3" and harsher < usual
    with pytest.raises(ValueError, match="unknown offline-v3 features: colour"):
        Weights.from_dict({"weight": {"colour": 1}})
    with pytest.raises(ValueError, match="unknown offline-v3 parameters: sentiment"):
        Weights.from_dict({"sentiment": 1})


def test_approval_scores_above_turning_the_answer_down() -> None:
    liked = chat(*START, ("customer", "Perfect, that sounds great. Thank you!"), ("agent", "Booked."))
    refused = chat(*START, ("customer", "No, that's wrong. Try again, something else."), ("agent", "Okay."))
    good, bad = V3.assess(liked), V3.assess(refused)
    assert good.raw > DEFAULT.base > bad.raw
    assert "customer_approves" in [s.factor for s in good.reasons]
    assert "customer_turned_down" in [s.factor for s in bad.reasons]


def test_the_agents_failure_lowers_the_score_and_its_success_raises_it() -> None:
    failed = chat(*START[:1], ("agent", "Sorry, I was unable to book the table."), ("customer", "Okay."))
    done = chat(*START[:1], ("agent", "Your table has been booked."), ("customer", "Okay."))
    assert V3.assess(done).raw > V3.assess(failed).raw


def test_a_no_counts_only_at_the_start_of_a_turn_and_words_are_whole() -> None:
    says_no = 1 << list(CUSTOMER).index("says_no")
    negation = 1 << list(CUSTOMER).index("negation")
    closes = 1 << list(CUSTOMER).index("closes")
    assert CUSTOMER_CUES.find("No, not right now.") & says_no
    assert not CUSTOMER_CUES.find("I know the place, no worries.") & says_no
    assert not CUSTOMER_CUES.find("That is notable.") & negation
    assert CUSTOMER_CUES.find("Nope, that\u2019s all.") & closes  # a curly apostrophe reads as a straight one


def test_reasons_quote_the_messages_verbatim() -> None:
    conversations = [chat(*START, ("customer", "No, I want Italian instead. Thanks anyway!"), ("agent", "Sure."))]
    if SHARED.exists():
        for line in SHARED.read_text(encoding="utf-8").splitlines()[:200]:
            row = json.loads(line)
            conversations.append(Conversation.model_validate({k: row[k] for k in ("id", "channel", "messages")}))
    for c in conversations:
        evaluation = V3.score(c, NOW)
        assert evaluation.reasons, c.id
        for reason in evaluation.reasons:
            assert reason.evidence, (c.id, reason.factor)
            for e in reason.evidence:
                assert e.quote and e.quote in c.messages[e.message_index].text, (c.id, reason.factor, e.quote)


def test_a_language_it_cannot_read_needs_a_human_look() -> None:
    german = chat(
        ("customer", "Meine Bestellung ist nicht angekommen und ich bin sehr verärgert."),
        ("agent", "Das tut mir leid."),
        ("customer", "Das ist wirklich nicht in Ordnung, ich will mein Geld zurück."),
    )
    evaluation = V3.score(german, NOW)
    assert evaluation.language == "de" and evaluation.confidence == 0.0
    assert evaluation.flags and "needs a human look" in evaluation.flags[0]


def test_a_long_message_counts_no_more_than_twenty_words() -> None:
    """SGD's turns are short; on support email, length alone must not lift the score."""
    neutral = " ".join(["Order 4471 ships from the depot on Tuesday to the address below."] * 2)
    long = " ".join(["Order 4471 ships from the depot on Tuesday to the address below."] * 20)
    short_raw = V3.assess(chat(*START, ("customer", neutral), ("agent", "Noted."))).raw
    assert V3.assess(chat(*START, ("customer", long), ("agent", "Noted."))).raw == pytest.approx(short_raw)
