"""The Slack app manifest with the request URLs of a deployed stack filled in."""

from __future__ import annotations

from pathlib import Path
from string import Template

import boto3

MANIFEST = Path(__file__).resolve().parents[1] / "slack-manifest.yaml"
OUTPUT = "SlackRequestUrl"


class StackError(LookupError):
    """The stack or its output is missing; the message says what to check."""


def request_url(stack: str, region: str | None = None) -> str:
    cloudformation = boto3.client("cloudformation", region_name=region)
    try:
        stacks = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    except cloudformation.exceptions.ClientError as exc:
        raise StackError(f"stack {stack!r} not found ({exc}); check --stack and the AWS region") from None
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}
    if OUTPUT not in outputs:
        raise StackError(f"stack {stack!r} has no {OUTPUT} output; was it deployed from this template.yaml?")
    return str(outputs[OUTPUT])


def manifest(slack_request_url: str) -> str:
    if not slack_request_url.startswith("https://"):
        raise ValueError(f"Slack needs an https:// request URL, got {slack_request_url!r}")
    return Template(MANIFEST.read_text()).substitute(SLACK_REQUEST_URL=slack_request_url)
