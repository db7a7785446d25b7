"""`cx slack-manifest`: the manifest a user pastes into Slack, filled from the deployed stack's outputs."""

from __future__ import annotations

import json

import boto3
import pytest
import yaml

from cxcli.main import main

URL = "https://abc123.execute-api.eu-west-1.amazonaws.com/slack/events"


@pytest.fixture
def stack(moto_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFORMATION", moto_url)
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(key, "local")
    template = {
        "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
        "Outputs": {"SlackRequestUrl": {"Value": URL}},
    }
    boto3.client("cloudformation", region_name="eu-west-1").create_stack(
        StackName="cx-prod", TemplateBody=json.dumps(template)
    )
    return "cx-prod"


def test_manifest_carries_the_stacks_request_url_for_the_command_and_interactivity(
    stack: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["slack-manifest", "--stack", stack, "--region", "eu-west-1"]) == 0
    manifest = yaml.safe_load(capsys.readouterr().out)
    (command,) = manifest["features"]["slash_commands"]
    assert command["command"] == "/cx" and command["url"] == URL
    assert manifest["settings"]["interactivity"]["request_url"] == URL
    assert command["should_escape"] is True  # a typed @name arrives as <@U…|name>
    events = manifest["settings"]["event_subscriptions"]
    assert events["request_url"] == URL and events["bot_events"] == ["app_home_opened"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    scopes = manifest["oauth_config"]["scopes"]["bot"]
    assert scopes[0] == "commands" and {"chat:write", "files:write", "users:read"} <= set(scopes)


def test_a_missing_stack_is_a_clear_error(stack: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack-manifest", "--stack", "no-such-stack", "--region", "eu-west-1"]) == 2
    assert "stack 'no-such-stack' not found" in capsys.readouterr().err


def test_an_http_url_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack-manifest", "--url", "http://example.test/slack/events"]) == 2
    assert "https://" in capsys.readouterr().err
