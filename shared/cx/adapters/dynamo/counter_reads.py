"""Counter reads of the aggregates for the reports: raw queries that fetch only the sort key and the counters.

Every Slack answer reads aggregate items by the thousand (`/cx why all` about 3,000, `/cx me` over 90 days
about 6,000). Through PynamoDB each item became a model instance whose counters were then read back one by one by
name, and each carried what no report reads (lane markers, a case's contacts): about half the answer's time.
Here a query asks DynamoDB for ``sk`` and the counters only and turns each item straight into ``Counts``.

Most of what was left was botocore's response parser, which walks the ten members of DynamoDB's AttributeValue
shape for every value: 60% of `/cx me`'s time. A successful Query's body here is read with ``json.loads``
instead (``_plain_json``, on botocore's ``before-parse`` event, only for these queries and only for a 200
answer): DynamoDB's JSON protocol gives each value as ``{"N": "<digits>"}`` or ``{"S": "<text>"}``, exactly
the form botocore's parser returns for number and string values, and a paging key in the same form.

``get_counts`` reads known keys (the days of a short range) with BatchGetItem, 100 keys a request, the same
projection and the same plain-JSON reading: on DynamoDB Local a request costs about 1.8 ms of this process's CPU
and 1.5 ms of its own whatever it carries, so `/cx why all`'s 81 two-week day queries become 12 requests.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from cx.adapters.dynamo.parallel_batches import PER_GET, batch_get
from cx.aggregation.counters import COUNTERS, Counts
from cx.parallel import each

_NAMES = {f"#c{n}": name for n, name in enumerate(("sk", *COUNTERS))}
_PROJECTION = ", ".join(_NAMES)
_EVENTS = ("before-parse.dynamodb.Query", "before-parse.dynamodb.BatchGetItem")
_here = threading.local()  # set while this thread sends one of these reads


def _plain_json(response_dict: dict[str, Any], customized_response_dict: dict[str, Any], **_: Any) -> None:
    if getattr(_here, "reading", False) and response_dict.get("status_code") == 200:
        customized_response_dict.update(json.loads(response_dict["body"]))
        response_dict["body"] = b"{}"  # the parser then has nothing to walk; an error is parsed as before


def _client(model: type[Any]) -> Any:
    client = model._get_connection().connection.client
    for event in _EVENTS:
        client.meta.events.register(event, _plain_json, unique_id=f"cx-counter-reads-{event}")  # once per client
    return client


@contextmanager
def _reading() -> Iterator[None]:
    """While this thread sends one of these reads, its answer is read with ``json.loads``."""
    _here.reading = True
    try:
        yield
    finally:
        _here.reading = False


def _query(client: Any, request: dict[str, Any]) -> dict[str, Any]:
    with _reading():
        return dict(client.query(**request))


def counts_of(item: dict[str, Any]) -> Counts:
    """An item's non-zero counters, from DynamoDB's attribute-value form, in ``COUNTERS`` order."""
    return {name: v for name in COUNTERS if (value := item.get(name)) is not None and (v := float(value["N"]))}


def query_counts(
    model: type[Any],
    pk: str,
    low: str | None = None,
    high: str | None = None,
    *,
    prefix: str | None = None,
    forward: bool = True,
    page_size: int | None = None,
) -> Iterator[tuple[str, Counts]]:
    """(sk, counters) of ``pk``'s items in sort key order (``forward``) or reverse, those with a sort key from
    ``low`` to ``high`` (or starting with ``prefix``) when given, page by page as the caller reads on."""
    client = _client(model)
    condition = "#p = :p"
    values: dict[str, Any] = {":p": {"S": model.pk.serialize(pk)}}  # with the workspace's namespace, if any
    if low is not None and high is not None:
        condition += " AND #c0 BETWEEN :low AND :high"
        values |= {":low": {"S": low}, ":high": {"S": high}}
    elif prefix is not None:
        condition += " AND begins_with(#c0, :prefix)"
        values[":prefix"] = {"S": prefix}
    request: dict[str, Any] = {
        "TableName": model.Meta.table_name,
        "KeyConditionExpression": condition,
        "ExpressionAttributeNames": {"#p": "pk", **_NAMES},
        "ExpressionAttributeValues": values,
        "ProjectionExpression": _PROJECTION,
        "ScanIndexForward": forward,
    }
    if page_size is not None:
        request["Limit"] = page_size
    while True:
        page = _query(client, request)
        for item in page.get("Items", []):
            yield item["sk"]["S"], counts_of(item)
        if "LastEvaluatedKey" not in page:
            return
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def get_counts(model: type[Any], keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Counts]:
    """The counters of the items of ``keys`` (pk, sk) that exist, by key; 100 keys a request, several at once."""
    client, table = _client(model), model.Meta.table_name
    theirs = {model.pk.serialize(pk): pk for pk, _ in keys}  # with the workspace's namespace, if any
    projection = {"ProjectionExpression": f"#p, {_PROJECTION}", "ExpressionAttributeNames": {"#p": "pk", **_NAMES}}
    raw = [{"pk": {"S": model.pk.serialize(pk)}, "sk": {"S": sk}} for pk, sk in keys]

    def get(chunk: list[dict[str, Any]]) -> list[dict[str, Any]]:
        with _reading():
            return batch_get(client, table, {"Keys": chunk, **projection})

    pages = each(get, [raw[i : i + PER_GET] for i in range(0, len(raw), PER_GET)])
    return {(theirs[item["pk"]["S"]], item["sk"]["S"]): counts_of(item) for page in pages for item in page}
