"""SQS -> score each conversation and store it; a failure goes back to the queue (then its DLQ)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.bootstrap import build_pipeline
from cx.config import Settings
from cx.domain.conversation import Conversation

logger = Logger()
metrics = Metrics(namespace="CxAnalytics")
processor = BatchProcessor(event_type=EventType.SQS)
pipeline = build_pipeline(Settings.from_env(), clock=lambda: datetime.now(UTC))


def record_handler(record: SQSRecord) -> None:
    conversation = Conversation.model_validate_json(record.body)
    report = pipeline.score_and_store([conversation])
    if report.failed:
        metrics.add_metric("ConversationFailed", MetricUnit.Count, 1)
        raise RuntimeError(f"scoring {conversation.id} failed: {report.failed[0].reason}")
    metrics.add_metric("ConversationScored", MetricUnit.Count, report.scored)


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    response = process_partial_response(event, record_handler, processor, context)
    return dict(response)
