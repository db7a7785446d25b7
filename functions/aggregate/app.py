"""Conversations stream -> fold every new evaluation in the batch into the aggregates, exactly once.

The whole batch is folded as one plan (one write per aggregate key). Folding is guarded by the
per-conversation ledger, so when anything fails the batch is retried from its first record and
what was already applied is skipped, never counted twice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes import DynamoDBStreamEvent
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.aggregation.service import fold
from cx.config import Settings
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.wiring import current_wiring

logger = Logger()
metrics = Metrics(namespace="CxAnalytics")
# the time zone days are counted in, as configured (`cx config set timezone=…`), checked each minute
wiring = current_wiring(Settings.from_env(), lambda: datetime.now(UTC))


def _scored_pairs(event: DynamoDBStreamEvent) -> list[tuple[Conversation, Evaluation]]:
    pairs = []
    for record in event.records:
        image = record.dynamodb.new_image if record.dynamodb else None
        if image and image.get("evaluation"):
            pairs.append(
                (
                    Conversation.model_validate_json(image["body"]),
                    Evaluation.model_validate_json(image["evaluation"]),
                )
            )
    return pairs


@logger.inject_lambda_context
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    stream = DynamoDBStreamEvent(event)
    try:
        current = wiring.get()
        report = fold(current.stores.aggregates, _scored_pairs(stream), current.tz)
    except Exception:
        logger.exception("fold failed; the batch will be retried", extra={"operation": "aggregate"})
        first = next(iter(stream.records), None)
        sequence = first.dynamodb.sequence_number if first and first.dynamodb else None
        return {"batchItemFailures": [{"itemIdentifier": sequence}] if sequence else []}
    metrics.add_metric("EvaluationsFolded", MetricUnit.Count, report.folded)
    logger.info("folded", extra={"operation": "aggregate", "folded": report.folded, "skipped": report.skipped})
    return {"batchItemFailures": []}
