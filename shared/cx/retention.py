"""How long raw transcripts are kept, and removing one customer's data everywhere (a data-subject request).

What is kept: the aggregates and the per-conversation ledger hold numbers and ids only, never text or a
customer id, so reports and `cx rebuild` keep working after a transcript expires or is purged. What goes:
the transcript (TTL, or purge), and on purge also every evaluation of it (their evidence quotes are text
from the conversation) and every human label of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


def expires_at(received: datetime, retention_days: int) -> int | None:
    """The epoch second DynamoDB's TTL may delete a transcript received at ``received``; None keeps it."""
    if retention_days <= 0:
        return None
    return int((received + timedelta(days=retention_days)).timestamp())


class CustomerConversations(Protocol):
    def conversations_of_customer(self, customer_id: str) -> list[str]: ...

    def delete_conversations(self, conversation_ids: Iterable[str]) -> None: ...


class EvaluationEraser(Protocol):
    def delete_evaluations_of(self, conversation_ids: Iterable[str]) -> int: ...


class LabelEraser(Protocol):
    def delete_labels_of(self, conversation_ids: Iterable[str]) -> int: ...


@dataclass(frozen=True)
class PurgeReport:
    customer_id: str
    conversation_ids: list[str]
    evaluations: int  # deleted (0 on a dry run)
    labels: int
    applied: bool

    def describe(self) -> str:
        n = len(self.conversation_ids)
        if not n:
            return f"No conversations of customer {self.customer_id!r} are stored; nothing to remove."
        if not self.applied:
            return (
                f"Customer {self.customer_id!r}: {n} conversation(s) to remove with their evaluations and labels "
                f"({', '.join(self.conversation_ids[:10])}{', …' if n > 10 else ''}). Run with --apply to remove them."
            )
        return (
            f"Removed customer {self.customer_id!r}'s data: {n} conversation(s), {self.evaluations} evaluation(s), "
            f"{self.labels} label(s). Aggregates keep their anonymous counts."
        )


def purge_customer(
    customer_id: str,
    conversations: CustomerConversations,
    evaluations: EvaluationEraser,
    labels: LabelEraser | None,
    apply: bool,
) -> PurgeReport:
    """Find (and with ``apply``, delete) a customer's conversations, their evaluations and their labels.

    Evaluations and labels go first and the transcripts last, so an interrupted purge is finished by
    running it again: the customer's conversations are still found until everything else is gone.
    """
    if not customer_id.strip():
        raise ValueError("give the customer id to purge, as it appears in the conversations' customer_id field")
    ids = conversations.conversations_of_customer(customer_id)
    if not apply or not ids:
        return PurgeReport(customer_id, ids, 0, 0, applied=apply)
    deleted_evaluations = evaluations.delete_evaluations_of(ids)
    deleted_labels = labels.delete_labels_of(ids) if labels is not None else 0
    conversations.delete_conversations(ids)
    return PurgeReport(customer_id, ids, deleted_evaluations, deleted_labels, applied=True)
