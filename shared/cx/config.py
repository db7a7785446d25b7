"""Settings from the environment: `template.yaml` sets them on AWS, the CLI sets them locally."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConfigError(ValueError):
    """A setting is missing or wrong; the message names the variable and what it takes."""


@dataclass(frozen=True)
class ClaudeSettings:
    """CX_CLAUDE_MODEL (a full model id with a price in scoring/claude/pricing.py), the API key from the
    Secrets Manager secret CX_ANTHROPIC_SECRET_ARN (on AWS) or ANTHROPIC_API_KEY (locally), and
    CX_ANTHROPIC_BASE_URL for a local stub."""

    model: str
    api_key_env: str | None
    secret_arn: str | None
    base_url: str | None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ClaudeSettings:
        from cx.scoring.claude.pricing import PRICES

        model = env.get("CX_CLAUDE_MODEL", "")
        if model not in PRICES:
            raise ConfigError(
                f"CX_CLAUDE_MODEL={model!r}: give a full model id with a known price: {', '.join(sorted(PRICES))}"
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
    claude: ClaudeSettings | None = None

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
        if scorer not in {"offline", "claude"}:
            raise ConfigError(f"CX_SCORER={scorer!r}: available scorers are: offline, claude")
        return cls(
            conversations_table=env["CX_CONVERSATIONS_TABLE"],
            evaluations_table=env["CX_EVALUATIONS_TABLE"],
            aggregates_table=env["CX_AGGREGATES_TABLE"],
            region=env.get("AWS_REGION", env.get("AWS_DEFAULT_REGION", "us-east-1")),
            dynamodb_endpoint=env.get("CX_DYNAMODB_ENDPOINT") or None,
            timezone=tz,
            pass_threshold=int(threshold),
            scorer=scorer,
            claude=ClaudeSettings.from_env(env) if scorer == "claude" else None,
        )
