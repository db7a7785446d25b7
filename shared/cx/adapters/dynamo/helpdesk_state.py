"""``cx.helpdesks.ports.HelpdeskState`` in the helpdesk table: versions, deliveries (with a TTL) and cursors.

Items hold ids, times and cursors only, never text from a conversation.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import PutError
from pynamodb.models import Model

from cx.adapters.dynamo.workspace_keys import key
from cx.helpdesks.ports import HelpdeskState

_CONFLICT = "ConditionalCheckFailedException"
DELIVERY_KEPT = timedelta(days=1)


def build_helpdesk_model(table: str, region: str, host: str | None, namespace: str = "") -> type[Any]:
    """``namespace``: the workspace's key prefix (""; a single-workspace deploy): two workspaces' help desks
    number their conversations and deliveries independently, so each keeps its own versions and replays."""
    meta = type("Meta", (), {"table_name": table, "region": region, "host": host})
    return type(
        "HelpdeskItem",
        (Model,),
        {
            "Meta": meta,
            "pk": key(namespace, hash_key=True),  # version | delivery | cursor
            "sk": UnicodeAttribute(range_key=True),
            "value": UnicodeAttribute(null=True),  # a version's updated_at (ISO, UTC) or a cursor
            "expires_at": NumberAttribute(null=True),
        },
    )


class DynamoHelpdeskState(HelpdeskState):
    def __init__(self, model: type[Any]) -> None:
        self._model = model

    def _put_if(self, item: Any, condition: Any) -> bool:
        try:
            item.save(condition=condition)
            return True
        except PutError as exc:
            if exc.cause_response_code != _CONFLICT:
                raise
            return False

    def advance(self, key: str, updated_at: datetime) -> bool:
        m, stamp = self._model, updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # sorts as text
        return self._put_if(m("version", key, value=stamp), m.pk.does_not_exist() | (m.value <= stamp))

    def known(self, key: str) -> bool:
        return bool(self._model.count("version", self._model.sk == key) > 0)

    def first_delivery(self, delivery_id: str, now: datetime) -> bool:
        m = self._model
        expires = int((now + DELIVERY_KEPT).timestamp())
        return self._put_if(m("delivery", delivery_id[:500], expires_at=expires), m.pk.does_not_exist())

    def forget_delivery(self, delivery_id: str) -> None:
        self._model("delivery", delivery_id[:500]).delete()

    def cursor(self, name: str) -> str | None:
        try:
            return str(self._model.get("cursor", name, consistent_read=True).value)
        except self._model.DoesNotExist:
            return None

    def save_cursor(self, name: str, cursor: str | None) -> None:
        if cursor is None:
            self._model("cursor", name).delete()
        else:
            self._model("cursor", name, value=cursor).save()
