"""Deliver digests to Slack: the message tagged with its key in metadata, the chart in its thread.

``post_due`` is the scheduled job: every subscription due now, each posted once (``cx.digest.once``);
a channel the bot cannot post in is reported and skipped, never a reason to stop the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cx.bootstrap import DigestWiring
from cx.digest.once import Outcome, PostLedger, post_once
from cx.digest.report import Digest
from cx.digest.subscriptions import Subscription
from cxbot.charts.small_multiples import render_png
from cxbot.render.digest import digest_blocks, digest_chart, digest_text

log = logging.getLogger(__name__)
EVENT_TYPE = "cx_digest"
UNREACHABLE = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}


def chart_filename(digest: Digest) -> str:
    return f"cx-digest-{digest.period.start.isoformat()}-{digest.period.end.isoformat()}.png"


class SlackDigestTarget:
    """``cx.digest.once.DigestTarget`` for one digest and one channel."""

    def __init__(self, client: WebClient, channel: str, digest: Digest, chart: Callable[[Digest], bytes]) -> None:
        self._client, self._channel, self._digest, self._chart = client, channel, digest, chart

    def find(self, key: str, since: datetime) -> str | None:
        history = self._client.conversations_history(
            channel=self._channel, oldest=f"{since.timestamp():.6f}", include_all_metadata=True, limit=200
        )
        messages: list[dict[str, Any]] = history.get("messages", [])
        for message in messages:
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == EVENT_TYPE and metadata.get("event_payload", {}).get("key") == key:
                return str(message["ts"])
        return None

    def post(self, key: str) -> str:
        posted = self._client.chat_postMessage(
            channel=self._channel,
            text=digest_text(self._digest),
            blocks=digest_blocks(self._digest),
            metadata={"event_type": EVENT_TYPE, "event_payload": {"key": key}},
            unfurl_links=False,
        )
        return str(posted["ts"])

    def attach_chart(self, ts: str) -> None:
        self._client.files_upload_v2(
            channel=self._channel,
            thread_ts=ts,
            file=self._chart(self._digest),
            filename=chart_filename(self._digest),
            title="CX trend per journey",
            alt_txt="Average CX score per week and journey, with the earlier weeks' average and scorer changes",
        )


def draw_chart(digest: Digest) -> bytes:
    return render_png(digest_chart(digest))


@dataclass(frozen=True)
class Delivery:
    subscription: str
    outcome: str  # an Outcome's value, "unreachable" or "failed"
    detail: str = ""

    @property
    def posted(self) -> bool:
        return self.outcome in (Outcome.POSTED, Outcome.COMPLETED, Outcome.ALREADY, Outcome.BUSY)


def deliver(
    subscription: Subscription, occurrence: datetime, now: datetime, wiring: DigestWiring, ledger: PostLedger,
    client: WebClient,
) -> Delivery:  # fmt: skip
    key = subscription.post_key(occurrence)
    try:
        digest = wiring.make(Subscription.period(occurrence), subscription.journeys or None, now)
        outcome = post_once(key, now, ledger, SlackDigestTarget(client, subscription.channel, digest, draw_chart))
    except SlackApiError as exc:
        error = str(exc.response.get("error", ""))
        if error in UNREACHABLE:
            log.error(
                "digest not posted: the bot cannot post in channel %s (%s); invite it with /invite @cx "
                "or remove the subscription with `cx digest remove --channel %s`",
                subscription.channel, error, subscription.channel,
                extra={"operation": "digest", "channel": subscription.channel, "error": error},
            )  # fmt: skip
            return Delivery(key, "unreachable", error)
        log.exception("digest not posted: Slack answered %s", error, extra={"operation": "digest", "key": key})
        return Delivery(key, "failed", error)
    log.info("digest %s", outcome.value, extra={"operation": "digest", "key": key})
    return Delivery(key, outcome.value)


def post_due(wiring: DigestWiring, client: WebClient, now: datetime) -> list[Delivery]:
    """Post every subscription due at ``now`` (the scheduled hourly tick)."""
    if wiring.subscriptions is None or wiring.ledger is None:
        raise ValueError("the digest needs the config table (CX_CONFIG_TABLE) for its subscriptions")
    deliveries = []
    for subscription in wiring.subscriptions.all():
        occurrence = subscription.due(now)
        if occurrence is not None:
            deliveries.append(deliver(subscription, occurrence, now, wiring, wiring.ledger, client))
    return deliveries
