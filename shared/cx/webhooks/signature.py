"""X-Signature: hex HMAC-SHA256 of the raw request body with the webhook secret ("sha256=" prefix optional)."""

from __future__ import annotations

import hashlib
import hmac


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(body: bytes, signature: str | None, secret: str) -> bool:
    """True only for a signature of exactly this body with this secret; compared in constant time."""
    if not signature or not secret:
        return False
    given = signature.strip().removeprefix("sha256=")
    return hmac.compare_digest(given, sign(body, secret).removeprefix("sha256="))
