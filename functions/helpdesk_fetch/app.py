"""SQS (help-desk events) -> the whole conversation from the vendor's API -> the score queue.

An event from a workspace's route is fetched with that workspace's API token (its own secret), mapped with its
configuration, tracked in its namespace of the helpdesk table and queued for scoring in that workspace.

A vendor error (after waiting out 429s) fails the record, which returns to the queue (then its DLQ); a
conversation the product cannot read goes to the rejects queue with its reason.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.parameters import SecretsProvider
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.adapters.helpdesk_wiring import helpdesk_state, sources
from cx.adapters.powertools import function_tools
from cx.adapters.s3_overflow import s3_keeper
from cx.adapters.sqs_outbox import ATTRIBUTE_ROOM, send_all
from cx.adapters.workspace_secrets import API, WorkspaceSecrets
from cx.aggregation.keys import workspace_prefix
from cx.bootstrap import workspace_config
from cx.config import Settings
from cx.helpdesks.fetch import after_notification
from cx.helpdesks.notifications import Notification
from cx.importers.helpdesk_records import split_records
from cx.importers.sizes import MAX_MESSAGE_BYTES

tools = function_tools()
logger, metrics = tools.logger, tools.metrics
processor = BatchProcessor(event_type=EventType.SQS)
sqs = boto3.client("sqs")
keeper = s3_keeper(boto3.client("s3"), os.environ.get("CX_OVERFLOW_BUCKET"))
secrets = SecretsProvider()
settings = Settings.from_env()
REGION = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
ENDPOINT = os.environ.get("CX_DYNAMODB_ENDPOINT") or None
api_secrets = WorkspaceSecrets(
    os.environ.get("CX_WORKSPACE_SECRETS_PREFIX", ""),
    lambda name: secrets.get(name, transform="json", max_age=300),
)


def _api_secret(workspace: str) -> dict[str, Any]:
    if not workspace:
        secret = secrets.get(os.environ["CX_HELPDESK_API_SECRET_ARN"], transform="json", max_age=300)
        return secret if isinstance(secret, dict) else {}
    found = api_secrets.get(workspace, API)
    if found is None:  # the record returns to the queue (then its DLQ) until the workspace registers its token
        raise RuntimeError(f"workspace {workspace} has no help-desk API secret (cx workspace helpdesk)")
    return found


def record_handler(record: SQSRecord) -> None:
    notification = Notification.from_json(record.body)
    ws = notification.workspace
    state = helpdesk_state(os.environ["CX_HELPDESK_TABLE"], REGION, ENDPOINT, workspace_prefix(ws))
    workspace = workspace_config(replace(settings, workspace=ws), lambda: datetime.now(UTC))
    mapping = dict(workspace.helpdesk) if workspace else {}
    fetched = after_notification(notification, sources(_api_secret(ws)), state, mapping)
    metrics.add_metric(f"HelpdeskConversation{fetched.status.title().replace('-', '')}", MetricUnit.Count, 1)
    if not fetched.records:
        logger.info("nothing sent on", extra={"operation": "fetch", "key": notification.key, "why": fetched.status})
        return
    limit = MAX_MESSAGE_BYTES - (ATTRIBUTE_ROOM if ws else 0)  # room for the workspace attribute
    out = split_records(fetched.records, source=notification.vendor, keep_whole=keeper, limit=limit)
    send_all(sqs, os.environ["CX_SCORE_QUEUE_URL"], out.bodies, ws)
    send_all(sqs, os.environ["CX_REJECTS_QUEUE_URL"], [r.model_dump_json() for r in out.rejects], ws)


@tools.handler()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event, record_handler, processor, context))
