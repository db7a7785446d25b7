"""`cx doctor`: a deployed stack checked part by part, against DynamoDB Local, moto and the fake Slack."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from cxcli.main import main
from cxlocal.fake_slack import FakeSlack
from cxlocal.template_tables import LocalTables

GOOD_TOKEN = "xoxb-good"


@pytest.fixture
def aws(tables: LocalTables, moto_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFORMATION", moto_url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto_url)
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", tables.endpoint)
    return (
        boto3.client("cloudformation", region_name="us-east-1"),
        boto3.client("secretsmanager", region_name="us-east-1"),
    )


def _deploy(
    aws: Any,
    tables: LocalTables,
    api_url: str,
    slack_secret: dict[str, str],
    table: str | None = None,
    extra: dict[str, str] | None = None,
    config_table: str | None = None,
    parameters: dict[str, str] | None = None,
) -> None:
    cloudformation, secrets = aws
    arn = secrets.create_secret(Name="slack", SecretString=json.dumps(slack_secret))["ARN"]
    outputs = {
        "ApiUrl": api_url,
        "ConversationsTableName": table or tables.conversations,
        "EvaluationsTableName": tables.evaluations,
        "AggregatesTableName": tables.aggregates,
        "SlackSecretArn": arn,
        **(extra or {}),
    }
    if config_table:
        outputs["ConfigTableName"] = config_table
    template = {
        "Parameters": {key: {"Type": "String"} for key in parameters or {}},
        "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
        "Outputs": {key: {"Value": value} for key, value in outputs.items()},
    }
    cloudformation.create_stack(
        StackName="cx",
        TemplateBody=json.dumps(template),
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in (parameters or {}).items()],
    )


def test_a_healthy_stack_passes_every_check(
    aws: Any, tables: LocalTables, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeSlack(valid_tokens={GOOD_TOKEN}) as slack:
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        _deploy(aws, tables, slack.base_url, {"signing_secret": "s", "bot_token": GOOD_TOKEN})
        assert main(["doctor", "--stack", "cx", "--region", "us-east-1"]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out and "All checks passed." in out
    assert f"ok   table {tables.aggregates}: ACTIVE" in out
    assert "ok   Slack bot token: valid" in out
    assert "WARN drift summary: goes nowhere: neither drift_channel" in out, "said, but not a failure"
    assert "fix: cx config set drift_channel=" in out


def test_each_broken_part_fails_with_a_fix(
    aws: Any, tables: LocalTables, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeSlack(valid_tokens={GOOD_TOKEN}) as slack:
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        _deploy(aws, tables, "http://127.0.0.1:9/", {"signing_secret": "s", "bot_token": "xoxb-revoked"}, "gone")
        assert main(["doctor", "--stack", "cx", "--region", "us-east-1"]) == 1
    out = capsys.readouterr().out
    assert "FAIL API endpoint" in out
    assert "FAIL table ConversationsTableName" in out and "fix: redeploy" in out
    assert "FAIL Slack bot token: invalid_auth" in out and "fix: install the app" in out
    assert "3 of" in out and "checks failed." in out


def test_an_unknown_stack_is_one_clear_failure(aws: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--stack", "nope", "--region", "us-east-1"]) == 1
    out = capsys.readouterr().out
    assert "FAIL stack nope" in out and "check --stack and the AWS region" in out


def test_a_help_desk_with_a_signing_key_but_no_api_token_fails_with_the_key_to_set(
    aws: Any, tables: LocalTables, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, secrets = aws
    signing = secrets.create_secret(Name="hd-signing", SecretString=json.dumps({"zendesk_signing_secret": "k"}))
    api = secrets.create_secret(Name="hd-api", SecretString=json.dumps({"zendesk_subdomain": "acme"}))
    with FakeSlack(valid_tokens={GOOD_TOKEN}) as slack:
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        _deploy(aws, tables, slack.base_url, {"signing_secret": "s", "bot_token": GOOD_TOKEN},
                extra={"HelpdeskSigningSecretArn": signing["ARN"], "HelpdeskApiSecretArn": api["ARN"]})  # fmt: skip
        assert main(["doctor", "--stack", "cx", "--region", "us-east-1"]) == 1
    out = capsys.readouterr().out
    assert "ok   Intercom: not connected (optional)" in out
    assert "FAIL Zendesk: missing zendesk_email, zendesk_api_token" in out
    assert "zendesk_api_token in HelpdeskApiSecretArn" in out


def test_the_drift_channel_stored_in_the_workspace_configuration_is_where_doctor_says_drift_goes(
    aws: Any, tables: LocalTables, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in {
        "CX_CONVERSATIONS_TABLE": tables.conversations,
        "CX_EVALUATIONS_TABLE": tables.evaluations,
        "CX_AGGREGATES_TABLE": tables.aggregates,
        "CX_CONFIG_TABLE": tables.config,
        "CX_DYNAMODB_ENDPOINT": tables.endpoint,
    }.items():
        monkeypatch.setenv(name, value)
    assert main(["config", "set", "drift_channel=C0DRIFT99", "--by", "ana"]) == 0
    with FakeSlack(valid_tokens={GOOD_TOKEN}) as slack:
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        _deploy(
            aws, tables, slack.base_url, {"signing_secret": "s", "bot_token": GOOD_TOKEN}, config_table=tables.config
        )
        assert main(["doctor", "--stack", "cx", "--region", "us-east-1"]) == 0
    assert "ok   drift summary: posted to C0DRIFT99 (drift_channel in the workspace configuration)" in (
        capsys.readouterr().out
    )


def test_claude_on_bedrock_needs_no_api_key(
    aws: Any, tables: LocalTables, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bedrock = {"Scorer": "claude", "ClaudeProvider": "bedrock", "BedrockModel": "us.anthropic.claude-haiku-4-5-v1:0"}
    with FakeSlack(valid_tokens={GOOD_TOKEN}) as slack:
        monkeypatch.setenv("CX_SLACK_API_URL", slack.api_url)
        _deploy(aws, tables, slack.base_url, {"signing_secret": "s", "bot_token": GOOD_TOKEN}, parameters=bedrock)
        main(["doctor", "--stack", "cx", "--region", "us-east-1"])
    out = capsys.readouterr().out
    assert "ok   scorer: claude on Amazon Bedrock (us.anthropic.claude-haiku-4-5-v1:0): no API key" in out
    assert "Anthropic secret" not in out
