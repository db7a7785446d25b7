"""The one place that builds adapters from settings and hands them to the domain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from cx.adapters.dynamo.aggregate_store import DynamoAggregateStore
from cx.adapters.dynamo.models import DynamoSettings, build_models
from cx.adapters.dynamo.record_store import DynamoConversationStore, DynamoEvaluationStore
from cx.adapters.dynamo.role_store import DynamoRoleStore
from cx.config import Settings
from cx.pipeline import Pipeline
from cx.scoring.port import Scorer


@dataclass(frozen=True)
class Stores:
    conversations: DynamoConversationStore
    evaluations: DynamoEvaluationStore
    aggregates: DynamoAggregateStore
    roles: DynamoRoleStore


def build_stores(settings: Settings) -> Stores:
    dynamo = DynamoSettings(
        conversations_table=settings.conversations_table,
        evaluations_table=settings.evaluations_table,
        aggregates_table=settings.aggregates_table,
        region=settings.region,
        host=settings.dynamodb_endpoint,
    )
    models = build_models(dynamo)
    return Stores(
        DynamoConversationStore(models),
        DynamoEvaluationStore(models),
        DynamoAggregateStore(models, dynamo),
        DynamoRoleStore(models),
    )


def build_scorer(settings: Settings) -> Scorer:
    from cx.scoring.offline import OfflineScorer

    return OfflineScorer()


def build_pipeline(settings: Settings, clock: Callable[[], datetime], scorer: Scorer | None = None) -> Pipeline:
    stores = build_stores(settings)
    return Pipeline(
        conversations=stores.conversations,
        evaluations=stores.evaluations,
        aggregates=stores.aggregates,
        scorer=scorer or build_scorer(settings),
        tz=settings.timezone,
        clock=clock,
    )
