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


@dataclass(frozen=True)
class SlackCredentials:
    client: WebClient
    signing_secret: str


def slack_credentials() -> SlackCredentials:
    secret = parameters.get_secret(os.environ["CX_SLACK_SECRET_ARN"], transform="json", max_age=300)
    assert isinstance(secret, dict)
    client = WebClient(token=secret["bot_token"], base_url=os.environ.get("CX_SLACK_API_URL", WebClient.BASE_URL))
    return SlackCredentials(client, secret["signing_secret"])
