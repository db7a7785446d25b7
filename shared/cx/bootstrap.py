"""The one place that builds adapters from settings and hands them to the domain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from cx.adapters.dynamo.aggregate_store import DynamoAggregateStore
from cx.adapters.dynamo.models import DynamoSettings, build_models
from cx.adapters.dynamo.record_store import DynamoConversationStore, DynamoEvaluationStore
from cx.config import ClaudeSettings, ConfigError, Settings
from cx.pipeline import Pipeline
from cx.scoring.port import Scorer


@dataclass(frozen=True)
class Stores:
    conversations: DynamoConversationStore
    evaluations: DynamoEvaluationStore
    aggregates: DynamoAggregateStore


def build_stores(settings: Settings) -> Stores:
    dynamo = DynamoSettings(
        conversations_table=settings.conversations_table,
        evaluations_table=settings.evaluations_table,
        aggregates_table=settings.aggregates_table,
        region=settings.region,
        host=settings.dynamodb_endpoint,
    )
    models = build_models(dynamo)
    return Stores(DynamoConversationStore(models), DynamoEvaluationStore(models), DynamoAggregateStore(models, dynamo))


def build_scorer(settings: Settings) -> Scorer:
    if settings.claude is not None:
        return build_claude_scorer(settings.claude)
    from cx.scoring.offline import OfflineScorer

    return OfflineScorer()


def build_claude_scorer(claude: ClaudeSettings) -> Scorer:
    """The SDK itself is imported only when the first conversation is scored."""
    from cx.scoring.claude.adapter import ClaudeScorer

    api_key = claude.api_key_env
    if api_key is None:
        from aws_lambda_powertools.utilities.parameters import SecretsProvider

        secret = SecretsProvider().get(claude.secret_arn or "", transform="json", max_age=300)
        if not isinstance(secret, dict) or not secret.get("api_key"):
            raise ConfigError('the Anthropic secret needs a JSON value {"api_key": "sk-ant-..."}')
        api_key = str(secret["api_key"])
    return ClaudeScorer(model=claude.model, api_key=api_key, base_url=claude.base_url)


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
