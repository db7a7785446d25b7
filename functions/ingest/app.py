"""POST /ingest, /webhook, /ingest/workspace, /webhook/intercom[/{workspace}], /webhook/zendesk[/{workspace}].

/ingest (IAM-signed) and /webhook (the product's JSON, X-Signature HMAC-SHA256) validate conversations and
queue them for scoring, rejects kept for re-drive: one credential, for a single-workspace deploy. Where
workspaces install the app, each posts to /ingest/workspace with its own ingest key (the key says which
workspace), and each help desk to its workspace's route, verified with that workspace's signing secret.
The help-desk routes check the vendor's own signature, refuse replays and queue the event for the fetch
function, which reads the whole conversation with the workspace's API token.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import Any

import boto3
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.parameters import SecretsProvider
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.adapters.dynamo.ingest_keys import DynamoIngestKeys
from cx.adapters.dynamo.installations import build_installation_model, installed_workspaces
from cx.adapters.helpdesk_wiring import helpdesk_state
from cx.adapters.powertools import function_tools
from cx.adapters.s3_overflow import s3_keeper
from cx.adapters.sqs_outbox import ATTRIBUTE_ROOM, send_all
from cx.adapters.workspace_secrets import SIGNING, WorkspaceSecrets
from cx.aggregation.keys import workspace_prefix
from cx.domain.conversation import Conversation
from cx.helpdesks.notifications import Vendor
from cx.helpdesks.receive import receive
from cx.importers.queueing import messages
from cx.importers.records import split_payload
from cx.importers.result import Reject
from cx.importers.sizes import MAX_MESSAGE_BYTES
from cx.ingest_keys import KeyRefused, bearer, resolve
from cx.installed import InstalledCheck, WorkspaceRefused
from cx.webhooks.payloads import split_webhook
from cx.webhooks.signature import verify

tools = function_tools()
logger, metrics = tools.logger, tools.metrics
sqs = boto3.client("sqs")
keeper = s3_keeper(boto3.client("s3"), os.environ.get("CX_OVERFLOW_BUCKET"))
secrets = SecretsProvider()
app = APIGatewayHttpResolver()
REGION = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
ENDPOINT = os.environ.get("CX_DYNAMODB_ENDPOINT") or None
INSTALLATIONS = os.environ.get("CX_INSTALLATIONS_TABLE")
# which workspaces may be sent to: those installed through "Add to Slack" (none: the single workspace)
installed = InstalledCheck(installed_workspaces(INSTALLATIONS, REGION, ENDPOINT))
keys = DynamoIngestKeys(build_installation_model(INSTALLATIONS, REGION, ENDPOINT)) if INSTALLATIONS else None
signing_secrets = WorkspaceSecrets(
    os.environ.get("CX_WORKSPACE_SECRETS_PREFIX", ""),
    lambda name: secrets.get(name, transform="json", max_age=300),
)


def _json(status: int, body: dict[str, Any]) -> Response[str]:
    return Response(status, "application/json", json.dumps(body))


def _secret(env: str) -> dict[str, Any]:
    value = secrets.get(os.environ[env], transform="json", max_age=300)
    return value if isinstance(value, dict) else {}


def _refused(status: int, why: str, vendor: str = "") -> Response[str]:
    """Counted by the refused-webhooks alarm; nothing of the request is kept."""
    metrics.add_metric("WebhookRefused", MetricUnit.Count, 1)
    logger.warning("push refused", extra={"operation": "webhook" if vendor else "ingest", "vendor": vendor, "why": why})
    return _json(status, {"status": status, "message": why} if vendor else {"error": why})


def _single(accepted: list[Conversation], rejects: list[Reject]) -> Response[str]:
    """The deploy's one credential writes to the single workspace only."""
    try:
        workspace = installed.single((app.current_event.query_string_parameters or {}).get("workspace"))
    except WorkspaceRefused as refused:
        return _json(400 if not installed.several else 403, {"error": str(refused)})
    return _queue(accepted, rejects, workspace)


