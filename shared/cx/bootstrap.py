"""The one place that builds adapters from settings and hands them to the domain."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from cx.adapters.dynamo.aggregate_store import DynamoAggregateStore
from cx.adapters.dynamo.config_store import (
    DynamoPromotionStore,
    DynamoScorerVersionStore,
    DynamoShadowPlanStore,
    build_config_model,
)
from cx.adapters.dynamo.digest_store import (
    DynamoDriftStatusStore,
    DynamoPostLedger,
    DynamoSubscriptionStore,
    build_ledger_model,
)
from cx.adapters.dynamo.home_store import DynamoHomeViewers
from cx.adapters.dynamo.label_store import DynamoLabelStore, build_label_model
from cx.adapters.dynamo.models import DynamoSettings, build_models
from cx.adapters.dynamo.plan_store import DynamoPlanStore, build_plan_model
from cx.adapters.dynamo.record_store import DynamoConversationStore, DynamoEvaluationStore
from cx.adapters.dynamo.role_store import DynamoRoleStore
from cx.adapters.dynamo.workspace_store import DynamoWorkspaceStore
from cx.aggregation.keys import workspace_prefix
from cx.calibration.drift import DriftReport
from cx.calibration.shadow import Shadow
from cx.config import ClaudeSettings, ConfigError, Settings
from cx.digest.report import Digest
from cx.pipeline import Pipeline
from cx.ranges import DateRange
from cx.remembered import Readable, Remembered
from cx.scoring.kinds import ClaudeAccess, KindContext
from cx.scoring.kinds import build as build_kind
from cx.scoring.port import Scorer
from cx.scoring.versions import InvalidVersion, ScorerVersion, builtin_versions, find, overview
from cx.workspace.config import WorkspaceConfig, defaults
from cx.workspace.store import load

if TYPE_CHECKING:
    from cx.coaching.daily import DailyReport
    from cx.coaching.ports import Messenger


def namespace(settings: Settings) -> str:
    """The key prefix of the workspace the settings are for ("" in a single-workspace deploy)."""
    return workspace_prefix(settings.workspace)


def _where(settings: Settings) -> tuple[str, str | None, str]:
    """(region, endpoint, namespace) for a table model."""
    return settings.region, settings.dynamodb_endpoint, namespace(settings)


@dataclass(frozen=True)
class Stores:
    conversations: DynamoConversationStore
    evaluations: DynamoEvaluationStore
    aggregates: DynamoAggregateStore
    roles: DynamoRoleStore
    homes: DynamoHomeViewers  # who has a Home tab to refresh after folds


def build_stores(settings: Settings) -> Stores:
    dynamo = DynamoSettings(
        conversations_table=settings.conversations_table,
        evaluations_table=settings.evaluations_table,
        aggregates_table=settings.aggregates_table,
        region=settings.region,
        host=settings.dynamodb_endpoint,
        workspace=settings.workspace,
    )
    models = build_models(dynamo)
    return Stores(
        DynamoConversationStore(models, settings.retention_days, settings.workspace),
        DynamoEvaluationStore(models),
        DynamoAggregateStore(models, dynamo),
        DynamoRoleStore(models),
        DynamoHomeViewers(models),
    )


def build_active_scorer(settings: Settings) -> Scorer:
    """The version last promoted with `cx promote` (recorded in the config table), else CX_SCORER's."""
    promoted = build_promotions(settings).active() if settings.config_table else None
    name = promoted.scorer if promoted is not None else settings.scorer
    try:
        return build_version_scorer(settings, name)
    except InvalidVersion as problem:
        if promoted is None:
            raise ConfigError(f"CX_SCORER={name!r}: {problem}") from None
        raise ConfigError(f"{promoted.describe()} made {name} the active scorer: {problem}") from None


def build_version_store(settings: Settings) -> DynamoScorerVersionStore | None:
    """Created scorer versions (`cx scorer create`); None without a config table (built-ins only)."""
    if not settings.config_table:
        return None
    return DynamoScorerVersionStore(build_config_model(settings.config_table, *_where(settings)))


def scorer_version(settings: Settings, name: str) -> ScorerVersion:
    """A version by name, built-in or created; InvalidVersion lists the ones there are."""
    return find(build_version_store(settings), name, settings.claude.model if settings.claude else None)


def kind_context(settings: Settings) -> KindContext:
    claude = settings.claude
    if claude is None:
        return KindContext()
    return KindContext(
        ClaudeAccess(
            api_key=lambda: claude_api_key(claude),
            base_url=claude.base_url,
            provider=claude.provider,
            region=claude.region,
        )
    )


