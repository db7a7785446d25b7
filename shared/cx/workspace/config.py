"""The workspace configuration that operators change without code: `cx config` and `/cx admin`.

One document (pass threshold, time zone, journeys with their aliases and inquiries, the drift channel),
and a history entry for every change: who, when, what was before. Deploy-time environment variables give
the defaults it starts from.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

DRIFT_OFF = "none"  # drift_channel=none: the operator switched the drift summary off


class JourneySetup(BaseModel):
    model_config = ConfigDict(frozen=True)

    aliases: tuple[str, ...] = ()
    inquiries: tuple[str, ...] = ()


class WorkspaceConfig(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int = 0
    pass_threshold: int = Field(default=4, ge=1, le=5)
    timezone: str = "UTC"
    drift_channel: str | None = None  # None: the deploy parameter CX_DRIFT_CHANNEL; DRIFT_OFF: no drift summary
    claude_model: str | None = None  # None: the deploy parameter ClaudeModel
    journeys: dict[str, JourneySetup] = Field(default_factory=dict)
    helpdesk: dict[str, str] = Field(default_factory=dict)  # helpdesk.<vendor>.<role>[.map] -> source

    def drift_destination(self, deploy_default: str | None) -> tuple[str | None, str]:
        """The channel the drift summary goes to, and which setting chose it (said in the post and by doctor)."""
        if self.drift_channel == DRIFT_OFF:
            return None, "drift_channel=none in the workspace configuration (`cx config set drift_channel=C…`)"
        if self.drift_channel:
            return self.drift_channel, "drift_channel in the workspace configuration"
        if deploy_default:
            return deploy_default, "the deploy parameter CX_DRIFT_CHANNEL"
        return None, "neither drift_channel (`cx config set drift_channel=C…`) nor CX_DRIFT_CHANNEL is set"

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def aliases(self) -> dict[str, str]:
        """alias -> journey name."""
        return {alias: name for name, setup in self.journeys.items() for alias in setup.aliases}

    def journey_of_inquiry(self, inquiry: str | None) -> str | None:
        """The journey an inquiry belongs to, for conversations that name no journey themselves."""
        wanted = (inquiry or "").strip().lower()
        return next((name for name, setup in self.journeys.items() if wanted in setup.inquiries), None)

    def settings(self) -> dict[str, str]:
        """Every setting as `key=value` would set it, for show and for the history."""
        out = {
            "pass_threshold": str(self.pass_threshold),
            "timezone": self.timezone,
            "drift_channel": self.drift_channel or "deploy default",
            "claude_model": self.claude_model or "deploy default",
        }
        for name, setup in sorted(self.journeys.items()):
            out[f"journey.{name}.aliases"] = ",".join(setup.aliases) or "none"
            out[f"journey.{name}.inquiries"] = ",".join(setup.inquiries) or "none"
        out.update(sorted(self.helpdesk.items()))
        return out


class Change(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    before: str
    after: str
    by: str
    at: datetime
    note: str | None = None  # what the operator must still do, e.g. a rebuild after a time zone change


def defaults(pass_threshold: int, timezone: str) -> WorkspaceConfig:
    """The configuration a new deployment starts from: the deploy parameters, no journey setup. The drift
    channel is not copied: whichever process stores the configuration first (a laptop's `cx` without
    CX_DRIFT_CHANNEL) must not switch the deployment's drift summary off; None reads the deploy parameter."""
    return WorkspaceConfig(pass_threshold=pass_threshold, timezone=timezone)
