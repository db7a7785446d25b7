"""POST /webhook (the product's own JSON) through the ingest function: X-Signature is checked with the secret from
Secrets Manager. Intercom and Zendesk have routes of their own: test_helpdesk_webhooks.py."""

from __future__ import annotations

import json
import time
from typing import Any

import boto3
import pytest
from lambda_loader import cold_start
from support.secrets import put_secret

from cx.webhooks.signature import sign

SECRET = "webhook-secret-for-tests"


def _event(body: str, signature: str | None) -> dict[str, Any]:
    headers = {"content-type": "application/json", **({"x-signature": signature} if signature else {})}
    return {
        "version": "2.0",
        "routeKey": "POST /webhook",
        "rawPath": "/webhook",
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "http": {"method": "POST", "path": "/webhook", "sourceIp": "127.0.0.1"},
            "requestId": "w1",
            "stage": "$default",
        },
        "body": body,
        "isBase64Encoded": False,
    }


def test_signed_webhooks_are_queued_and_forged_ones_refused(
    moto_url: str, lambda_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SECRETS_MANAGER"):
        monkeypatch.setenv(name, moto_url)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    sqs = boto3.client("sqs", region_name="us-east-1")
    score_q = sqs.create_queue(QueueName=f"score-{time.time_ns()}")["QueueUrl"]
    monkeypatch.setenv("CX_SCORE_QUEUE_URL", score_q)
    monkeypatch.setenv("CX_REJECTS_QUEUE_URL", sqs.create_queue(QueueName=f"rej-{time.time_ns()}")["QueueUrl"])
    arn = put_secret("webhook", {"secret": SECRET})
    monkeypatch.setenv("CX_WEBHOOK_SECRET_ARN", arn)
    fn = cold_start("ingest")
    intercom = json.dumps({"id": "p-1", "channel": "chat", "messages": [{"role": "customer", "text": "Hi"}]})
    zendesk = json.dumps([{"id": "p-2", "channel": "email", "messages": [{"role": "customer", "text": "Hello"}]}])

    assert fn.handler(_event(intercom, None), lambda_context)["statusCode"] == 401
    assert fn.handler(_event(intercom, sign(intercom.encode(), "wrong")), lambda_context)["statusCode"] == 401
    assert fn.handler(_event(intercom + " ", sign(intercom.encode(), SECRET)), lambda_context)["statusCode"] == 401
    assert "Messages" not in sqs.receive_message(QueueUrl=score_q)

    for body in (intercom, zendesk):
        response = fn.handler(_event(body, sign(body.encode(), SECRET)), lambda_context)
        assert response["statusCode"] == 202, response
    queued = sqs.receive_message(QueueUrl=score_q, MaxNumberOfMessages=10)["Messages"]
    assert sorted(json.loads(m["Body"])["id"] for m in queued) == ["p-1", "p-2"]
