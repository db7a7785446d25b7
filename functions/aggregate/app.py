"""Conversations stream -> fold every new evaluation in the batch into the aggregates, exactly once.

The batch is folded in chunks, each committed in one small transaction (ledger entries, case states, the
chunk's increments as a lane's pending delta) and then added to the aggregates by plain conditional
updates (docs/design.md, "The streaming fold, exactly once"), so a retry skips what was already applied
and finishes what a killed attempt committed. A record that cannot be read or counted is set
apart and reported by its own sequence number: the others are counted now, and the stream's
retries and bisection narrow down to that one record, which then goes to the failure destination.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes import DynamoDBStreamEvent
from aws_lambda_powertools.utilities.typing import LambdaContext

from cx.adapters.powertools import function_tools
from cx.aggregation.service import fold
from cx.config import Settings
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Evaluation
from cx.wiring import PerWorkspace, Wiring, current_wiring

tools = function_tools()
logger, metrics = tools.logger, tools.metrics
# the time zone days are counted in, as configured (`cx config set timezone=…`), checked each minute; one per
# workspace (a stream record's ``workspace`` attribute names it; none: the single workspace)
settings = Settings.from_env()
wirings = PerWorkspace(lambda scoped: current_wiring(scoped, lambda: datetime.now(UTC)))
wiring = wirings.of(settings)
Pair = tuple[Conversation, Evaluation]


def _scored_pairs(event: DynamoDBStreamEvent) -> tuple[dict[str, dict[str, Pair]], list[str]]:
    """Pairs by workspace and stream sequence number, and the sequence numbers of records that cannot be read."""
    pairs: dict[str, dict[str, Pair]] = {}
    unreadable: list[str] = []
    for record in event.records:
        image = record.dynamodb.new_image if record.dynamodb else None
        sequence = record.dynamodb.sequence_number if record.dynamodb else None
        if not (image and image.get("evaluation") and sequence):
            continue
        try:
            pairs.setdefault(str(image.get("workspace") or ""), {})[sequence] = (
                Conversation.model_validate_json(image["body"]),
                Evaluation.model_validate_json(image["evaluation"]),
            )
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            logger.warning(
                "unreadable record", extra={"operation": "aggregate", "sequence": sequence, "error": str(exc)[:300]}
            )
            unreadable.append(sequence)
    return pairs, unreadable


def _failures(sequences: list[str]) -> dict[str, Any]:
    ordered = sorted(set(sequences), key=lambda s: (len(s), s))  # sequence numbers are decimal strings
    return {"batchItemFailures": [{"itemIdentifier": s} for s in ordered]}


@tools.handler()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    stream = DynamoDBStreamEvent(event)
    by_workspace, failed = _scored_pairs(stream)
    for workspace, pairs in by_workspace.items():  # each workspace's pairs into its own aggregates
        failed += _fold(workspace, pairs)
    return _failures(failed)


def _fold(workspace: str, pairs: dict[str, Pair]) -> list[str]:
    """The sequence numbers that failed."""
    try:
        current = wirings.of(replace(settings, workspace=workspace)).get()
        report = fold(current.stores.aggregates, list(pairs.values()), current.tz)
    except Exception:
        logger.exception("fold failed; the batch will be retried", extra={"operation": "aggregate"})
        return list(pairs)
    failed: list[str] = []
    bad = {u.conversation_id for u in report.unfolded}
    failed += [sequence for sequence, (conversation, _) in pairs.items() if conversation.id in bad]
    for unfolded in report.unfolded:
        logger.warning(
            "not counted",
            extra={"operation": "aggregate", "conversation_id": unfolded.conversation_id, "reason": unfolded.reason},
        )
    metrics.add_metric("EvaluationsFolded", MetricUnit.Count, report.folded)
    logger.info(
        "folded",
        extra={"operation": "aggregate", "workspace": workspace, "folded": report.folded, "skipped": report.skipped},
    )
    if report.folded and os.environ.get("CX_SLACK_SECRET_ARN"):  # the workspace's open Home tabs
        _refresh_homes(current, workspace)
    return failed


def _refresh_homes(current: Wiring, workspace: str) -> None:
    """The new figures on the workspace's open Home tabs, published with its own token and throttled per user in
    that workspace (the viewers' items carry its namespace); never a reason to retry the batch."""
    try:
        from cxbot.bootstrap import services_of  # the bot layer: imported only when a fold has something to show
        from cxbot.home_refresh import refresh_homes
        from cxbot.lambda_slack import workspace_client

        client = workspace_client(replace(settings, workspace=workspace))
        if client is None:
            logger.info("no token: home tabs not refreshed", extra={"operation": "aggregate", "workspace": workspace})
            return
        published = refresh_homes(client, services_of(current), current.clock())
    except Exception:
        logger.exception("home tabs not refreshed", extra={"operation": "aggregate"})
        return
    if published:
        metrics.add_metric("HomeTabsRefreshed", MetricUnit.Count, len(published))
