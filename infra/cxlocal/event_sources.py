"""What Lambda's event source mappings do, played against moto's SQS and DynamoDB Local's streams."""

from __future__ import annotations

from typing import Any

import boto3

from cxlocal.dynamodb_local import local_client
from cxlocal.event_filters import passes, stream_filters


def sqs_event(messages: list[dict[str, Any]], queue_arn: str) -> dict[str, Any]:
    """SQS messages as the SQS event source hands them to a function."""
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "0"},
                "messageAttributes": {},
                "md5OfBody": m.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": "us-east-1",
            }
            for m in messages
        ]
    }


class StreamReader:
    """Reads a table's stream from where it last stopped, shaped and filtered as Lambda's DynamoDB event source
    delivers it: by default only the records that pass the template's FilterCriteria (``filters=[]``: all)."""

    def __init__(self, endpoint: str, table: str, filters: list[dict[str, Any]] | None = None) -> None:
        self.filters = stream_filters() if filters is None else filters
        self.arn = local_client(endpoint).describe_table(TableName=table)["Table"]["LatestStreamArn"]
        self._streams = boto3.client("dynamodbstreams", endpoint_url=endpoint, region_name="us-east-1")
        self._iterators: dict[str, str | None] = {}

    def read_new(self) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = []
        for shard in self._streams.describe_stream(StreamArn=self.arn)["StreamDescription"]["Shards"]:
            sid = shard["ShardId"]
            if sid not in self._iterators:
                self._iterators[sid] = self._streams.get_shard_iterator(
                    StreamArn=self.arn, ShardId=sid, ShardIteratorType="TRIM_HORIZON"
                )["ShardIterator"]
            while (iterator := self._iterators[sid]) is not None:
                page = self._streams.get_records(ShardIterator=iterator)
                self._iterators[sid] = page.get("NextShardIterator")
                if not page["Records"]:
                    break
                records += page["Records"]
        for record in records:
            record["eventSourceARN"] = self.arn
            record["dynamodb"].pop("ApproximateCreationDateTime", None)
        return [record for record in records if passes(self.filters, record)]
