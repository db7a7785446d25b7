"""Secrets as the template's functions read them, in the Secrets Manager that the test points at (moto)."""

from __future__ import annotations

import json
import time

import boto3

SLACK_SECRET = {"signing_secret": "s", "bot_token": "xoxb-test"}


def put_secret(prefix: str, value: dict[str, str]) -> str:
    """Store ``value`` as a JSON secret under a fresh name; its ARN."""
    client = boto3.client("secretsmanager", region_name="us-east-1")
    return str(client.create_secret(Name=f"{prefix}-{time.time_ns()}", SecretString=json.dumps(value))["ARN"])
