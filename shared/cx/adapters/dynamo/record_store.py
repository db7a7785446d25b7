"""Conversations and evaluations, stored whole as JSON beside the keys reports and jobs look up."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

from pydantic import ValidationError

from cx.adapters.dynamo.erase import delete_partitions
from cx.adapters.dynamo.models import Models
from cx.adapters.dynamo.parallel_batches import write_items
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.ports import Scored, Stored
from cx.retention import expires_at

logger = logging.getLogger(__name__)


def scored_day(conversation: Conversation, evaluation: Evaluation) -> str:
    """The by_day index's key: the UTC day of the conversation (of its evaluation when it has no time)."""
    return (conversation.when or evaluation.evaluated_at).astimezone(UTC).date().isoformat()


class DynamoConversationStore:
    def __init__(self, models: Models, retention_days: int = 0, workspace: str = "") -> None:
        """``workspace``: stored on each conversation for the stream's aggregator ("": the single workspace)."""
        self.models, self._workspace = models, workspace
        self._model = models.conversation
        self._retention_days = retention_days

    def current(self, conversation_ids: Iterable[str]) -> dict[str, Stored]:
        found = self._model.batch_get(
            list(set(conversation_ids)), attributes_to_get=["conversation_id", "body", "evaluation"]
        )
        return {
            item.conversation_id: Stored(
                item.body, Evaluation.model_validate_json(item.evaluation) if item.evaluation else None
            )
            for item in found
        }

    def save(self, results: Iterable[Scored]) -> None:
        now = datetime.now(UTC)
        received, expires = now.isoformat(), expires_at(now, self._retention_days)
        items = []
        for r in results:
            c, e = r.conversation, r.evaluation
            items.append(
                self._model(
                    c.id,
                    case_id=c.case_ref,
                    started_at=c.when.isoformat() if c.when else None,
                    journey=c.journey,
                    channel=c.channel.value,
                    content_hash=c.content_hash(),
                    body=c.model_dump_json(exclude_none=True),
                    received_at=received,
                    status="failed" if r.failure else "scored",
                    failure=r.failure,
                    evaluation_id=e.id if e else None,
                    evaluation=e.model_dump_json() if e else None,
                    customer_id=c.customer_id,
                    expires_at=expires,
                    workspace=self._workspace or None,
                    scored_day=scored_day(c, e) if e else None,
                )
            )
        write_items(self._model, items)

    def get_conversation(self, conversation_id: str) -> Conversation | None:
        found = list(self._model.batch_get([conversation_id]))
        return Conversation.model_validate_json(found[0].body) if found else None

    def case_contacts(self, case_id: str) -> list[tuple[Conversation, Evaluation | None]]:
        """The case's conversations (GSI by_case), each with the latest evaluation it carries."""
        return [
            (
                Conversation.model_validate_json(item.body),
                Evaluation.model_validate_json(item.evaluation) if item.evaluation else None,
            )
            for item in self._model.by_case.query(case_id)
        ]

    def scan_conversations(self) -> Iterator[Conversation]:
        """Every stored conversation; one stored before today's checks that fails them is logged and passed over."""
        for item in self._model.scan():
            try:
                yield Conversation.model_validate_json(item.body)
            except ValidationError as exc:
                logger.warning(
                    "stored conversation %s no longer passes validation, left out: %s",
                    item.conversation_id,
                    exc.errors(include_url=False, include_input=False)[:3],
                )

    def conversations_of_customer(self, customer_id: str) -> list[str]:
        return sorted(item.conversation_id for item in self._model.by_customer.query(customer_id))

    def delete_conversations(self, conversation_ids: Iterable[str]) -> None:
        with self._model.batch_write() as batch:
            for conversation_id in conversation_ids:
                batch.delete(self._model(conversation_id))


class DynamoEvaluationStore:
    def __init__(self, models: Models) -> None:
        self._model = models.evaluation

    def put_evaluations(self, evaluations: Iterable[Evaluation]) -> None:
        items = [
            self._model(
                e.conversation_id,
                e.id,
                evaluated_at=e.evaluated_at.isoformat(),
                cx_score=e.cx_score,
                published=e.published,
                body=e.model_dump_json(),
            )
            for e in evaluations
        ]
        write_items(self._model, items)

    def latest_evaluation(self, conversation_id: str) -> Evaluation | None:
        items = [i for i in self._model.query(conversation_id) if i.published]
        if not items:
            return None
        return Evaluation.model_validate_json(max(items, key=lambda i: i.evaluated_at).body)

    def evaluations_of(self, conversation_id: str) -> list[Evaluation]:
        return [Evaluation.model_validate_json(item.body) for item in self._model.query(conversation_id)]

    def delete_evaluations_of(self, conversation_ids: Iterable[str]) -> int:
        """Every evaluation of these conversations, superseded and shadow ones included."""
        return delete_partitions(self._model, conversation_ids, ["conversation_id", "evaluation_id"])

    def existing(self, keys: Sequence[tuple[str, str]]) -> set[str]:
        """Which of these (conversation id, evaluation id) pairs are stored: the evaluation ids."""
        if not keys:
            return set()
        items = self._model.batch_get(list(keys), attributes_to_get=["conversation_id", "evaluation_id"])
        return {item.evaluation_id for item in items}

    def shadow_evaluations(self) -> Iterator[Evaluation]:
        """Every unpublished evaluation (a candidate scorer's, shadowing the active one)."""
        for item in self._model.scan(self._model.published == False):  # noqa: E712 (a PynamoDB condition)
            yield Evaluation.model_validate_json(item.body)

    def evaluations_made(self, start: datetime, end: datetime) -> Iterator[Evaluation]:
        """Every evaluation made in [start, end), superseded and unpublished ones included (they cost too)."""
        window = self._model.evaluated_at.between(start.isoformat(), end.isoformat())
        for item in self._model.scan(filter_condition=window):
            evaluation = Evaluation.model_validate_json(item.body)
            if start <= evaluation.evaluated_at < end:
                yield evaluation

    def scan_latest_evaluations(self) -> Iterator[Evaluation]:
        latest: dict[str, tuple[str, str]] = {}
        for item in self._model.scan():
            if item.published and item.evaluated_at >= latest.get(item.conversation_id, ("", ""))[0]:
                latest[item.conversation_id] = (item.evaluated_at, item.body)
        for _, body in latest.values():
            yield Evaluation.model_validate_json(body)