def build_version_scorer(settings: Settings, name: str) -> Scorer:
    version = scorer_version(settings, name)
    if version.kind == "claude" and settings.claude is None:
        raise InvalidVersion(f"{name} runs Claude: set CX_CLAUDE_MODEL and the API key, or promote offline again")
    return build_kind(version, kind_context(settings))


def build_scorer(settings: Settings) -> Scorer:
    if settings.scorer == "claude" and settings.claude is not None:
        return build_claude_scorer(settings.claude)
    from cx.scoring.versions import offline_scorer

    return offline_scorer(settings.scorer if settings.scorer in ("offline-v2", "offline-v3") else "offline")


def claude_api_key(claude: ClaudeSettings) -> str:
    """The key from ANTHROPIC_API_KEY, else the Secrets Manager secret (cached five minutes); none on Bedrock."""
    if claude.provider == "bedrock":
        return ""
    if claude.api_key_env is not None:
        return claude.api_key_env
    from aws_lambda_powertools.utilities.parameters import SecretsProvider

    secret = SecretsProvider().get(claude.secret_arn or "", transform="json", max_age=300)
    if not isinstance(secret, dict) or not secret.get("api_key"):
        raise ConfigError('the Anthropic secret needs a JSON value {"api_key": "sk-ant-..."}')
    return str(secret["api_key"])


def build_claude_scorer(claude: ClaudeSettings) -> Scorer:
    """The SDK itself is imported only when the first conversation is scored."""
    from cx.scoring.claude.adapter import ClaudeScorer

    return ClaudeScorer(
        model=claude.model,
        api_key=claude_api_key(claude),
        base_url=claude.base_url,
        provider=claude.provider,
        aws_region=claude.region,
    )


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
    return _workspace_store(settings.config_table, *_where(settings))


@lru_cache(maxsize=64)
def _workspace_store(table: str, region: str, host: str | None, prefix: str) -> DynamoWorkspaceStore:
    """One store per table: functions read the configuration's version every minute, and the Slack function
    builds its services, reads the configuration and checks its version at start."""
    return DynamoWorkspaceStore(build_config_model(table, region, host, prefix), region, host)


def deploy_defaults(settings: Settings) -> WorkspaceConfig:
    """The workspace configuration a new deployment starts from: its deploy parameters."""
    return defaults(settings.pass_threshold, settings.timezone.key)


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


def scoring_state(settings: Settings) -> tuple[int, str, str]:
    """What the score function's pipeline depends on besides settings: the workspace configuration's version,
    the latest promotion (`cx promote`) and the shadow plan (`cx shadow start|stop`); rebuilt when it changes."""
    if not settings.config_table:
        return (0, "", "")
    held = build_promotions(settings).active()
    plans = build_shadow_plans(settings)
    plan = plans.current() if plans is not None else None
    return (
        workspace_version(settings),
        held.at.isoformat() if held else "",
        f"{plan.version}@{plan.at.isoformat()}" if plan else "",
    )


def with_workspace(settings: Settings, workspace: WorkspaceConfig) -> Settings:
    """Settings with what operators configured at run time in place of the deploy defaults."""
    claude = settings.claude
    if claude is not None and workspace.claude_model:
        claude = replace(claude, model=workspace.claude_model)
    return replace(
        settings,
        pass_threshold=workspace.pass_threshold,
        timezone=workspace.zone(),
        drift_channel=workspace.drift_destination(settings.drift_channel)[0],
        claude=claude,
    )


def build_label_store(settings: Settings) -> DynamoLabelStore:
    if not settings.labels_table:
        raise ConfigError("set CX_LABELS_TABLE (the human labels table; template.yaml sets it on AWS)")
    return DynamoLabelStore(build_label_model(settings.labels_table, *_where(settings)))


def build_drift_check(settings: Settings) -> Callable[[datetime], DriftReport]:
    """The weekly drift check over the stored evaluations and labels, for a given now."""
    from cx.adapters.dynamo.observations import DynamoObservations
    from cx.calibration.drift_job import recent_agreement, weekly_drift
    from cx.config import calibration_policy, drift_thresholds

    stores, policy, thresholds = build_stores(settings), calibration_policy(), drift_thresholds()
    observations = DynamoObservations(stores.conversations.models, settings.timezone)
    labels = build_label_store(settings) if settings.labels_table else None
    promotions = build_promotions(settings) if settings.config_table else None

    def check(now: datetime) -> DriftReport:
        recent = None
        if labels is not None:
            recent = recent_agreement(labels, stores.conversations, stores.evaluations, policy, now)
        history = promotions.history() if promotions is not None else []
        today = now.astimezone(settings.timezone).date()
        return weekly_drift(observations, today, thresholds, policy, recent, history, settings.timezone)

    return check


