"""The Slack Web API client the functions and the CLI post with: it waits out Slack's 429s and retries.

Slack answers a method called too often with HTTP 429 and a Retry-After header (seconds). slack_sdk's
RateLimitErrorRetryHandler waits that long and sends the call again, so a DM, a digest or a drift post
arrives once, a little later, instead of failing the run.
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

RATE_LIMIT_RETRIES = 3  # Slack's tier limits reset within a minute; a run waits at most a few Retry-Afters


def slack_client(token: str | None, base_url: str = WebClient.BASE_URL) -> WebClient:
    """A WebClient for ``token`` that retries on 429 after Retry-After (and on connection errors, as by default).

    Without a token it is the installable app's base client: Bolt copies its retry handlers into each
    request's client for the installation's token."""
    client = WebClient(token=token, base_url=base_url)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    return client
