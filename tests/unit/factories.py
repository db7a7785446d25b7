"""Small builders for the domain objects unit tests need; every argument a test does not care about has a default."""

from __future__ import annotations

from datetime import UTC, datetime

from cx.aggregation.contribution import Applied
from cx.domain.conversation import CaseOutcome, Channel, Conversation, Message, Role
from cx.domain.evaluation import Direction, Evaluation, Evidence, Reason, Resolution, ScorerInfo, SubScores


def at(text: str) -> datetime:
    """``at("2026-03-02 10:00")``: a UTC moment."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


MONDAY_10AM = at("2026-03-02 10:00")


def conversation(
    conversation_id: str = "c1",
    *,
    case_id: str | None = "k1",
    journey: str | None = "billing",
    channel: Channel = Channel.CHAT,
    agent_id: str | None = "a1",
    inquiry: str | None = "refund",
    team: str | None = None,
    started_at: datetime | None = MONDAY_10AM,
    case_opened_at: datetime | None = None,
    outcome: CaseOutcome | None = CaseOutcome.RESOLVED,
    text: str = "I was charged twice",
) -> Conversation:
    return Conversation(
        id=conversation_id,
        channel=channel,
        messages=[Message(role=Role.CUSTOMER, text=text), Message(role=Role.AGENT, text="Let me look.")],
        case_id=case_id,
        journey=journey,
        inquiry=inquiry,
        agent_id=agent_id,
        team=team,
        started_at=started_at,
        case_opened_at=case_opened_at,
        case_outcome=outcome,
    )


def evaluation(
    of: Conversation,
    score: int = 4,
    *,
    rubric: str = "r1",
    resolution: Resolution = Resolution.RESOLVED,
    sentiment: float = 4.0,
    effort: float = 3.5,
    quality: float = 4.5,
) -> Evaluation:
    """An evaluation of ``of``; another ``rubric`` gives another evaluation id (a re-score)."""
    return Evaluation(
        conversation_id=of.id,
        content_hash=of.content_hash(),
        cx_score=score,
        sub_scores=SubScores(resolution=resolution, sentiment=sentiment, effort=effort, service_quality=quality),
        reasons=[
            Reason(
                factor="resolution",
                direction=Direction.POSITIVE,
                summary="The agent fixed it",
                evidence=[Evidence(message_index=0, quote=of.messages[0].text)],
            )
        ],
        scorer=ScorerInfo(name="offline", version="1", model="rules", rubric_version=rubric),
        evaluated_at=at("2026-03-05 12:00"),
    )


def applied(of: Conversation | None = None, score: int = 4, **evaluation_args: object) -> Applied:
    """What folding ``of`` scored ``score`` contributes, days taken in UTC."""
    of = of or conversation()
    return Applied.of(of, evaluation(of, score, **evaluation_args), UTC)  # type: ignore[arg-type]
