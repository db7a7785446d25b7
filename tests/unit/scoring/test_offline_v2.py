"""The offline-v2 scorer: the misreadings of v1 it fixes, confidence, languages, and the same quotes."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Resolution
from cx.scoring.offline import OfflineScorer
from cx.scoring.offline2.scorer import NAME, OfflineScorerV2
from cx.scoring.offline2.weights import DEFAULT, Weights
from cx.scoring.port import Scorer

NOW = datetime(2026, 12, 1, tzinfo=UTC)
V2 = OfflineScorerV2()


def chat(*turns: tuple[str, str], cid: str = "c-1") -> Conversation:
    messages = [{"role": role, "text": text} for role, text in turns]
    return Conversation.model_validate({"id": cid, "channel": "chat", "messages": messages})


def test_it_is_a_new_scorer_version_and_the_old_one_is_still_built() -> None:
    scorer: Scorer = V2
    assert scorer.info.name == NAME and scorer.info.rubric_version == "offline-v2"
    assert OfflineScorer().info.rubric_version == "offline-v1"
    built = OfflineScorerV2(Weights.from_dict(DEFAULT.as_dict() | {"sentiment": 1.0}), version="2.0.1")
    assert built.info.version == "2.0.1" and built.assess(chat(("customer", "Hello"))).raw > 0
    with pytest.raises(ValueError, match="unknown offline-v2 weights: colour"):
        Weights.from_dict({"colour": 1})


def test_polite_requests_are_not_satisfaction() -> None:
    polite = chat(
        ("customer", "I'd like to find a free event, please help me."),
        ("agent", "Which city?"),
        ("customer", "San Jose please."),
        ("agent", "I found 3 events in San Jose."),
    )
    old, new = OfflineScorer().assess(polite), V2.assess(polite)
    assert old.sub_scores.sentiment > 3.5  # v1 reads "like", "free", "please", "help" as a happy customer
    assert new.sub_scores.sentiment == pytest.approx(3.0, abs=0.15)


def test_an_opinion_about_the_subject_weighs_less_than_one_about_the_service() -> None:
    start = [("customer", "I see."), ("agent", "Here are three films.")]
    subject = chat(*start, ("customer", "The movie was terrible and the plot awful."), ("agent", "Noted."))
    service = chat(*start, ("customer", "You were terrible and awful with me."), ("agent", "Noted."))
    assert V2.assess(subject).sub_scores.sentiment > V2.assess(service).sub_scores.sentiment


def test_the_agents_outcome_statement_counts_for_resolution() -> None:
    failed = chat(
        ("customer", "Book a table for two at 7pm."),
        ("agent", "Sorry, I was unable to book the table. The booking was unsuccessful."),
        ("customer", "Okay."),
    )
    booked = chat(
        ("customer", "Book a table for two at 7pm."),
        ("agent", "Your table has been booked, you are all set."),
        ("customer", "Okay."),
    )
    bad, good = V2.assess(failed), V2.assess(booked)
    assert bad.sub_scores.resolution is Resolution.UNRESOLVED
    assert good.sub_scores.resolution is Resolution.RESOLVED
    assert good.raw > bad.raw
    assert any("unsuccessful" in e.quote for s in bad.reasons for e in s.evidence)
    assert OfflineScorer().assess(failed).sub_scores.resolution is not Resolution.UNRESOLVED  # v1 missed it


def test_a_problem_recovered_from_weighs_less_than_one_that_was_not() -> None:
    opening = [("customer", "Book me a car for Friday."), ("agent", "Sorry, I couldn't book that car.")]
    recovered = chat(*opening, ("customer", "Try a smaller one."), ("agent", "Your car has been booked."))
    stuck = chat(*opening, ("customer", "Try a smaller one."), ("agent", "Sorry, I couldn't book that car either."))
    assert V2.assess(recovered).raw > V2.assess(stuck).raw + 0.5


def test_no_at_the_start_of_an_answer_is_not_a_rejection_but_no_to_a_read_back_is_a_correction() -> None:
    declined = chat(
        ("customer", "Find me a bus to Fresno."),
        ("agent", "I found a bus at 9am. Would you like to buy a ticket?"),
        ("customer", "No, not right now."),
        ("agent", "Anything else?"),
        ("customer", "No, that is all."),
    )
    corrected = chat(
        ("customer", "Find me a bus to Fresno."),
        ("agent", "Please confirm: a bus to Fresno on March 3rd."),
        ("customer", "No, I want March 5th."),
        ("agent", "Please confirm: a bus to Fresno on March 5th."),
        ("customer", "No, I said the 5th of April."),
    )
    assert V2.assess(declined).sub_scores.effort == 5.0
    assert V2.assess(corrected).sub_scores.effort < 4.0


def test_german_and_japanese_complaints_are_never_a_confident_neutral() -> None:
    german = chat(
        ("customer", "Ich bin sehr verärgert, die Lieferung ist schon wieder nicht angekommen und niemand hilft mir."),
        ("agent", "Das tut mir leid."),
    )
    japanese = chat(("customer", "注文した商品がまだ届きません。とても困っています。"), ("agent", "申し訳ありません。"))
    for conversation, language in ((german, "de"), (japanese, "ja")):
        evaluation = V2.score(conversation, NOW)
        assert evaluation.language == language
        assert evaluation.confidence == 0.0 and evaluation.needs_review
        assert any(language in flag and "needs a human look" in flag for flag in evaluation.flags)
    english = V2.score(chat(("customer", "My parcel never arrived and nobody helps me."), ("agent", "Sorry.")), NOW)
    assert english.language == "en" and not any("language" in f for f in english.flags)


def test_confidence_is_higher_with_a_clear_outcome_and_feeling_than_with_nothing_to_go_on() -> None:
    clear = chat(
        ("customer", "My refund hasn't arrived."),
        ("agent", "I've issued the refund now, it has been processed."),
        ("customer", "Wonderful, that fixed it, thank you so much!"),
    )
    vague = chat(("customer", "Hello"), ("agent", "Hi"))
    sure, unsure = V2.score(clear, NOW), V2.score(vague, NOW)
    assert sure.confidence is not None and unsure.confidence is not None
    assert sure.confidence > unsure.confidence
    assert not sure.needs_review and unsure.needs_review


def test_every_quote_is_verbatim_from_the_message_it_points_at() -> None:
    conversation = chat(
        ("customer", "I'd like a table. The food there is great, I heard."),
        ("agent", "Sorry, I could not book it; it is fully booked."),
        ("customer", "That is disappointing. Try another restaurant please."),
        ("agent", "Your table at Luigi's has been booked."),
        ("customer", "Thanks, that's perfect!"),
    )
    evaluation = V2.score(conversation, NOW)
    assert evaluation.raw_score is not None and abs(evaluation.raw_score - evaluation.cx_score) <= 0.5
    for reason in evaluation.reasons:
        for evidence in reason.evidence:
            assert evidence.quote in conversation.messages[evidence.message_index].text
    again = V2.score(conversation, NOW)
    assert json.dumps(again.model_dump(mode="json")) == json.dumps(evaluation.model_dump(mode="json"))
