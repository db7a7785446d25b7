"""Who gets the digest where and when: a channel, a set of journeys (empty: all), a weekday, hour and time zone."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from cx.digest.periods import week_to
from cx.ranges import DateRange

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
GRACE = timedelta(hours=24)  # a digest not posted by then (e.g. the bot was not in the channel) is skipped


class Subscription(BaseModel):
    model_config = ConfigDict(frozen=True)

    channel: str = Field(pattern=r"^[CGD][A-Z0-9]{2,}$", description="a Slack channel id, e.g. C0123ABCD")
    journeys: tuple[str, ...] = ()  # empty: every journey
    weekday: int = Field(default=0, ge=0, le=6)  # 0 = Monday
    hour: int = Field(default=9, ge=0, le=23)
    timezone: str = "UTC"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone such as Europe/Berlin") from None
        return value

    @field_validator("journeys")
    @classmethod
    def _sorted(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({j.strip().lower() for j in value if j.strip()}))

    @property
    def key(self) -> str:
        return f"{self.channel}#{'+'.join(self.journeys) or 'all'}"

    def describe(self) -> str:
        journeys = ", ".join(self.journeys) or "all journeys"
        return f"{self.channel}: {journeys}, {WEEKDAYS[self.weekday]} {self.hour:02d}:00 {self.timezone}"

    def last_occurrence(self, now: datetime) -> datetime:
        """The most recent scheduled moment at or before ``now``, in the subscription's time zone."""
        local = now.astimezone(ZoneInfo(self.timezone))
        day = local.date() - timedelta(days=(local.weekday() - self.weekday) % 7)
        moment = datetime.combine(day, time(self.hour), ZoneInfo(self.timezone))
        return moment if moment <= local else moment - timedelta(days=7)

    def due(self, now: datetime) -> datetime | None:
        """The occurrence to post for at ``now``, if it is within the grace period."""
        moment = self.last_occurrence(now)
        return moment if now - moment < GRACE else None

    @staticmethod
    def period(occurrence: datetime) -> DateRange:
        """The seven days before the occurrence's day."""
        return week_to(occurrence.date() - timedelta(days=1))

    def post_key(self, occurrence: datetime) -> str:
        return f"{self.key}#{occurrence.date().isoformat()}"
