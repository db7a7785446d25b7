"""Home tab viewers in the aggregates table: pk ``home`` / sk the Slack user id, body the UTC time of the last
refresh after a fold (ISO 8601, so times compare as strings; "" before the first). No counters: reports and
rebuilds pass over these items as they do over the roles item."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pynamodb.exceptions import PutError

from cx.adapters.dynamo.models import Models
from cx.home import HomeViewers

HOME_PK = "home"
CONFLICT = "ConditionalCheckFailedException"


class DynamoHomeViewers(HomeViewers):
    def __init__(self, models: Models) -> None:
        self._model = models.config

    def opened(self, user_id: str) -> None:
        try:  # written once: a later open keeps the last refresh time (and the throttle) as it is
            self._model(HOME_PK, user_id, body="").save(condition=self._model.pk.does_not_exist())
        except PutError as exc:
            if exc.cause_response_code != CONFLICT:
                raise

    def viewers(self) -> list[str]:
        return [item.sk for item in self._model.query(HOME_PK)]

    def claim(self, user_id: str, now: datetime, every: timedelta) -> bool:
        stamp = now.astimezone(UTC).isoformat()
        cutoff = (now - every).astimezone(UTC).isoformat()
        try:
            self._model(HOME_PK, user_id, body=stamp).save(
                condition=self._model.pk.exists() & (self._model.body < cutoff)
            )
        except PutError as exc:
            if exc.cause_response_code == CONFLICT:
                return False
            raise
        return True
