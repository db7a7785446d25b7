"""Settings read from the environment: what is required, what is checked, what defaults."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from cx.config import ConfigError, Settings

TABLES = {
    "CX_CONVERSATIONS_TABLE": "conversations",
    "CX_EVALUATIONS_TABLE": "evaluations",
    "CX_AGGREGATES_TABLE": "aggregates",
}


def test_defaults_when_only_the_tables_are_set() -> None:
    settings = Settings.from_env(TABLES)

    assert settings.conversations_table == "conversations"
    assert settings.evaluations_table == "evaluations"
    assert settings.aggregates_table == "aggregates"
    assert settings.timezone == ZoneInfo("UTC")
    assert settings.pass_threshold == 4
    assert settings.scorer == "offline"
    assert settings.region == "us-east-1"
    assert settings.dynamodb_endpoint is None


def test_every_missing_table_is_named() -> None:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env({})

    for name in TABLES:
        assert name in str(raised.value)


def test_only_the_missing_table_is_named() -> None:
    env = {**TABLES, "CX_EVALUATIONS_TABLE": ""}

    with pytest.raises(ConfigError) as raised:
        Settings.from_env(env)

    assert "CX_EVALUATIONS_TABLE" in str(raised.value)
    assert "CX_CONVERSATIONS_TABLE" not in str(raised.value)
    assert "CX_AGGREGATES_TABLE" not in str(raised.value)


def test_explicit_settings_are_used() -> None:
    env = {
        **TABLES,
        "CX_TIMEZONE": "Europe/Berlin",
        "CX_PASS_THRESHOLD": "3",
        "AWS_REGION": "eu-central-1",
        "AWS_DEFAULT_REGION": "us-west-2",
        "CX_DYNAMODB_ENDPOINT": "http://localhost:8000",
    }

    settings = Settings.from_env(env)

    assert settings.timezone == ZoneInfo("Europe/Berlin")
    assert settings.pass_threshold == 3
    assert settings.region == "eu-central-1"
    assert settings.dynamodb_endpoint == "http://localhost:8000"


def test_the_default_region_is_used_when_no_region_is_set() -> None:
    assert Settings.from_env({**TABLES, "AWS_DEFAULT_REGION": "us-west-2"}).region == "us-west-2"


def test_an_empty_endpoint_means_the_real_service() -> None:
    assert Settings.from_env({**TABLES, "CX_DYNAMODB_ENDPOINT": ""}).dynamodb_endpoint is None


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "CET+99", "../etc/passwd"])
def test_a_bad_time_zone_names_the_variable_and_gives_an_example(zone: str) -> None:
    with pytest.raises(ConfigError, match="CX_TIMEZONE") as raised:
        Settings.from_env({**TABLES, "CX_TIMEZONE": zone})

    assert "IANA time zone" in str(raised.value)


@pytest.mark.parametrize("threshold", ["0", "6", "four", "4.5", ""])
def test_a_bad_threshold_says_it_is_a_score_from_1_to_5(threshold: str) -> None:
    with pytest.raises(ConfigError, match="CX_PASS_THRESHOLD") as raised:
        Settings.from_env({**TABLES, "CX_PASS_THRESHOLD": threshold})

    assert "1 to 5" in str(raised.value)


def test_an_unknown_scorer_lists_the_available_ones() -> None:
    with pytest.raises(ConfigError, match="available scorers are: offline"):
        Settings.from_env({**TABLES, "CX_SCORER": "gpt"})


def test_without_a_mapping_the_process_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in TABLES.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CX_PASS_THRESHOLD", "5")
    for name in ("CX_TIMEZONE", "CX_SCORER"):
        monkeypatch.delenv(name, raising=False)

    assert Settings.from_env().pass_threshold == 5


CLAUDE = {**TABLES, "CX_SCORER": "claude", "CX_CLAUDE_MODEL": "claude-sonnet-5-5"}


def test_the_claude_scorer_takes_a_full_model_id_and_a_key() -> None:
    settings = Settings.from_env({**CLAUDE, "CX_ANTHROPIC_SECRET_ARN": "arn:aws:secretsmanager:x"})

    assert settings.scorer == "claude"
    assert settings.claude is not None
    assert settings.claude.model == "claude-sonnet-5-5"
    assert settings.claude.secret_arn == "arn:aws:secretsmanager:x"


@pytest.mark.parametrize(
    "model",
    ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1", "claude-haiku-4-5-20251001", "claude-sonnet-7-2"],
)
def test_undated_dated_and_not_yet_priced_model_ids_are_accepted(model: str) -> None:
    settings = Settings.from_env({**CLAUDE, "CX_CLAUDE_MODEL": model, "ANTHROPIC_API_KEY": "k"})

    assert settings.claude is not None and settings.claude.model == model


@pytest.mark.parametrize("model", ["", "sonnet", "gpt-4o", "claude", "us.claude-haiku-4-5", "Claude-Haiku-4-5"])
def test_what_is_not_a_claude_model_id_is_refused_with_the_forms_to_write(model: str) -> None:
    with pytest.raises(ConfigError, match=r"CX_CLAUDE_MODEL.*claude-haiku-4-5-20251001"):
        Settings.from_env({**CLAUDE, "CX_CLAUDE_MODEL": model, "ANTHROPIC_API_KEY": "k"})


def test_the_claude_scorer_without_a_key_is_refused() -> None:
    with pytest.raises(ConfigError, match="ANTHROPIC"):
        Settings.from_env(CLAUDE)


def test_the_offline_scorer_needs_no_claude_settings() -> None:
    assert Settings.from_env(TABLES).claude is None


def test_retention_defaults_to_a_year_and_zero_keeps_transcripts() -> None:
    from datetime import UTC, datetime

    from cx.retention import expires_at

    assert Settings.from_env(TABLES).retention_days == 365
    assert Settings.from_env({**TABLES, "CX_RETENTION_DAYS": "30"}).retention_days == 30
    received = datetime(2026, 11, 1, tzinfo=UTC)
    assert expires_at(received, 30) == int(datetime(2026, 12, 1, tzinfo=UTC).timestamp())
    assert expires_at(received, 0) is None


@pytest.mark.parametrize("days", ["-5", "a year", "1.5"])
def test_a_retention_that_is_not_a_whole_number_of_days_is_refused(days: str) -> None:
    with pytest.raises(ConfigError, match="CX_RETENTION_DAYS"):
        Settings.from_env({**TABLES, "CX_RETENTION_DAYS": days})


BEDROCK = {**CLAUDE, "CX_CLAUDE_PROVIDER": "bedrock", "CX_CLAUDE_MODEL": "us.anthropic.claude-haiku-4-5-20251001-v1:0"}


def test_claude_on_bedrock_needs_no_key_and_takes_the_functions_region() -> None:
    claude = Settings.from_env({**BEDROCK, "AWS_REGION": "eu-central-1"}).claude

    assert claude is not None and (claude.provider, claude.region) == ("bedrock", "eu-central-1")
    assert claude.api_key_env is None and claude.secret_arn is None


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({**BEDROCK, "AWS_REGION": "eu-central-1", "CX_CLAUDE_MODEL": "claude-haiku-4-5"}, "on Bedrock give a Bedrock"),
        ({**BEDROCK}, "needs CX_BEDROCK_REGION or AWS_REGION"),
        ({**CLAUDE, "ANTHROPIC_API_KEY": "k", "CX_CLAUDE_MODEL": "anthropic.claude-haiku-4-5-v1:0"}, "is a Bedrock id"),
        ({**BEDROCK, "CX_CLAUDE_PROVIDER": "vertex"}, "anthropic or bedrock"),
    ],
)
def test_a_model_of_the_other_providers_form_is_refused_with_what_to_set(env: dict[str, str], says: str) -> None:
    with pytest.raises(ConfigError, match=says):
        Settings.from_env(env)
