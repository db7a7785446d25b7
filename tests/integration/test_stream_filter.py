"""The template's stream FilterCriteria on DynamoDB Local's real stream records: only scored conversations
reach the aggregator; a removal (as TTL makes) and a failed or unscored conversation never do."""

from __future__ import annotations

import pytest

from cxlocal.dynamodb_local import local_client
from cxlocal.event_filters import stream_filters
from cxlocal.event_sources import StreamReader
from cxlocal.template_tables import LocalTables

pytestmark = pytest.mark.integration


def test_only_scored_conversations_pass_the_stream_filter(tables: LocalTables) -> None:
    client = local_client(tables.endpoint)
    table = tables.conversations
    unfiltered = StreamReader(tables.endpoint, table, filters=[])
    filtered = StreamReader(tables.endpoint, table)
    assert filtered.filters == stream_filters() != []

    def put(conversation_id: str, **attributes: str) -> None:
        item = {"conversation_id": {"S": conversation_id}, **{k: {"S": v} for k, v in attributes.items()}}
        client.put_item(TableName=table, Item=item)

    put("scored", status="scored", body="{}", evaluation='{"cx_score": 4}')
    put("failed", status="failed", body="{}", failure="model API 529")
    put("unscored", status="scored", body="{}")
    put("expiring", status="scored", body="{}", evaluation='{"cx_score": 2}')
    client.delete_item(TableName=table, Key={"conversation_id": {"S": "expiring"}})  # as TTL deletes it
    put("rescored", status="scored", body="{}")
    client.update_item(
        TableName=table,
        Key={"conversation_id": {"S": "rescored"}},
        UpdateExpression="SET evaluation = :e",
        ExpressionAttributeValues={":e": {"S": '{"cx_score": 5}'}},
    )

    every = [(r["eventName"], r["dynamodb"]["Keys"]["conversation_id"]["S"]) for r in unfiltered.read_new()]
    assert ("REMOVE", "expiring") in every and ("INSERT", "failed") in every and ("INSERT", "unscored") in every
    passed = filtered.read_new()
    assert [(r["eventName"], r["dynamodb"]["Keys"]["conversation_id"]["S"]) for r in passed] == [
        ("INSERT", "scored"),
        ("INSERT", "expiring"),
        ("MODIFY", "rescored"),
    ]
    assert all(r["dynamodb"]["StreamViewType"] == "NEW_IMAGE" and "OldImage" not in r["dynamodb"] for r in passed)
