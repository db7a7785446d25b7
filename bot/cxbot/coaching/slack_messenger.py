"""The daily run's messenger on Slack: who is still in the workspace, progress DMs with a chart, notes to leads."""

from __future__ import annotations

import logging
from datetime import date

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from cx.coaching.plan import CoachingPlan
from cxbot.charts.line import render_png
from cxbot.render.plan import plan_blocks, plan_text, progress_chart

log = logging.getLogger(__name__)
GONE = ("user_not_found", "account_inactive")


class SlackMessenger:
    def __init__(self, client: WebClient) -> None:
        self._client = client

    def is_active(self, user: str) -> bool:
        try:
            info = self._client.users_info(user=user)
        except SlackApiError as exc:
            if exc.response.get("error") in GONE:
                return False
            raise
        return not bool((info.get("user") or {}).get("deleted", False))

    def _dm(self, user: str) -> str:
        return str(self._client.conversations_open(users=user)["channel"]["id"])

    def send_progress(self, plan: CoachingPlan, today: date, contacts: int) -> None:
        channel = self._dm(plan.slack_user)
        self._client.chat_postMessage(
            channel=channel, text=plan_text(plan, today), blocks=plan_blocks(plan, today, contacts)
        )
        if not plan.progress:
            return
        try:  # the chart is a bonus: a failed upload must not make the retry send the DM twice
            png = render_png(progress_chart(plan))
            self._client.files_upload_v2(
                channel=channel, content=png, filename=f"plan-{plan.id}-{today.isoformat()}.png", title="Progress"
            )
        except (SlackApiError, OSError, ValueError):
            log.exception("progress chart not uploaded", extra={"operation": "coaching_daily", "plan": plan.id})

    def tell(self, user: str, text: str) -> None:
        self._client.chat_postMessage(channel=self._dm(user), text=text)
