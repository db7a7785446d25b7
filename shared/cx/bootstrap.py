"""The one place that builds adapters from settings and hands them to the domain."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from cx.adapters.dynamo.aggregate_store import DynamoAggregateStore
from cx.adapters.dynamo.config_store import DynamoPromotionStore, build_config_model
from cx.adapters.dynamo.digest_store import (
    DynamoDriftStatusStore,
    DynamoPostLedger,
    DynamoSubscriptionStore,
    build_ledger_model,
)
from cx.adapters.dynamo.label_store import DynamoLabelStore, build_label_model
from cx.adapters.dynamo.models import DynamoSettings, build_models
from cx.adapters.dynamo.plan_store import DynamoPlanStore, build_plan_model
from cx.adapters.dynamo.record_store import DynamoConversationStore, DynamoEvaluationStore
from cx.adapters.dynamo.role_store import DynamoRoleStore
from cx.adapters.dynamo.workspace_store import DynamoWorkspaceStore
from cx.calibration.drift import DriftReport
from cx.calibration.shadow import Shadow
from cx.config import ClaudeSettings, ConfigError, Settings
from cx.digest.report import Digest
from cx.pipeline import Pipeline
from cx.ranges import DateRange
from cx.scoring.port import Scorer
from cx.workspace.config import WorkspaceConfig, defaults
from cx.workspace.store import load

if TYPE_CHECKING:
    from cx.coaching.daily import DailyReport
    from cx.coaching.ports import Messenger


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
        DynamoConversationStore(models, settings.retention_days),
        DynamoEvaluationStore(models),
        DynamoAggregateStore(models, dynamo),
        DynamoRoleStore(models),
    )


def build_active_scorer(settings: Settings) -> Scorer:
    """The scorer last promoted with `cx promote` (recorded in the config table), else CX_SCORER's."""
    promoted = build_promotions(settings).active() if settings.config_table else None
    if promoted is None or promoted.scorer == settings.scorer:
        return build_scorer(settings)
    if promoted.scorer == "claude" and settings.claude is None:
        raise ConfigError(
            f"{promoted.describe()} made claude the active scorer: set CX_CLAUDE_MODEL and the API key, "
            "or promote offline again"
        )
    return build_scorer(replace(settings, scorer=promoted.scorer))


def build_scorer(settings: Settings) -> Scorer:
    if settings.scorer == "claude" and settings.claude is not None:
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


def build_pipeline(
    settings: Settings,
    clock: Callable[[], datetime],
    scorer: Scorer | None = None,
    workspace: WorkspaceConfig | None = None,
) -> Pipeline:
    """The pipeline for settings as they are in force (``workspace`` given: merged by ``Wiring``); without
    ``workspace``, the stored workspace configuration is read and applied here (the CLI's one-off runs)."""
    if workspace is None:
        workspace = workspace_config(settings, clock)
        if workspace is not None:
            settings = with_workspace(settings, workspace)
    stores = build_stores(settings)
    return Pipeline(
        conversations=stores.conversations,
        evaluations=stores.evaluations,
        aggregates=stores.aggregates,
        scorer=scorer or build_active_scorer(settings),
        tz=settings.timezone,
        clock=clock,
        shadow=build_shadow(settings),
        journey_of_inquiry=workspace.journey_of_inquiry if workspace and workspace.journeys else None,
    )


def build_workspace_store(settings: Settings) -> DynamoWorkspaceStore:
    if not settings.config_table:
        raise ConfigError("set CX_CONFIG_TABLE (the config table; template.yaml sets it on AWS)")
    return _workspace_store(settings.config_table, settings.region, settings.dynamodb_endpoint)


@lru_cache(maxsize=16)
def _workspace_store(table: str, region: str, host: str | None) -> DynamoWorkspaceStore:
    """One store per table: functions read the configuration's version every minute, and the Slack function
    builds its services, reads the configuration and checks its version at start."""
    return DynamoWorkspaceStore(build_config_model(table, region, host), region, host)


def deploy_defaults(settings: Settings) -> WorkspaceConfig:
    """The workspace configuration a new deployment starts from: its deploy parameters."""
    return defaults(settings.pass_threshold, settings.timezone.key, settings.drift_channel)


def workspace_config(settings: Settings, clock: Callable[[], datetime], create: bool = False) -> WorkspaceConfig | None:
    """The stored workspace configuration, or the deploy defaults until one is stored (``create`` stores them,
    for the Slack function and the CLI, which may write); None without a config table."""
    if not settings.config_table:
        return None
    return load(build_workspace_store(settings), deploy_defaults(settings), clock(), create=create)


def workspace_version(settings: Settings) -> int:
    """The stored workspace configuration's version (0: none stored): functions rebuild what depends on it
    when it changes."""
    current = build_workspace_store(settings).current() if settings.config_table else None
    return current.version if current else 0


def with_workspace(settings: Settings, workspace: WorkspaceConfig) -> Settings:
    """Settings with what operators configured at run time in place of the deploy defaults."""
    claude = settings.claude
    if claude is not None and workspace.claude_model:
        claude = replace(claude, model=workspace.claude_model)
    return replace(
        settings,
        pass_threshold=workspace.pass_threshold,
        timezone=workspace.zone(),
        drift_channel=workspace.drift_channel,
        claude=claude,
    )


def build_label_store(settings: Settings) -> DynamoLabelStore:
    if not settings.labels_table:
        raise ConfigError("set CX_LABELS_TABLE (the human labels table; template.yaml sets it on AWS)")
    return DynamoLabelStore(build_label_model(settings.labels_table, settings.region, settings.dynamodb_endpoint))


