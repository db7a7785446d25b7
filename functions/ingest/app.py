"""POST /ingest and POST /webhook: validate conversations and queue them for scoring; rejects are kept for
re-drive. /webhook takes Intercom, Zendesk or the product's JSON, signed in X-Signature (HMAC-SHA256)."""

from __future__ import annotations

import json
import os
from typing import Any

import boto3
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.parameters import SecretsProvider
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.adapters.powertools import function_tools
from cx.domain.conversation import Conversation
from cx.importers.records import split_payload
from cx.importers.result import Reject
from cx.webhooks.payloads import split_webhook
from cx.webhooks.signature import verify

tools = function_tools()
logger, metrics = tools.logger, tools.metrics
sqs = boto3.client("sqs")
secrets = SecretsProvider()
app = APIGatewayHttpResolver()


def _send(queue_url: str, bodies: list[str]) -> None:
    for start in range(0, len(bodies), 10):
        chunk = bodies[start : start + 10]
        failed = sqs.send_message_batch(
            QueueUrl=queue_url, Entries=[{"Id": str(i), "MessageBody": b} for i, b in enumerate(chunk)]
        ).get("Failed", [])
        if failed:
            raise RuntimeError(f"SQS refused {len(failed)} messages: {failed[0].get('Message')}")


def _queue(accepted: list[Conversation], rejects: list[Reject]) -> Response[str]:
    _send(os.environ["CX_SCORE_QUEUE_URL"], [c.model_dump_json(exclude_none=True) for c in accepted])
    _send(os.environ["CX_REJECTS_QUEUE_URL"], [r.model_dump_json() for r in rejects])
    metrics.add_metric("ConversationAccepted", MetricUnit.Count, len(accepted))
    metrics.add_metric("ConversationRejected", MetricUnit.Count, len(rejects))
    body = {"accepted": len(accepted), "rejected": [{"line": r.line, "reason": r.reason} for r in rejects]}
    status = 202 if accepted or not rejects else 400
    return Response(status, "application/json", json.dumps(body))


@app.post("/ingest")
def ingest() -> Response[str]:
    return _queue(*split_payload(app.current_event.decoded_body or ""))


@app.post("/webhook")
def webhook() -> Response[str]:
    body = app.current_event.decoded_body or ""
    secret = secrets.get(os.environ["CX_WEBHOOK_SECRET_ARN"], transform="json", max_age=300)
    key = str(secret.get("secret", "")) if isinstance(secret, dict) else ""
    if not verify(body.encode(), app.current_event.headers.get("x-signature"), key):
        metrics.add_metric("WebhookRefused", MetricUnit.Count, 1)
        return Response(401, "application/json", json.dumps({"error": "bad or missing X-Signature"}))
    return _queue(*split_webhook(body))


@tools.handler(correlation_id_path="requestContext.requestId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
