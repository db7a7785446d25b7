"""The offline scorer as a user meets it: scores that make sense, quotes that are really there."""

from __future__ import annotations

import hashlib
import json
import statistics
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation, Resolution
from cx.scoring.offline import RUBRIC_VERSION, OfflineScorer
from cx.scoring.port import Scorer

NOW = datetime(2026, 11, 2, 9, 15, tzinfo=UTC)
RUBRIC = Path(__file__).resolve().parents[3] / "shared" / "cx" / "scoring" / "rubrics" / "offline-v1.md"


def chat(*turns: tuple[str, str], cid: str = "c-1") -> Conversation:
    messages = [{"role": role, "text": text} for role, text in turns]
    return Conversation.model_validate({"id": cid, "channel": "chat", "messages": messages})


FRIENDLY_RESOLVED = chat(
    ("customer", "Hi, I was charged twice for my subscription this month."),
    ("agent", "I'm sorry about that! I can see the duplicate charge, and I've issued a refund for it."),
    ("customer", "Oh great, thank you so much!"),
    ("agent", "You're welcome. The refund will show in 3-5 days. Anything else I can do?"),
    ("customer", "No, that's all. Thanks, that fixed it, really appreciate the quick help!"),
)
ANGRY_TRANSFERRED = chat(
    ("customer", "My internet has been down for three days. This is ridiculous."),
    ("agent", "Please restart your router."),
    ("customer", "I already told you I restarted it twice. It's still not working!"),
    ("agent", "I will transfer you to another department."),
    ("customer", "I've been transferred three times already. This is a terrible waste of my time."),
    ("agent", "There is nothing I can do, that's our policy."),
    ("customer", "Unbelievable. Still not working and nobody helps. I'm cancelling."),
)
LONG = " ".join(f"Line {i} of my complaint: the invoice shows the wrong amount again." for i in range(400))
ODD = [
    chat(("customer", "?")),
    chat(("customer", "What is my account balance?")),
    chat(("customer", LONG), ("agent", "Thanks, I'll look into the invoice. " * 200)),
    chat(("customer", "x" * 30_000)),
    chat(("customer", "Hello"), ("system", "Agent joined the chat"), ("customer", "Hello??? Anyone there")),
    chat(("customer", "Refund please."), ("customer", "Still waiting."), ("customer", "Forget it.")),
]
EXAMPLES = [FRIENDLY_RESOLVED, ANGRY_TRANSFERRED, *ODD]


@pytest.fixture(scope="module")
def scorer() -> OfflineScorer:
    return OfflineScorer()


def test_offline_scorer_satisfies_the_scorer_port(scorer: OfflineScorer) -> None:
    port: Scorer = scorer
    assert isinstance(port.score(FRIENDLY_RESOLVED, NOW), Evaluation)


def test_a_resolved_friendly_conversation_scores_4_or_more(scorer: OfflineScorer) -> None:
    evaluation = scorer.score(FRIENDLY_RESOLVED, NOW)

    assert evaluation.cx_score >= 4
    assert evaluation.sub_scores.resolution is Resolution.RESOLVED
    assert {"resolved", "positive_sentiment"} <= {r.factor for r in evaluation.reasons}


def test_an_angry_transferred_unresolved_conversation_scores_2_or_less(scorer: OfflineScorer) -> None:
    evaluation = scorer.score(ANGRY_TRANSFERRED, NOW)

    assert evaluation.cx_score <= 2
    assert evaluation.sub_scores.resolution is Resolution.UNRESOLVED
    factors = [r.factor for r in evaluation.reasons]
    assert factors[0] == "unresolved"
    assert {"repeated_transfer", "rude_or_dismissive_agent"} <= set(factors)
    assert all(r.direction == "negative" for r in evaluation.reasons)


def test_a_dismissive_agent_lowers_the_score(scorer: OfflineScorer) -> None:
    polite = chat(
        ("customer", "My parcel has not arrived."),
        ("agent", "Let me check that for you. It is with the courier and should arrive tomorrow."),
        ("customer", "Ok."),
    )
    rude = chat(
        ("customer", "My parcel has not arrived."),
        ("agent", "Calm down. It is with the courier, there is nothing I can do."),
        ("customer", "Ok."),
    )

    assert scorer.assess(rude).raw < scorer.assess(polite).raw
    assert "rude_or_dismissive_agent" in [r.factor for r in scorer.score(rude, NOW).reasons]


