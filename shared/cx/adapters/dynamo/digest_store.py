"""Digest subscriptions, the posted-once ledger and the latest drift status, in the config table."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import PutError, UpdateError

from cx.adapters.dynamo.workspace_keys import key, workspace_model
from cx.digest.health import DriftStatus
from cx.digest.once import Claim, ClaimState
from cx.digest.subscriptions import Subscription

SUBSCRIPTION_PK, LEDGER_PK, DRIFT_PK, DRIFT_SK = "digest", "digest-post", "drift", "latest"
_CONFLICT = "ConditionalCheckFailedException"


def build_ledger_model(table: str, region: str, host: str | None, namespace: str = "") -> type[Any]:
    meta = type("Meta", (), {"table_name": table, "region": region, "host": host})
    return workspace_model(
        "DigestPostItem",
        {
            "Meta": meta,
            "pk": key(namespace, hash_key=True),
            "sk": UnicodeAttribute(range_key=True),
            "state": UnicodeAttribute(),  # posting | posted | done
            "lease_until": NumberAttribute(),  # epoch seconds
            "claimed_at": UnicodeAttribute(),
            "ts": UnicodeAttribute(null=True),
        },
        namespace,
    )


class DynamoSubscriptionStore:
    """One item per (channel, journey set): pk ``digest``, sk ``subscription#<channel>#<journeys>``."""

    def __init__(self, config_model: type[Any]) -> None:
        self._model = config_model

    def put(self, subscription: Subscription) -> None:
        self._model(SUBSCRIPTION_PK, f"subscription#{subscription.key}", body=subscription.model_dump_json()).save()

    def remove(self, key: str) -> bool:
        found = list(self._model.query(SUBSCRIPTION_PK, self._model.sk == f"subscription#{key}"))
        for item in found:
            item.delete()
        return bool(found)

    def all(self) -> list[Subscription]:
        items = self._model.query(SUBSCRIPTION_PK, self._model.sk.startswith("subscription#"))
        return [Subscription.model_validate_json(item.body) for item in items]


class DynamoPostLedger:
    """``cx.digest.once.PostLedger``: pk ``digest-post``, sk the post key; claims are conditional writes."""

    def __init__(self, ledger_model: type[Any]) -> None:
        self._model = ledger_model

    def claim(self, key: str, now: datetime, lease: timedelta) -> Claim:
        m = self._model
        until = (now + lease).timestamp()
        try:
            m(LEDGER_PK, key, state="posting", lease_until=until, claimed_at=now.isoformat()).save(
                condition=m.pk.does_not_exist()
            )
            return Claim(ClaimState.NEW, claimed_at=now)
        except PutError as exc:
            if exc.cause_response_code != _CONFLICT:
                raise
        held = m.get(LEDGER_PK, key, consistent_read=True)
        claimed_at = datetime.fromisoformat(held.claimed_at)
        if held.state == "done":
            return Claim(ClaimState.DONE, held.ts, claimed_at)
        if held.lease_until > now.timestamp():
            return Claim(ClaimState.BUSY, held.ts, claimed_at)
        try:  # take over the lease only if nobody else did in the meantime
            held.update(actions=[m.lease_until.set(until)], condition=m.lease_until == held.lease_until)
        except UpdateError as exc:
            if exc.cause_response_code != _CONFLICT:
                raise
            return Claim(ClaimState.BUSY, held.ts, claimed_at)
        return Claim(ClaimState.RETAKEN, held.ts, claimed_at)

    def mark_posted(self, key: str, ts: str) -> None:
        m = self._model
        m(LEDGER_PK, key).update(actions=[m.state.set("posted"), m.ts.set(ts)])

    def mark_done(self, key: str) -> None:
        m = self._model
        m(LEDGER_PK, key).update(actions=[m.state.set("done")])


class DynamoDriftStatusStore:
    """The latest drift check's status: pk ``drift``, sk ``latest``."""

    def __init__(self, config_model: type[Any]) -> None:
        self._model = config_model

    def record(self, status: DriftStatus) -> None:
        self._model(DRIFT_PK, DRIFT_SK, body=status.model_dump_json()).save()

    def latest(self) -> DriftStatus | None:
        found = list(self._model.query(DRIFT_PK, self._model.sk == DRIFT_SK))
        return DriftStatus.model_validate_json(found[0].body) if found else None
