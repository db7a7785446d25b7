"""POST /ingest: validate conversations and queue them for scoring; rejects are kept for re-drive."""

from __future__ import annotations

import json
import os
from typing import Any

import boto3
from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.importers.records import split_payload

logger = Logger()
metrics = Metrics(namespace="CxAnalytics")
sqs = boto3.client("sqs")
app = APIGatewayHttpResolver()


def _send(queue_url: str, bodies: list[str]) -> None:
    for start in range(0, len(bodies), 10):
        chunk = bodies[start : start + 10]
        failed = sqs.send_message_batch(
            QueueUrl=queue_url, Entries=[{"Id": str(i), "MessageBody": b} for i, b in enumerate(chunk)]
        ).get("Failed", [])
        if failed:
            raise RuntimeError(f"SQS refused {len(failed)} messages: {failed[0].get('Message')}")


@app.post("/ingest")
def ingest() -> Response[str]:
    accepted, rejects = split_payload(app.current_event.decoded_body or "")
    _send(os.environ["CX_SCORE_QUEUE_URL"], [c.model_dump_json(exclude_none=True) for c in accepted])
    _send(os.environ["CX_REJECTS_QUEUE_URL"], [r.model_dump_json() for r in rejects])
    metrics.add_metric("ConversationAccepted", MetricUnit.Count, len(accepted))
    metrics.add_metric("ConversationRejected", MetricUnit.Count, len(rejects))
    body = {"accepted": len(accepted), "rejected": [{"line": r.line, "reason": r.reason} for r in rejects]}
    status = 202 if accepted or not rejects else 400
    return Response(status, "application/json", json.dumps(body))


@logger.inject_lambda_context(correlation_id_path="requestContext.requestId")
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
