"""SQS -> score each conversation and store it; a failure goes back to the queue (then its DLQ).

A body that is not a valid conversation is sent to the rejects queue with its reason (retrying cannot fix
it). When the model API is unavailable the record fails at once and stays on the queue.

The records of a batch are scored CX_SCORE_CONCURRENCY at a time, and a record is started only while at least
CX_SCORE_START_SECONDS of the invocation are left (the Lambda context's remaining time); each model call is cut
before the end too. What was not started or not finished is a batch item failure, retried from the queue: a
batch never times out whole, and a retried record that was stored meanwhile is left alone (nothing counts twice).
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
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.adapters.powertools import function_tools
from cx.adapters.sqs_outbox import WORKSPACE_ATTRIBUTE
from cx.concurrency import NotStarted, bounded
from cx.config import Settings
from cx.importers.queued import parse_queued
from cx.importers.result import Reject
from cx.pipeline import PipelineReport
from cx.scoring import deadline
from cx.wiring import PerWorkspace, current_wiring

tools = function_tools()
logger, metrics = tools.logger, tools.metrics
# A batch that fails whole (the circuit is open) is reported record by record, not raised as an error.
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
# rebuilt when the workspace configuration changes (journeys of inquiries, time zone, Claude model), checked each
# minute; one per workspace the queued conversations name (the message's workspace attribute; none: the only one)
settings = Settings.from_env()
wirings = PerWorkspace(lambda scoped: current_wiring(scoped, lambda: datetime.now(UTC)))
wiring = wirings.of(settings)
rejects_queue = os.environ.get("CX_REJECTS_QUEUE_URL")
sqs = boto3.client("sqs") if rejects_queue else None


def score(record: SQSRecord) -> PipelineReport | Reject:
    """Runs in a worker thread: no metrics here (the handler's thread adds them)."""
    conversation = parse_queued(record.body)
    if isinstance(conversation, Reject):
        if sqs is None or rejects_queue is None:
            raise ValueError(f"message {record.message_id} is not a conversation: {conversation.reason}")
        sqs.send_message(QueueUrl=rejects_queue, MessageBody=conversation.model_dump_json())
        return conversation
    attribute = record.message_attributes[WORKSPACE_ATTRIBUTE]
    workspace = (attribute.string_value if attribute is not None else None) or ""
    # the single workspace's is the module's `wiring` (looked up now: a test may hold its own in its place)
    current = wirings.of(replace(settings, workspace=workspace)) if workspace else wiring
    return current.get().scoring.score_and_store([conversation])


def outcome(record: SQSRecord, result: PipelineReport | Reject | BaseException | NotStarted) -> None:
    if isinstance(result, BaseException):
        logger.warning("record not scored", extra={"message_id": record.message_id, "error": type(result).__name__})
        raise result
    if isinstance(result, NotStarted):
        metrics.add_metric("ConversationDeferred", MetricUnit.Count, 1)
        raise TimeoutError(f"message {record.message_id} not started: too little of the invocation left")
    if isinstance(result, Reject):
        metrics.add_metric("ConversationRejected", MetricUnit.Count, 1)
    elif result.failed:
        metrics.add_metric("ConversationFailed", MetricUnit.Count, 1)
        raise RuntimeError(f"scoring {result.failed[0].conversation_id} failed: {result.failed[0].reason}")
    else:
        metrics.add_metric("ConversationScored", MetricUnit.Count, result.scored)


@tools.handler()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    left = lambda: context.get_remaining_time_in_millis() / 1000  # noqa: E731
    records = [SQSRecord(r) for r in event.get("Records", [])]
    deadline.until(left)
    try:
        results = bounded(records, score, settings.score_concurrency, lambda: left() >= settings.score_start_seconds)
    finally:
        deadline.until(None)
    by_id = {r.message_id: result for r, result in zip(records, results, strict=True)}

    def record_handler(record: SQSRecord) -> None:  # Powertools passes it as `record=`
        outcome(record, by_id[record.message_id])

    response = process_partial_response(event, record_handler, processor, context)
    return dict(response)
