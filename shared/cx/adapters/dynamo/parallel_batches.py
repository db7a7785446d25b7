"""BatchWriteItem and BatchGetItem from a few threads: how bulk loads fill and read a table.

Requests go straight to the models' botocore client with items already in DynamoDB's attribute-value
form: building a PynamoDB instance per item cost more than DynamoDB Local's own work on it. What DynamoDB
leaves unprocessed (throttled) is sent again after a growing pause.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from cx.parallel import each

WRITERS = 4  # parallel callers: DynamoDB spreads them over partitions, DynamoDB Local over its threads
PER_REQUEST = 25  # DynamoDB's limit on items in one BatchWriteItem
PER_GET = 100  # and on keys in one BatchGetItem
RETRIES = 12  # rounds for what DynamoDB left unprocessed, 50 ms doubling up to 2 s between them
Raw = dict[str, Any]  # an item (or key) as DynamoDB's API takes it: {"pk": {"S": "..."}, ...}


def raw_item(model: type[Any], values: Mapping[str, Any]) -> Raw:
    """``values`` (attribute name -> Python value, None left out) as DynamoDB's API takes them, by ``model``'s
    attribute types."""
    attributes = model.get_attributes()
    out: Raw = {}
    for name, value in values.items():
        if value is None:
            continue
        attribute = attributes[name]
        kind = type(attribute)
        if kind is NumberAttribute and type(value) in (int, float):  # what its json.dumps gives, without the call
            text = repr(value)
        elif kind is UnicodeAttribute and type(value) is str:  # plain (not a workspace key): stored as it is
            text = value
        else:
            text = attribute.serialize(value)
        out[attribute.attr_name] = {attribute.attr_type: text}
    return out


def _client(model: type[Any]) -> Any:
    return model._get_connection().connection.client


def _pause(attempt: int) -> None:
    time.sleep(min(2.0, 0.05 * 2**attempt))


def _lanes(count: int, per_request: int) -> int:
    return max(1, min(WRITERS, count // per_request))


def write_raw(model: type[Any], items: Sequence[Raw], delete: bool = False) -> int:
    """Put ``items`` (or delete the items of these keys) into ``model``'s table; returns the requests sent."""
    if not items:
        return 0
    client, table = _client(model), model.Meta.table_name
    kind, field = ("DeleteRequest", "Key") if delete else ("PutRequest", "Item")
    chunks = [items[i : i + PER_REQUEST] for i in range(0, len(items), PER_REQUEST)]
    lanes = _lanes(len(items), PER_REQUEST)

    def lane(n: int) -> int:
        sent = 0
        for chunk in chunks[n::lanes]:
            pending: Any = {table: [{kind: {field: item}} for item in chunk]}
            for attempt in range(RETRIES + 1):
                sent += 1
                pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems")
                if not pending:
                    break
                if attempt == RETRIES:
                    raise RuntimeError(f"DynamoDB left {sum(map(len, pending.values()))} writes unprocessed")
                _pause(attempt)
        return sent

    return sum(each(lane, range(lanes)))


def write_items(model: type[Any], items: Sequence[Any], delete: bool = False) -> None:
    """Put (or delete) PynamoDB ``items`` of ``model``, in requests of 25 from a few threads."""
    if delete:
        keys = [raw_item(model, _key_values(model, i)) for i in items]
        write_raw(model, keys, delete=True)
    else:
        write_raw(model, [i.serialize() for i in items])


def _key_values(model: type[Any], item: Any) -> dict[str, Any]:
    names = [n for n, a in model.get_attributes().items() if a.is_hash_key or a.is_range_key]
    return {n: getattr(item, n) for n in names}


def batch_get(client: Any, table: str, request: Mapping[str, Any]) -> list[Raw]:
    """The items one BatchGetItem of ``request`` (its keys, at most 100, and options) finds in ``table``; what
    DynamoDB leaves unprocessed is asked for again after a growing pause."""
    found: list[Raw] = []
    pending: Any = {table: request}
    for attempt in range(RETRIES + 1):
        if attempt:
            _pause(attempt - 1)
        answer = client.batch_get_item(RequestItems=pending)
        found += answer.get("Responses", {}).get(table, [])
        if not (pending := answer.get("UnprocessedKeys")):
            return found
    raise RuntimeError(f"DynamoDB left {len(pending[table]['Keys'])} reads unprocessed")


def read_raw(model: type[Any], keys: Iterable[Raw], attributes: Sequence[str] | None = None) -> list[Raw]:
    """The items of ``keys`` that exist (consistent reads), in requests of 100 from a few threads."""
    keys = list(keys)
    if not keys:
        return []
    client, table = _client(model), model.Meta.table_name
    chunks = [keys[i : i + PER_GET] for i in range(0, len(keys), PER_GET)]
    lanes = _lanes(len(keys), PER_GET)
    projection: dict[str, Any] = {}
    if attributes:
        names = {f"#a{n}": a for n, a in enumerate(attributes)}
        projection = {"ProjectionExpression": ", ".join(names), "ExpressionAttributeNames": names}

    def lane(n: int) -> list[Raw]:
        found: list[Raw] = []
        for chunk in chunks[n::lanes]:
            found += batch_get(client, table, {"Keys": chunk, "ConsistentRead": True, **projection})
        return found

    return [item for part in each(lane, range(lanes)) for item in part]
