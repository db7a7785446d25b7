"""Every client the product posts with waits out Slack's 429s, the installable app's base client too: Bolt copies
its retry handlers into each request's client for the installation's token."""

from __future__ import annotations

import pytest
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from cxbot.lambda_slack import api_client


@pytest.mark.parametrize("token", ["xoxb-one-workspace", None])
def test_the_client_retries_after_a_rate_limit(token: str | None) -> None:
    client = api_client(token)
    assert any(isinstance(h, RateLimitErrorRetryHandler) for h in client.retry_handlers)
    assert client.token == token
