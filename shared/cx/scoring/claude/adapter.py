"""ClaudeScorer: the real `anthropic` client, imported only when the first conversation is scored.

The client is `anthropic.Anthropic` (an API key) or, with ``provider="bedrock"``, `anthropic.AnthropicBedrock`:
requests signed with the function's AWS credentials (SigV4, its IAM role), so no API key and the transcripts stay
in the customer's AWS account. A model id in the other provider's form is refused when first used (the messages
stay on the queue) with what to set.

Transient errors (429, 529, other 5xx, timeouts, refused connections) are retried with exponential
backoff (or the server's retry-after) and counted by the circuit breaker; when they persist the
scorer raises ScorerUnavailable and the message stays on the queue. Output outside the schema is asked
for once more, then raises ScoringError (the conversation is kept as failed, with the reason).
Logs carry the conversation id and error class, never text.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation, ScorerInfo, Usage

from ..deadline import seconds_left
from ..port import ScorerUnavailable, ScoringError
from .circuit import CircuitBreaker
from .models import is_bedrock
from .pricing import add, usage_cost
from .prompt import build_request, redacted_texts
from .response import InvalidOutput, to_evaluation
from .rubric import Rubric
from .schema import TOOL_NAME
from .wire import NotAMessage, not_a_message

VERSION = "1.0.0"
OUTPUT_ATTEMPTS = 2  # a malformed answer is retried once
MIN_CALL_SECONDS = 5.0  # a call is started only with this much of the invocation left; it is cut 1 s before the end
log = logging.getLogger(__name__)


class ClaudeScorer:
    def __init__(
        self,
        model: str,
        api_key: str,
        base_url: str | None = None,
        rubric: Rubric | None = None,
        timeout: float = 30.0,
        attempts: int = 3,
        backoff: float = 1.0,
        circuit: CircuitBreaker | None = None,
        sleep: Callable[[float], None] = time.sleep,
        version: str | None = None,  # a created scorer version's name (`cx scorer create`) in place of VERSION+model
        provider: str = "anthropic",  # or "bedrock"
        aws_region: str | None = None,  # Bedrock's region (None: the function's own)
    ) -> None:
        self._model, self._api_key, self._base_url = model, api_key, base_url
        self.provider, self._aws_region = provider, aws_region
        self._rubric = rubric or Rubric.load()
        self._timeout, self._attempts, self._backoff = timeout, attempts, backoff
        self.circuit = circuit or CircuitBreaker()
        self._sleep = sleep
        self._client: Any = None
        # The model is part of the version, so that a new model re-scores like a new rubric does.
        self._info = ScorerInfo(
            name="claude", version=version or f"{VERSION}+{model}", model=model, rubric_version=self._rubric.version
        )

    @property
    def info(self) -> ScorerInfo:
        return self._info

    @property
    def model(self) -> str:
        return self._model

    @property
    def rubric(self) -> Rubric:
        return self._rubric

    def client(self) -> Any:
        """The `anthropic.Anthropic` client (imported and built on first use)."""
        import anthropic

        return self._client_for(anthropic)

    def score(self, conversation: Conversation, now: datetime) -> Evaluation:
        texts = redacted_texts(conversation)
        request = build_request(self._model, self._rubric, conversation, texts)
        usage: Usage | None = None
        problem = ""
        for _ in range(OUTPUT_ATTEMPTS):
            response = self._create(conversation.id, request)
            u = response.usage
            usage = add(
                usage,
                usage_cost(
                    self._model,
                    u.input_tokens,
                    u.output_tokens,
                    u.cache_read_input_tokens or 0,
                    u.cache_creation_input_tokens or 0,
                ),
            )
            tool = next((b for b in response.content if b.type == "tool_use" and b.name == TOOL_NAME), None)
            try:
                if tool is None or response.stop_reason == "max_tokens":
                    raise InvalidOutput(f"no complete {TOOL_NAME} call (stop reason {response.stop_reason})")
                return to_evaluation(tool.input, conversation, texts, self._info, now, usage)
            except InvalidOutput as exc:
                problem = str(exc)
                log.warning("invalid model output", extra={"conversation_id": conversation.id})
        raise ScoringError(f"claude gave no valid evaluation in {OUTPUT_ATTEMPTS} attempts: {problem}")

    def _create(self, conversation_id: str, request: dict[str, Any]) -> Any:
        import anthropic

        client = self._client_for(anthropic)
        transient = (anthropic.RateLimitError, anthropic.InternalServerError, anthropic.APIConnectionError)
        for attempt in range(self._attempts):
            if not self.circuit.allow():
                raise ScorerUnavailable("the model API circuit is open after repeated overload; try later")
            left = seconds_left()
            if left is not None and left < MIN_CALL_SECONDS:
                raise ScorerUnavailable(f"{left:.1f}s left in this invocation: no call started, retried from the queue")
            call = client if left is None else client.with_options(timeout=min(self._timeout, left - 1.0))
            try:
                try:
                    response = call.messages.create(**request)
                except (ValueError, anthropic.APIResponseValidationError) as exc:  # JSONDecodeError: cut short
                    raise NotAMessage(f"a 200 answer that is not a whole message ({type(exc).__name__})") from exc
                not_a_message(response)
            except (*transient, NotAMessage) as exc:  # APITimeoutError is an APIConnectionError
                self.circuit.record_failure()
                reason = str(exc) if isinstance(exc, NotAMessage) else type(exc).__name__
                log.warning("model API transient error", extra={"conversation_id": conversation_id, "error": reason})
                if attempt == self._attempts - 1:
                    raise ScorerUnavailable(f"model API unavailable: {reason}") from None
                self._sleep(self._delay(attempt, exc))
            except (anthropic.AuthenticationError, anthropic.PermissionDeniedError, anthropic.NotFoundError) as exc:
                raise ScorerUnavailable(f"model API refused the scorer's configuration: {type(exc).__name__}") from None
            except anthropic.APIStatusError as exc:
                raise ScoringError(f"model API rejected the request: {exc.status_code}") from None
            else:
                self.circuit.record_success()
                return response
        raise AssertionError("unreachable")

    def _delay(self, attempt: int, exc: BaseException) -> float:
        response = getattr(exc, "response", None)
        retry_after: str | None = response.headers.get("retry-after") if response is not None else None
        if retry_after:
            try:
                return min(float(retry_after), 60.0)
            except ValueError:
                pass
        return self._backoff * 2.0**attempt * (0.75 + random.random() / 4)

    def _client_for(self, anthropic: Any) -> Any:
        if self._client is None and self.provider == "bedrock":
            if not is_bedrock(self._model):
                raise ScorerUnavailable(
                    f"model {self._model!r} is a Claude API id but this deploy calls Claude on Bedrock: set the model "
                    "to a Bedrock id such as us.anthropic.claude-haiku-4-5-20251001-v1:0"
                )
            self._client = anthropic.AnthropicBedrock(
                aws_region=self._aws_region,
                base_url=self._base_url,
                max_retries=0,
                timeout=anthropic.Timeout(self._timeout, connect=2.0),
            )
        if self._client is None:
            if is_bedrock(self._model):
                raise ScorerUnavailable(
                    f"model {self._model!r} is a Bedrock id but this deploy calls the Claude API: set the model to a "
                    "Claude API id such as claude-haiku-4-5, or deploy with ClaudeProvider=bedrock"
                )
            self._client = anthropic.Anthropic(
                api_key=self._api_key,
                base_url=self._base_url,
                max_retries=0,  # retries are ours, so that the circuit breaker sees every failure
                timeout=anthropic.Timeout(self._timeout, connect=2.0),
            )
        return self._client
