"""A help desk's webhook request: verified with the vendor's own scheme, replays refused, read as an event."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from .notifications import Notification, NotNotification, Vendor, intercom_notification, zendesk_notification
from .ports import HelpdeskState
from .signatures import check_intercom, check_zendesk


@dataclass(frozen=True)
class Received:
    status: int  # 202 queued for a fetch, 200 read and ignored, 400 unreadable, 401 forged or stale, 409 replayed
    message: str
    notification: Notification | None = None
    delivery_key: str = ""  # recorded as received; forget it if the event cannot be queued

    @property
    def refused(self) -> bool:
        return self.status in (401, 409)


def receive(
    vendor: Vendor,
    body: bytes,
    headers: Mapping[str, str],
    signing: Mapping[str, str],
    state: HelpdeskState,
    now: datetime,
    workspace: str = "",
) -> Received:
    """``headers`` lower-cased (as API Gateway passes them); ``signing`` the helpdesk signing secret of the route's
    workspace (the stack's for the single workspace); ``state`` that workspace's, so replays are its own."""
    if vendor == "intercom":
        reason = check_intercom(body, headers.get("x-hub-signature"), signing.get("intercom_client_secret", ""))
    else:
        signature = headers.get("x-zendesk-webhook-signature")
        timestamp = headers.get("x-zendesk-webhook-signature-timestamp")
        reason = check_zendesk(body, signature, timestamp, signing.get("zendesk_signing_secret", ""), now)
    if reason:
        return Received(401, reason)
    try:
        if vendor == "intercom":
            notification, delivery = intercom_notification(body)
        else:
            notification = zendesk_notification(body)
            delivery = headers.get("x-zendesk-webhook-signature", "")
    except NotNotification as exc:
        return Received(400, str(exc))
    key = f"{vendor}:{hashlib.sha256(delivery.encode()).hexdigest()}" if delivery else ""
    if key and not state.first_delivery(key, now):
        return Received(409, "this delivery was already received; a replay is not processed again")
    if notification is None:
        return Received(200, "not about a conversation; nothing to do")
    queued = replace(notification, workspace=workspace)
    return Received(202, "queued: the whole conversation is fetched from the API", queued, key)
