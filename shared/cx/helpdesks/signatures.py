"""The help desks' own webhook signatures, checked exactly as each vendor documents them.

Intercom (https://developers.intercom.com/docs/webhooks, "Signed notifications"): `X-Hub-Signature:
sha1=<hex HMAC-SHA1 of the raw body>`, keyed by the app's client secret. Zendesk
(https://developer.zendesk.com/documentation/webhooks/verifying/): `X-Zendesk-Webhook-Signature` =
base64(HMAC-SHA256(`X-Zendesk-Webhook-Signature-Timestamp` + raw body)), keyed by the webhook's signing
secret. Each check returns None when the request is genuine, else the reason it was refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime, timedelta

MAX_AGE = timedelta(minutes=5)


def sign_intercom(body: bytes, client_secret: str) -> str:
    return "sha1=" + hmac.new(client_secret.encode(), body, hashlib.sha1).hexdigest()


def sign_zendesk(body: bytes, timestamp: str, signing_secret: str) -> str:
    digest = hmac.new(signing_secret.encode(), timestamp.encode() + body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def check_intercom(body: bytes, signature: str | None, client_secret: str) -> str | None:
    if not client_secret:
        return "the Intercom client secret is not set in the helpdesk signing secret"
    if not signature:
        return "no X-Hub-Signature header"
    if not hmac.compare_digest(signature.strip(), sign_intercom(body, client_secret)):
        return "X-Hub-Signature does not match the body (wrong client secret, or the body was changed)"
    return None


def _parse_time(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def check_zendesk(
    body: bytes, signature: str | None, timestamp: str | None, signing_secret: str, now: datetime
) -> str | None:
    """Also refuses a timestamp more than five minutes from ``now``: a captured request cannot be replayed later."""
    if not signing_secret:
        return "the Zendesk signing secret is not set in the helpdesk signing secret"
    if not signature or not timestamp:
        return "no X-Zendesk-Webhook-Signature or X-Zendesk-Webhook-Signature-Timestamp header"
    if not hmac.compare_digest(signature.strip(), sign_zendesk(body, timestamp, signing_secret)):
        return "X-Zendesk-Webhook-Signature does not match (wrong signing secret, or the body was changed)"
    sent = _parse_time(timestamp)
    if sent is None:
        return f"X-Zendesk-Webhook-Signature-Timestamp {timestamp[:40]!r} is not an ISO 8601 time"
    if abs(now - sent) > MAX_AGE:
        return f"X-Zendesk-Webhook-Signature-Timestamp is {abs(now - sent).total_seconds():.0f} s from now (stale)"
    return None
