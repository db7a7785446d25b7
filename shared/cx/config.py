"""Settings from the environment: `template.yaml` sets them on AWS, the CLI sets them locally."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cx.calibration.consensus import ConsensusRule
from cx.calibration.drift import DriftThresholds
from cx.calibration.policy import DEFAULT_TARGETS, CalibrationPolicy, Target

SCORERS = ("offline", "offline-v2", "offline-v3", "claude")
PROVIDERS = ("anthropic", "bedrock")


class ConfigError(ValueError):
    """A setting is missing or wrong; the message names the variable and what it takes."""


@dataclass(frozen=True)
class ClaudeSettings:
    """CX_CLAUDE_MODEL (a Claude API or Bedrock model id; one without a price in scoring/claude/pricing.py
    scores with its cost unknown), the API key from the
    Secrets Manager secret CX_ANTHROPIC_SECRET_ARN (on AWS) or ANTHROPIC_API_KEY (locally), and
    CX_ANTHROPIC_BASE_URL for a local stub. With CX_CLAUDE_PROVIDER=bedrock: Claude on Amazon Bedrock in
    CX_BEDROCK_REGION (default: the function's region), signed with the AWS credentials, no key; the model is a
    Bedrock model or inference profile id; CX_BEDROCK_BASE_URL for a local stub."""

    model: str
    api_key_env: str | None
    secret_arn: str | None
    base_url: str | None
    provider: str = "anthropic"  # or "bedrock"
    region: str | None = None  # Bedrock's region

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ClaudeSettings:
        from cx.scoring.claude.models import InvalidModelId, check, is_bedrock

        model = env.get("CX_CLAUDE_MODEL", "")
        try:
            check(model)
        except InvalidModelId as exc:
            raise ConfigError(f"CX_CLAUDE_MODEL: {exc}") from None
        provider = env.get("CX_CLAUDE_PROVIDER") or "anthropic"
        if provider not in PROVIDERS:
            raise ConfigError(f"CX_CLAUDE_PROVIDER={provider!r}: Claude is reached through {' or '.join(PROVIDERS)}")
        if provider == "bedrock":
            if not is_bedrock(model):
                raise ConfigError(
                    f"CX_CLAUDE_MODEL={model!r}: on Bedrock give a Bedrock model or inference profile id, "
                    "e.g. us.anthropic.claude-haiku-4-5-20251001-v1:0"
                )
            region = env.get("CX_BEDROCK_REGION") or env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION")
            if not region:
                raise ConfigError("CX_CLAUDE_PROVIDER=bedrock needs CX_BEDROCK_REGION or AWS_REGION")
            return cls(model, None, None, env.get("CX_BEDROCK_BASE_URL") or None, provider="bedrock", region=region)
        if is_bedrock(model):
            raise ConfigError(
                f"CX_CLAUDE_MODEL={model!r} is a Bedrock id: set CX_CLAUDE_PROVIDER=bedrock (ClaudeProvider on AWS), "
                "or give a Claude API id such as claude-haiku-4-5"
            )
        key, arn = env.get("ANTHROPIC_API_KEY") or None, env.get("CX_ANTHROPIC_SECRET_ARN") or None
        if not key and not arn:
            raise ConfigError("CX_SCORER=claude needs CX_ANTHROPIC_SECRET_ARN (on AWS) or ANTHROPIC_API_KEY")
        return cls(model=model, api_key_env=key, secret_arn=arn, base_url=env.get("CX_ANTHROPIC_BASE_URL") or None)


@dataclass(frozen=True)
class Settings:
    conversations_table: str
    evaluations_table: str
    aggregates_table: str
    region: str
    dynamodb_endpoint: str | None
    timezone: ZoneInfo
    pass_threshold: int
    scorer: str
    labels_table: str | None = None  # human labels (calibration); optional so older deployments still start
    config_table: str | None = None  # the active scorer and its promotion history
    coaching_table: str | None = None  # coaching plans and the daily DM claims (CX_COACHING_TABLE)
    shadow_scorer: str | None = None  # a candidate scorer shadowing the active one (CX_SHADOW_SCORER)
    shadow_share: float = 0.0  # the share of traffic it scores (CX_SHADOW_SHARE, 0-1)
    claude: ClaudeSettings | None = None
    drift_channel: str | None = None  # the deploy default (CX_DRIFT_CHANNEL); `cx config` may change it
    retention_days: int = 365  # raw transcripts expire this many days after they arrive (DynamoDB TTL); 0 keeps them
    score_concurrency: int = 4  # conversations of one SQS batch scored at once (CX_SCORE_CONCURRENCY)
    score_start_seconds: float = 20.0  # a record is started only with this much of the invocation left
    # the Slack workspace (team id, or enterprise id for an org-wide install) whose data this reads and writes;
    # "" in a single-workspace deploy (no OAuth install): keys without a namespace, exactly as before. The
    # functions set it per request or per installed workspace; the CLI takes CX_WORKSPACE
    workspace: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        missing = [
            k for k in ("CX_CONVERSATIONS_TABLE", "CX_EVALUATIONS_TABLE", "CX_AGGREGATES_TABLE") if not env.get(k)
        ]
        if missing:
            raise ConfigError(f"set {', '.join(missing)} (the table names; template.yaml sets them on AWS)")
        tz_name = env.get("CX_TIMEZONE", "UTC")
        try:
            tz = ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"CX_TIMEZONE={tz_name!r} is not an IANA time zone such as Europe/Berlin") from None
        threshold = env.get("CX_PASS_THRESHOLD", "4")
        if threshold not in {"1", "2", "3", "4", "5"}:
            raise ConfigError(f"CX_PASS_THRESHOLD={threshold!r}: the pass threshold is a CX score from 1 to 5")
        scorer = env.get("CX_SCORER", "offline")
        if scorer not in SCORERS:
            raise ConfigError(f"CX_SCORER={scorer!r}: available scorers are: {', '.join(SCORERS)}")
        workspace = env.get("CX_WORKSPACE", "")
        if workspace and not workspace.isalnum():
            raise ConfigError(f"CX_WORKSPACE={workspace!r}: a Slack team id (T…) or, for an org-wide install, E…")
        retention = env.get("CX_RETENTION_DAYS", "365")
        if not retention.isdigit():
            raise ConfigError(
                f"CX_RETENTION_DAYS={retention!r}: the days raw transcripts are kept, a whole number (0 keeps them)"
            )
        return cls(
            conversations_table=env["CX_CONVERSATIONS_TABLE"],
            evaluations_table=env["CX_EVALUATIONS_TABLE"],
            aggregates_table=env["CX_AGGREGATES_TABLE"],
            region=env.get("AWS_REGION", env.get("AWS_DEFAULT_REGION", "us-east-1")),
            dynamodb_endpoint=env.get("CX_DYNAMODB_ENDPOINT") or None,
            timezone=tz,
            pass_threshold=int(threshold),
            scorer=scorer,
            labels_table=env.get("CX_LABELS_TABLE") or None,
            config_table=env.get("CX_CONFIG_TABLE") or None,
            coaching_table=env.get("CX_COACHING_TABLE") or None,
            shadow_scorer=env.get("CX_SHADOW_SCORER") or None,
            shadow_share=_number(env, "CX_SHADOW_SHARE", "0.1", 0, 1),
            # also when only promoted to claude (cx promote): a configured model makes it available
            claude=ClaudeSettings.from_env(env) if scorer == "claude" or env.get("CX_CLAUDE_MODEL") else None,
            retention_days=int(retention),
            score_concurrency=int(_number(env, "CX_SCORE_CONCURRENCY", "4", 1, 64)),
            score_start_seconds=_number(env, "CX_SCORE_START_SECONDS", "20", 0, 900),
            drift_channel=env.get("CX_DRIFT_CHANNEL") or None,
            workspace=workspace,
        )


def calibration_policy(env: Mapping[str, str] | None = None) -> CalibrationPolicy:
    """Consensus rule, poor-experience threshold and agreement targets, set before anything is measured."""
    env = os.environ if env is None else env
    rule = env.get("CX_CONSENSUS", "mean")
    if rule not in {r.value for r in ConsensusRule}:
        raise ConfigError(f"CX_CONSENSUS={rule!r}: the consensus rule is mean, median or majority")
    poor = _number(env, "CX_POOR_BELOW", "3", 1, 5)
    targets = tuple(
        Target(t.metric, _number(env, f"CX_TARGET_{t.metric.upper()}", str(t.minimum), -1, 1), t.title)
        for t in DEFAULT_TARGETS
    )
    return CalibrationPolicy(rule=ConsensusRule(rule), poor_below=poor, targets=targets)


def _number(env: Mapping[str, str], name: str, default: str, low: float, high: float) -> float:
    text = env.get(name, default)
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        raise ConfigError(f"{name}={text!r}: takes a number from {low:g} to {high:g}")
    return value


def drift_thresholds(env: Mapping[str, str] | None = None) -> DriftThresholds:
    """When the weekly drift check alerts: CX_DRIFT_ALPHA is the chance of any false alert in a week with nothing
    changed (all slices together, Holm-corrected); CX_DRIFT_MIN_COUNT the evaluations a slice needs to be tested."""
    env = os.environ if env is None else env
    if "CX_DRIFT_PSI_ALERT" in env or "CX_DRIFT_P_ALERT" in env:
        raise ConfigError(
            "CX_DRIFT_PSI_ALERT and CX_DRIFT_P_ALERT are gone: drift alerts on a test corrected for the number of "
            "slices; set CX_DRIFT_ALPHA (the weekly false-alarm rate, default 0.02) instead"
        )
    return DriftThresholds(
        alpha=_number(env, "CX_DRIFT_ALPHA", "0.02", 0, 0.5),
        min_count=int(_number(env, "CX_DRIFT_MIN_COUNT", "30", 1, 1_000_000)),
    )
