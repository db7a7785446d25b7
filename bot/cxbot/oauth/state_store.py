"""slack_sdk's ``OAuthStateStore`` in DynamoDB: a state is issued for the install page, consumed once by the
redirect, and refused after ``expiration_seconds`` (DynamoDB's TTL removes the unused ones later)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from logging import Logger
from typing import Any
from uuid import uuid4

from pynamodb.exceptions import DeleteError
from slack_sdk.oauth.state_store import OAuthStateStore

STATE_SK = "state"


class DynamoOAuthStateStore(OAuthStateStore):
    def __init__(
        self,
        model: type[Any],
        expiration_seconds: int = 600,
        clock: Callable[[], float] = time.time,
        logger: Logger | None = None,
    ) -> None:
        self._model, self._expiration, self._clock = model, expiration_seconds, clock
        self._logger = logger or logging.getLogger(__name__)

    @property
    def logger(self) -> Logger:
        return self._logger

    def issue(self, *args: Any, **kwargs: Any) -> str:
        state = uuid4().hex
        self._model(f"state#{state}", STATE_SK, expires_at=int(self._clock()) + self._expiration).save()
        return state

    def consume(self, state: str) -> bool:
        """True once for a state issued here and not expired; deleted either way, so it cannot be replayed."""
        model = self._model
        try:
            model(f"state#{state[:200]}", STATE_SK).delete(condition=model.expires_at >= int(self._clock()))
        except DeleteError as exc:
            if exc.cause_response_code == "ConditionalCheckFailedException":
                model(f"state#{state[:200]}", STATE_SK).delete()
                self._logger.info("oauth state refused", extra={"operation": "slack_install"})
                return False
            raise
        return True
