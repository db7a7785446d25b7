"""Large historical loads through the Message Batches API: the same request, prompt and checks as one by one,
half the price, answers within 24 hours. Requests whose answer is malformed or errored go in one more batch;
what still fails is returned with its reason (kept for re-drive), never with a made-up score.

Each batch created is written to a ledger (``BatchLedger``) before it is waited for, with the conversations it
holds. A run that stops while a batch is in flight (the API unreachable, Ctrl-C, a killed process) finds it there
next time and collects its results instead of paying for the same requests again.
"""

from __future__ import annotations

import hashlib
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from cx.domain.conversation import Conversation
from cx.ports import Scored

from ..port import ScorerUnavailable
from .adapter import ClaudeScorer
from .pricing import BATCH_DISCOUNT, usage_cost
from .prompt import build_request, redacted_texts
from .response import InvalidOutput, to_evaluation
from .schema import TOOL_NAME

MAX_REQUESTS = 10_000  # per batch; the API takes up to 100,000 or 256 MB
ROUNDS = 2


class BatchLedger(ABC):
    """Batches created and not yet collected, each with the keys (conversation id and content) it scores."""

    @abstractmethod
    def pending(self, keys: frozenset[str]) -> str | None:
        """The id of an uncollected batch created for exactly these keys, or None."""

    @abstractmethod
    def add(self, batch_id: str, keys: frozenset[str]) -> None: ...

    @abstractmethod
    def collected(self, batch_id: str) -> None: ...


class MemoryLedger(BatchLedger):
    def __init__(self) -> None:
        self.batches: dict[str, frozenset[str]] = {}

    def pending(self, keys: frozenset[str]) -> str | None:
        return next((b for b, k in self.batches.items() if k == keys), None)

    def add(self, batch_id: str, keys: frozenset[str]) -> None:
        self.batches[batch_id] = keys

    def collected(self, batch_id: str) -> None:
        self.batches.pop(batch_id, None)


def batch_key(conversation: Conversation, scorer: ClaudeScorer) -> str:
    """The conversation as this scorer version scores it: its custom id in a batch is derived from this, so the
    results of a batch created by an earlier run map back to the same conversations."""
    return hashlib.sha256(f"{conversation.id}|{conversation.content_hash()}|{scorer.info.label}".encode()).hexdigest()


class BatchScorer:
    def __init__(
        self,
        scorer: ClaudeScorer,
        poll_seconds: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        ledger: BatchLedger | None = None,
    ):
        self.scorer, self.poll_seconds, self._sleep = scorer, poll_seconds, sleep
        self.ledger = ledger or MemoryLedger()
        self.batch_ids: list[str] = []
        self.resumed: list[str] = []  # batches of an earlier run collected instead of created again

    def score_all(self, conversations: Sequence[Conversation], now: datetime) -> list[Scored]:
        done: list[Scored] = []
        for start in range(0, len(conversations), MAX_REQUESTS):
            pending = list(conversations[start : start + MAX_REQUESTS])
            failures: dict[str, str] = {}
            for _ in range(ROUNDS):
                if not pending:
                    break
                scored, failures = self._round(pending, now)
                done += scored
                pending = [c for c in pending if c.id in failures]
            done += [Scored(c, None, failures[c.id]) for c in pending]
        return done

    def _round(self, conversations: list[Conversation], now: datetime) -> tuple[list[Scored], dict[str, str]]:
        import anthropic

        try:
            return self._collect(conversations, now)
        except (anthropic.APIStatusError, anthropic.APIConnectionError) as exc:
            status = getattr(exc, "status_code", None)
            raise ScorerUnavailable(
                f"the Message Batches API failed: {type(exc).__name__} {status or ''}".strip()
            ) from None

    def _collect(self, conversations: list[Conversation], now: datetime) -> tuple[list[Scored], dict[str, str]]:
        client, s = self.scorer.client(), self.scorer
        texts = {batch_key(c, s): (c, redacted_texts(c)) for c in conversations}
        keys = frozenset(texts)
        batch_id = self.ledger.pending(keys)
        if batch_id is None:
            requests = [
                {"custom_id": key[:64], "params": build_request(s.model, s.rubric, c, t)}
                for key, (c, t) in texts.items()
            ]
            batch = client.messages.batches.create(requests=requests)
            batch_id = batch.id
            self.ledger.add(batch_id, keys)
        else:
            self.resumed.append(batch_id)
            batch = client.messages.batches.retrieve(batch_id)
        self.batch_ids.append(batch_id)
        while batch.processing_status != "ended":
            self._sleep(self.poll_seconds)
            batch = client.messages.batches.retrieve(batch.id)
        by_custom_id = {key[:64]: value for key, value in texts.items()}
        scored, failures = [], {c.id: "no result in the batch" for c, _ in texts.values()}
        for item in client.messages.batches.results(batch.id):
            conversation, message_texts = by_custom_id[item.custom_id]
            try:
                evaluation = self._evaluation(item.result, conversation, message_texts, now)
            except InvalidOutput as exc:
                failures[conversation.id] = f"claude batch gave no valid evaluation: {exc}"
                continue
            scored.append(Scored(conversation, evaluation))
            del failures[conversation.id]
        self.ledger.collected(batch_id)
        return scored, failures

    def _evaluation(self, result: Any, conversation: Conversation, texts: list[str], now: datetime) -> Any:
        if result.type != "succeeded":
            raise InvalidOutput(f"batch request {result.type}")
        message = result.message
        u = message.usage
        usage = usage_cost(
            self.scorer.model,
            u.input_tokens,
            u.output_tokens,
            u.cache_read_input_tokens or 0,
            u.cache_creation_input_tokens or 0,
            factor=BATCH_DISCOUNT,
        )
        tool = next((b for b in message.content if b.type == "tool_use" and b.name == TOOL_NAME), None)
        if tool is None:
            raise InvalidOutput(f"no {TOOL_NAME} call (stop reason {message.stop_reason})")
        return to_evaluation(tool.input, conversation, texts, self.scorer.info, now, usage)
