"""Who is who in the Slack demo data the integration tests load (the `slack_demo` fixture), and its "now"."""

from __future__ import annotations

from datetime import UTC, datetime

SLACK_DEMO_NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
DEMO_LEAD, DEMO_LEAD_TEAM = "U0LEAD", "billing-payments"
DEMO_AGENT = "U0AGENT01"
