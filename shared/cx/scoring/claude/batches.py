"""Large historical loads through the Message Batches API: the same request, prompt and checks as one by one,
half the price, answers within 24 hours. Requests whose answer is malformed or errored go in one more batch;
what still fails is returned with its reason (kept for re-drive), never with a made-up score.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from cx.domain.conversation import Conversation
from cx.ports import Scored

from .adapter import ClaudeScorer
from .pricing import BATCH_DISCOUNT, usage_cost
from .prompt import build_request, redacted_texts
from .response import InvalidOutput, to_evaluation
from .schema import TOOL_NAME

MAX_REQUESTS = 10_000  # per batch; the API takes up to 100,000 or 256 MB
ROUNDS = 2


class BatchScorer:
    def __init__(self, scorer: ClaudeScorer, poll_seconds: float = 30.0, sleep: Callable[[float], None] = time.sleep):
        self.scorer, self.poll_seconds, self._sleep = scorer, poll_seconds, sleep
        self.batch_ids: list[str] = []

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
        client, s = self.scorer.client(), self.scorer
        texts = {f"c{i}": (c, redacted_texts(c)) for i, c in enumerate(conversations)}
        requests = [
            {"custom_id": cid, "params": build_request(s.model, s.rubric, c, t)} for cid, (c, t) in texts.items()
        ]
        batch = client.messages.batches.create(requests=requests)
        self.batch_ids.append(batch.id)
        while batch.processing_status != "ended":
            self._sleep(self.poll_seconds)
            batch = client.messages.batches.retrieve(batch.id)
        scored, failures = [], {c.id: "no result in the batch" for c, _ in texts.values()}
        for item in client.messages.batches.results(batch.id):
            conversation, message_texts = texts[item.custom_id]
            try:
                evaluation = self._evaluation(item.result, conversation, message_texts, now)
            except InvalidOutput as exc:
                failures[conversation.id] = f"claude batch gave no valid evaluation: {exc}"
                continue
            scored.append(Scored(conversation, evaluation))
            del failures[conversation.id]
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
