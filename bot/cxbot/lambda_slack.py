"""The Slack side of the Lambda functions: the Web API client and signing secret from the Slack secret.

The secret (`{"signing_secret": …, "bot_token": …}`) is read through Powertools parameters, cached for five
minutes, so a rotated token is picked up without a redeploy. CX_SLACK_API_URL points the client at another
Slack API base (GovSlack, or the local fake Slack in tests).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from aws_lambda_powertools.utilities import parameters
from slack_sdk import WebClient

from cxbot.slack_client import slack_client

MAX_AGE = 300  # seconds a read secret is kept before Secrets Manager is asked again


@dataclass(frozen=True)
class SlackCredentials:
    client: WebClient
    signing_secret: str


def slack_secret() -> tuple[str, str]:
    """(signing secret, bot token) as stored now, at most five minutes old."""
    secret = parameters.get_secret(os.environ["CX_SLACK_SECRET_ARN"], transform="json", max_age=MAX_AGE)
    if not isinstance(secret, dict) or not secret.get("signing_secret") or not secret.get("bot_token"):
        raise ValueError('the Slack secret needs a JSON value {"signing_secret": "…", "bot_token": "xoxb-…"}')
    return str(secret["signing_secret"]), str(secret["bot_token"])


def slack_credentials() -> SlackCredentials:
    signing_secret, token = slack_secret()
    client = slack_client(token, base_url=os.environ.get("CX_SLACK_API_URL", WebClient.BASE_URL))
    return SlackCredentials(client, signing_secret)