def build_drift_check(settings: Settings) -> Callable[[datetime], DriftReport]:
    """The weekly drift check over the stored evaluations and labels, for a given now."""
    from cx.adapters.dynamo.observations import DynamoObservations
    from cx.calibration.drift_job import recent_agreement, weekly_drift
    from cx.config import calibration_policy, drift_thresholds

    stores, policy, thresholds = build_stores(settings), calibration_policy(), drift_thresholds()
    observations = DynamoObservations(stores.conversations.models, settings.timezone)
    labels = build_label_store(settings) if settings.labels_table else None

    def check(now: datetime) -> DriftReport:
        recent = None
        if labels is not None:
            recent = recent_agreement(labels, stores.conversations, stores.evaluations, policy, now)
        return weekly_drift(observations, now.astimezone(settings.timezone).date(), thresholds, policy, recent)

    return check


def build_shadow(settings: Settings) -> Shadow | None:
    """The candidate scorer named by CX_SHADOW_SCORER on CX_SHADOW_SHARE of traffic, if one is named."""
    if not settings.shadow_scorer or settings.shadow_share <= 0:
        return None
    if settings.shadow_scorer != "offline":
        raise ConfigError(f"CX_SHADOW_SCORER={settings.shadow_scorer!r}: available scorers are: offline")
    from cx.scoring.offline import OfflineScorer

    return Shadow(OfflineScorer(), settings.shadow_share)


def build_promotions(settings: Settings) -> DynamoPromotionStore:
    if not settings.config_table:
        raise ConfigError("set CX_CONFIG_TABLE (the config table; template.yaml sets it on AWS)")
    return DynamoPromotionStore(build_config_model(settings.config_table, settings.region, settings.dynamodb_endpoint))


def build_plan_store(settings: Settings) -> DynamoPlanStore:
    if not settings.coaching_table:
        raise ConfigError("set CX_COACHING_TABLE (the coaching plans table; template.yaml sets it on AWS)")
    return DynamoPlanStore(build_plan_model(settings.coaching_table, settings.region, settings.dynamodb_endpoint))


def build_coaching_run(settings: Settings) -> Callable[[Messenger, date], DailyReport]:
    """The daily coaching run over the stored plans and aggregate rows, for a messenger and a day."""
    from cx.coaching.daily import leads_of_team, run_daily

    stores, plans = build_stores(settings), build_plan_store(settings)

    def run(messenger: Messenger, today: date) -> DailyReport:
        return run_daily(plans, stores.aggregates, messenger, leads_of_team(stores.roles.get_roles()), today)

    return run


@dataclass(frozen=True)
class DigestWiring:
    """The weekly digest's sources: ``make(period, journeys or None for all, now)`` builds one."""

    make: Callable[[DateRange, Sequence[str] | None, datetime], Digest]
    subscriptions: DynamoSubscriptionStore | None  # None without a config table
    ledger: DynamoPostLedger | None
    drift_status: DynamoDriftStatusStore | None


def build_digest_wiring(settings: Settings) -> DigestWiring:
    """The digest reads aggregates, a few cases, recent labels, promotions and the latest drift status."""
    from cx.calibration.drift_job import recent_agreement
    from cx.config import calibration_policy
    from cx.digest.health import ScorerHealth
    from cx.digest.report import build_digest
    from cx.digest.why import ExplainedWhy

    stores, policy = build_stores(settings), calibration_policy()
    labels = build_label_store(settings) if settings.labels_table else None
    promotions = build_promotions(settings) if settings.config_table else None
    subscriptions: DynamoSubscriptionStore | None = None
    ledger: DynamoPostLedger | None = None
    drift_status: DynamoDriftStatusStore | None = None
    if settings.config_table:
        config = build_config_model(settings.config_table, settings.region, settings.dynamodb_endpoint)
        subscriptions, drift_status = DynamoSubscriptionStore(config), DynamoDriftStatusStore(config)
        ledger = DynamoPostLedger(
            build_ledger_model(settings.config_table, settings.region, settings.dynamodb_endpoint)
        )
    kappa = next((t.minimum for t in policy.targets if t.metric == "kappa"), None)

    def make(period: DateRange, journeys: Sequence[str] | None, now: datetime) -> Digest:
        names = list(journeys) if journeys else sorted(stores.aggregates.known_journeys())
        agreement = None
        if labels is not None:
            agreement = recent_agreement(labels, stores.conversations, stores.evaluations, policy, now)
        health = ScorerHealth(agreement, kappa, drift_status.latest() if drift_status else None, labels is not None)
        markers = [
            (p.at.astimezone(settings.timezone).date(), f"{p.previous or '?'} → {p.scorer}")
            for p in (promotions.history() if promotions else [])
        ]
        return build_digest(
            stores.aggregates,
            stores.conversations,
            names,
            period,
            settings.pass_threshold,
            all_journeys=not journeys,
            why=ExplainedWhy(stores.aggregates, period, settings.pass_threshold),
            health=health,
            markers=markers,
        )

    return DigestWiring(make, subscriptions, ledger, drift_status)


def build_drift_status(settings: Settings) -> DynamoDriftStatusStore | None:
    """Where the drift check records its latest status for the digest; None without a config table."""
    if not settings.config_table:
        return None
    return DynamoDriftStatusStore(
        build_config_model(settings.config_table, settings.region, settings.dynamodb_endpoint)
    )
