"""The shadow sample is fixed by conversation id, and a failing candidate never stops live scoring."""

from __future__ import annotations

from datetime import UTC, datetime

from cx.calibration.shadow import Shadow
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation, ScorerInfo
from cx.scoring.offline import OfflineScorer
from cx.scoring.port import ScoringError

NOW = datetime(2026, 11, 18, tzinfo=UTC)


def _chat(cid: str) -> Conversation:
    return Conversation.model_validate({"id": cid, "channel": "chat", "messages": [{"role": "customer", "text": "hi"}]})


class Broken:
    info = ScorerInfo(name="broken", version="0", model="none", rubric_version="none")

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        raise ScoringError("model unavailable")


def test_the_sample_is_the_same_every_time_and_about_the_share() -> None:
    ids = [f"c-{i}" for i in range(2000)]
    shadow = Shadow(OfflineScorer(), share=0.25)

    picked = [cid for cid in ids if shadow.samples(cid)]

    assert picked == [cid for cid in ids if Shadow(OfflineScorer(), share=0.25).samples(cid)]
    assert 400 < len(picked) < 600
    assert not any(Shadow(OfflineScorer(), share=0.0).samples(cid) for cid in ids)


def test_candidate_evaluations_are_unpublished_and_failures_are_skipped() -> None:
    conversations = [_chat(f"c-{i}") for i in range(20)]

    scored = Shadow(OfflineScorer(), share=1.0).score(conversations, lambda: NOW)

    assert len(scored) == 20 and not any(e.published for e in scored)
    assert Shadow(Broken(), share=1.0).score(conversations, lambda: NOW) == []
