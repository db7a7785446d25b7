"""`cx slack-manifest`: the manifest a user pastes into Slack, filled from the deployed stack's outputs."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import boto3
import pytest
import requests
import yaml
from moto.server import ThreadedMotoServer

from cxcli.main import main

URL = "https://abc123.execute-api.eu-west-1.amazonaws.com/slack/events"


@pytest.fixture
def stack(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    requests.post(f"http://{host}:{port}/moto-api/reset", timeout=5)  # moto's state is per process
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFORMATION", f"http://{host}:{port}")
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(key, "local")
    template = {
        "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
        "Outputs": {"SlackRequestUrl": {"Value": URL}},
    }
    boto3.client("cloudformation", region_name="eu-west-1").create_stack(
        StackName="cx-prod", TemplateBody=json.dumps(template)
    )
    yield "cx-prod"
    server.stop()


def test_manifest_carries_the_stacks_request_url_for_the_command_and_interactivity(
    stack: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["slack-manifest", "--stack", stack, "--region", "eu-west-1"]) == 0
    manifest = yaml.safe_load(capsys.readouterr().out)
    (command,) = manifest["features"]["slash_commands"]
    assert command["command"] == "/cx" and command["url"] == URL
    assert manifest["settings"]["interactivity"]["request_url"] == URL
    assert manifest["oauth_config"]["scopes"]["bot"] == ["commands"]


def test_a_missing_stack_is_a_clear_error(stack: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack-manifest", "--stack", "no-such-stack", "--region", "eu-west-1"]) == 2
    assert "stack 'no-such-stack' not found" in capsys.readouterr().err


def test_an_http_url_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["slack-manifest", "--url", "http://example.test/slack/events"]) == 2
    assert "https://" in capsys.readouterr().err