@pytest.mark.parametrize("conversation", EXAMPLES, ids=lambda c: c.messages[0].text[:20])
def test_every_quote_is_verbatim_and_short(scorer: OfflineScorer, conversation: Conversation) -> None:
    evaluation = scorer.score(conversation, NOW)

    _assert_quotes_verbatim(conversation, evaluation)


@pytest.mark.parametrize("conversation", EXAMPLES, ids=lambda c: c.messages[0].text[:20])
def test_odd_but_valid_input_gets_one_to_five_reasons(scorer: OfflineScorer, conversation: Conversation) -> None:
    evaluation = scorer.score(conversation, NOW)

    assert 1 <= len(evaluation.reasons) <= 5
    assert 1 <= evaluation.cx_score <= 5


def test_reasons_are_ordered_by_how_much_they_moved_the_score(scorer: OfflineScorer) -> None:
    kept = scorer.assess(ANGRY_TRANSFERRED).reasons
    moves = [abs(signal.impact) for signal in kept]

    assert moves == sorted(moves, reverse=True)


def test_every_evaluation_is_stamped_with_the_scorer_and_the_content(scorer: OfflineScorer) -> None:
    for conversation in EXAMPLES:
        evaluation = scorer.score(conversation, NOW)

        assert evaluation.scorer == scorer.info
        assert evaluation.content_hash == conversation.content_hash()
        assert evaluation.evaluated_at == NOW
        assert evaluation.conversation_id == conversation.id
    assert scorer.info.name == "offline"
    assert scorer.info.model.startswith("vader")
    assert scorer.info.rubric_version == RUBRIC_VERSION == "offline-v1"


def test_the_rubric_file_documents_its_version_and_every_factor(scorer: OfflineScorer) -> None:
    rubric = RUBRIC.read_text(encoding="utf-8")
    factors = {r.factor for c in EXAMPLES for r in scorer.score(c, NOW).reasons}

    assert f"`{RUBRIC_VERSION}`" in rubric
    assert {f for f in factors if f"`{f}`" not in rubric} == set()


def test_same_conversation_gives_the_same_evaluation(scorer: OfflineScorer) -> None:
    later = datetime(2027, 1, 1, tzinfo=UTC)
    for conversation in EXAMPLES:
        first = scorer.score(conversation, NOW)
        again = OfflineScorer().score(conversation.model_copy(deep=True), NOW)

        assert first == again
        assert scorer.score(conversation, later).model_copy(update={"evaluated_at": NOW}) == first


def _assert_quotes_verbatim(conversation: Conversation, evaluation: Evaluation) -> None:
    for reason in evaluation.reasons:
        for evidence in reason.evidence:
            assert evidence.quote in conversation.messages[evidence.message_index].text, reason.factor
            assert len(evidence.quote) <= 200


# --- calibration against human ratings (../shared/data/uss-sgd.jsonl, never copied into the repo)


def _held_out(conversation_id: str) -> bool:
    """The 43% not used to tune the weights: sha256(id) mod 100 at 60 or above."""
    return int(hashlib.sha256(conversation_id.encode()).hexdigest(), 16) % 100 >= 60


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for k in range(start, end + 1):
            ranks[order[k]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def _spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    var = sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)
    return float(cov / var**0.5)


@pytest.fixture(scope="module")
def uss_sgd(shared_data_dir: Path) -> list[Conversation]:
    lines = (shared_data_dir / "uss-sgd.jsonl").read_text(encoding="utf-8").splitlines()
    return [Conversation.model_validate(json.loads(line)) for line in lines if line.strip()]


def test_held_out_agreement_with_human_ratings(scorer: OfflineScorer, uss_sgd: list[Conversation]) -> None:
    """Spearman with the mean human rating on the held-out split.

    Measured: 0.322 for the value before rounding and 0.292 for the integer CX score (430
    conversations); one annotator against the mean of the others is about 0.32. Floors are set a
    little below the measurement (0.28 and 0.25) so a weight change that loses agreement fails here.
    """
    held = [c for c in uss_sgd if _held_out(c.id)]
    human = [statistics.fmean(c.labels.overall) for c in held if c.labels]
    assessments = [scorer.assess(c) for c in held]

    assert len(held) == len(human) > 300
    assert _spearman([a.raw for a in assessments], human) >= 0.28
    assert _spearman([float(a.cx_score) for a in assessments], human) >= 0.25


def test_quotes_are_verbatim_across_the_labelled_set(scorer: OfflineScorer, uss_sgd: list[Conversation]) -> None:
    for conversation in uss_sgd[:300]:
        evaluation = scorer.score(conversation, NOW)

        assert 1 <= len(evaluation.reasons) <= 5
        _assert_quotes_verbatim(conversation, evaluation)