def _queue(accepted: list[Conversation], rejects: list[Reject], workspace: str) -> Response[str]:
    limit = MAX_MESSAGE_BYTES - (ATTRIBUTE_ROOM if workspace else 0)
    out = messages(accepted, rejects, source="ingest-api", keep_whole=keeper, limit=limit)
    bodies, rejects = out.bodies, out.rejects
    send_all(sqs, os.environ["CX_SCORE_QUEUE_URL"], bodies, workspace)
    send_all(sqs, os.environ["CX_REJECTS_QUEUE_URL"], [r.model_dump_json() for r in rejects], workspace)
    metrics.add_metric("ConversationAccepted", MetricUnit.Count, len(bodies))
    metrics.add_metric("ConversationRejected", MetricUnit.Count, len(rejects))
    body = {"accepted": len(bodies), "rejected": [{"line": r.line, "id": r.id, "reason": r.reason} for r in rejects]}
    return _json(202 if bodies or not rejects else 400, body)


@app.post("/ingest")
def ingest() -> Response[str]:
    return _single(*split_payload(app.current_event.decoded_body or ""))


@app.post("/ingest/workspace")
def ingest_workspace() -> Response[str]:
    """The workspace is the one the key was issued for; nothing the sender writes in the request can change it."""
    if keys is None or not installed.several:
        return _json(403, {"error": "this deploy serves one workspace: post to /ingest (IAM) or /webhook"})
    try:
        workspace = resolve(bearer(app.current_event.headers.get("authorization")), keys, installed.has_now)
    except KeyRefused as refused:
        return _refused(401, str(refused))
    return _queue(*split_payload(app.current_event.decoded_body or ""), workspace)


@app.post("/webhook")
def webhook() -> Response[str]:
    body = app.current_event.decoded_body or ""
    key = str(_secret("CX_WEBHOOK_SECRET_ARN").get("secret", ""))
    if not verify(body.encode(), app.current_event.headers.get("x-signature"), key):
        metrics.add_metric("WebhookRefused", MetricUnit.Count, 1)
        return _json(401, {"error": "bad or missing X-Signature"})
    return _single(*split_webhook(body))


def _helpdesk(vendor: Vendor, workspace: str = "") -> Response[str]:
    """``workspace``: the route's; its help desk's events are verified with its own signing secret only."""
    if workspace and not installed.has(workspace):
        return _refused(401, f"workspace {workspace[:40]} has not installed the app here", vendor=vendor)
    if not workspace and installed.several:
        why = f"this deploy serves several workspaces: point the webhook at /webhook/{vendor}/<Slack workspace id>"
        return _refused(401, why, vendor=vendor)
    signing = signing_secrets.get(workspace, SIGNING) if workspace else _secret("CX_HELPDESK_SIGNING_SECRET_ARN")
    if signing is None:
        why = f"workspace {workspace} has no help-desk signing secret this function can read (cx workspace helpdesk)"
        return _refused(401, why, vendor=vendor)
    body = (app.current_event.decoded_body or "").encode()
    headers = {k.lower(): v for k, v in (app.current_event.headers or {}).items()}
    state = helpdesk_state(os.environ["CX_HELPDESK_TABLE"], REGION, ENDPOINT, workspace_prefix(workspace))
    received = receive(vendor, body, headers, signing, state, datetime.now(UTC), workspace)
    if received.refused:
        metrics.add_metric("WebhookRefused", MetricUnit.Count, 1)
        logger.warning("webhook refused", extra={"operation": "webhook", "vendor": vendor, "why": received.message})
    if received.notification is not None:
        try:
            sqs.send_message(QueueUrl=os.environ["CX_FETCH_QUEUE_URL"], MessageBody=received.notification.to_json())
        except Exception:
            if received.delivery_key:  # the vendor retries a 5xx: that retry must not be refused as a replay
                state.forget_delivery(received.delivery_key)
            raise
        metrics.add_metric("HelpdeskEventQueued", MetricUnit.Count, 1)
    return _json(received.status, {"status": received.status, "message": received.message})


@app.post("/webhook/intercom")
def intercom() -> Response[str]:
    return _helpdesk("intercom")


@app.post("/webhook/zendesk")
def zendesk() -> Response[str]:
    return _helpdesk("zendesk")


@app.post("/webhook/intercom/<workspace>")
def intercom_of(workspace: str) -> Response[str]:
    return _helpdesk("intercom", workspace)


@app.post("/webhook/zendesk/<workspace>")
def zendesk_of(workspace: str) -> Response[str]:
    return _helpdesk("zendesk", workspace)


@tools.handler(correlation_id_path="requestContext.requestId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