def scorer_overview(settings: Settings) -> list[str]:
    """Every scorer version, the active one (`cx promote`) and the shadowing one (`cx shadow start`) marked."""
    store, promotions, plans = build_version_store(settings), None, build_shadow_plans(settings)
    if settings.config_table:
        promotions = build_promotions(settings)
    held = promotions.active() if promotions is not None else None
    plan = plans.current() if plans is not None else None
    versions = [*builtin_versions(settings.claude.model if settings.claude else None), *(store.all() if store else [])]
    return overview(versions, held.scorer if held else settings.scorer, plan.version if plan else None)


def build_shadow_plans(settings: Settings) -> DynamoShadowPlanStore | None:
    if not settings.config_table:
        return None
    return DynamoShadowPlanStore(build_config_model(settings.config_table, *_where(settings)))


def build_shadow(settings: Settings) -> Shadow | None:
    """The candidate version started with `cx shadow start`, else CX_SHADOW_SCORER on CX_SHADOW_SHARE of traffic."""
    plans = build_shadow_plans(settings)
    plan = plans.current() if plans is not None else None
    if plan is not None:
        name, share, where = plan.version, plan.share, f"`cx shadow start {plan.version}`"
    elif settings.shadow_scorer and settings.shadow_share > 0:
        name, share, where = (
            settings.shadow_scorer,
            settings.shadow_share,
            f"CX_SHADOW_SCORER={settings.shadow_scorer!r}",
        )
    else:
        return None
    try:
        return Shadow(build_version_scorer(settings, name), share)
    except InvalidVersion as problem:
        raise ConfigError(f"{where}: {problem}") from None


def build_promotions(settings: Settings) -> DynamoPromotionStore:
    if not settings.config_table:
        raise ConfigError("set CX_CONFIG_TABLE (the config table; template.yaml sets it on AWS)")
    return DynamoPromotionStore(build_config_model(settings.config_table, *_where(settings)))


def build_plan_store(settings: Settings) -> DynamoPlanStore:
    if not settings.coaching_table:
        raise ConfigError("set CX_COACHING_TABLE (the coaching plans table; template.yaml sets it on AWS)")
    return DynamoPlanStore(build_plan_model(settings.coaching_table, *_where(settings)))


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


def build_digest_wiring(settings: Settings, reader: Readable | None = None) -> DigestWiring:
    """The digest reads aggregates (``reader``, else the aggregates store), a few cases, recent labels, promotions
    and the latest drift status; each digest reads each aggregate once (``Remembered``)."""
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
        config = build_config_model(settings.config_table, *_where(settings))
        subscriptions, drift_status = DynamoSubscriptionStore(config), DynamoDriftStatusStore(config)
        ledger = DynamoPostLedger(build_ledger_model(settings.config_table, *_where(settings)))
    kappa = next((t.minimum for t in policy.targets if t.metric == "kappa"), None)

    def make(period: DateRange, journeys: Sequence[str] | None, now: datetime) -> Digest:
        aggregates = Remembered(reader or stores.aggregates)  # the trend's reads serve the movers' explanations
        names = list(journeys) if journeys else sorted(aggregates.known_journeys())
        agreement = None
        if labels is not None:
            agreement = recent_agreement(labels, stores.conversations, stores.evaluations, policy, now)
        health = ScorerHealth(agreement, kappa, drift_status.latest() if drift_status else None, labels is not None)
        markers = [
            (p.at.astimezone(settings.timezone).date(), f"{p.previous or '?'} → {p.scorer}")
            for p in (promotions.history() if promotions else [])
        ]
        return build_digest(
            aggregates,
            stores.conversations,
            names,
            period,
            settings.pass_threshold,
            all_journeys=not journeys,
            why=ExplainedWhy(aggregates, period, settings.pass_threshold),
            health=health,
            markers=markers,
        )

    return DigestWiring(make, subscriptions, ledger, drift_status)


def build_drift_status(settings: Settings) -> DynamoDriftStatusStore | None:
    """Where the drift check records its latest status for the digest; None without a config table."""
    if not settings.config_table:
        return None
    return DynamoDriftStatusStore(build_config_model(settings.config_table, *_where(settings)))
