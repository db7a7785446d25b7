"""The workspace configuration that operators change without code: `cx config` and `/cx admin`.

One document (pass threshold, time zone, journeys with their aliases and inquiries, the drift channel),
validated as a whole on every change, and a history entry for every change: who, when, what was before.
Deploy-time environment variables give the defaults it starts from.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import datetime
from typing import Generic, Protocol, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field

DRIFT_OFF = "none"
JOURNEY_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")
T = TypeVar("T")

SETTINGS_HELP: dict[str, str] = {
    "pass_threshold": "the lowest CX score (1-5) that counts as a pass, e.g. pass_threshold=4",
    "timezone": "the IANA time zone days are counted in, e.g. timezone=Europe/Berlin",
    "drift_channel": "the Slack channel id for the weekly drift summary, e.g. drift_channel=C0123ABCD "
    "(none: off; default: the deploy parameter CX_DRIFT_CHANNEL)",
    "claude_model": "the Claude model id the claude scorer uses, e.g. claude_model=claude-haiku-4-5-20251001",
    "journey.<name>.aliases": "other names for a journey in /cx, e.g. journey.billing.aliases=invoices,payments",
    "journey.<name>.inquiries": "inquiries that belong to a journey, e.g. journey.billing.inquiries=refund,invoice",
    "journey.<name>": "journey.<name>=remove forgets a journey's aliases and inquiries",
}


class InvalidSetting(ValueError):
    """A change that cannot be made; the message says what to write instead."""


class JourneySetup(BaseModel):
    model_config = ConfigDict(frozen=True)

    aliases: tuple[str, ...] = ()
    inquiries: tuple[str, ...] = ()


class WorkspaceConfig(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int = 0
    pass_threshold: int = Field(default=4, ge=1, le=5)
    timezone: str = "UTC"
    drift_channel: str | None = None  # None: the deploy parameter CX_DRIFT_CHANNEL; OFF: no drift summary
    claude_model: str | None = None  # None: the deploy parameter ClaudeModel
    journeys: dict[str, JourneySetup] = Field(default_factory=dict)

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
        return out


class Change(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    before: str
    after: str
    by: str
    at: datetime
    note: str | None = None  # what the operator must still do, e.g. a rebuild after a time zone change


def _names(value: str) -> tuple[str, ...]:
    if value.strip().lower() in ("", "none"):
        return ()
    names = tuple(dict.fromkeys(n.strip().lower() for n in value.split(",") if n.strip()))
    bad = [n for n in names if not JOURNEY_NAME.match(n)]
    if bad:
        raise InvalidSetting(
            f"{', '.join(repr(b) for b in bad)}: names are lower-case letters, digits, - and _ (up to 40), "
            "separated by commas"
        )
    return names


def _journey(config: WorkspaceConfig, key: str, value: str) -> WorkspaceConfig:
    parts = key.split(".")
    if len(parts) == 2 and value.strip().lower() == "remove":
        return config.model_copy(update={"journeys": {k: v for k, v in config.journeys.items() if k != parts[1]}})
    if len(parts) != 3 or parts[2] not in ("aliases", "inquiries"):
        raise InvalidSetting(
            f"`{key}`: write journey.<name>.aliases=…, journey.<name>.inquiries=… or journey.<name>=remove"
        )
    name, field = parts[1].lower(), parts[2]
    if not JOURNEY_NAME.match(name):
        raise InvalidSetting(f"`{name}`: a journey name is lower-case letters, digits, - and _ (up to 40)")
    setup = config.journeys.get(name, JourneySetup()).model_copy(update={field: _names(value)})
    journeys = {**config.journeys, name: setup}
    others = {n: s for n, s in journeys.items() if n != name}
    if field == "aliases":
        taken = {a: n for n, s in others.items() for a in (n, *s.aliases)}
        clash = [a for a in setup.aliases if a in taken]
        if clash:
            raise InvalidSetting(f"alias `{clash[0]}` already names journey `{taken[clash[0]]}`; pick another")
    else:
        owner = {i: n for n, s in others.items() for i in s.inquiries}
        clash = [i for i in setup.inquiries if i in owner]
        if clash:
            raise InvalidSetting(
                f"inquiry `{clash[0]}` already belongs to journey `{owner[clash[0]]}`; "
                "an inquiry belongs to one journey"
            )
    return config.model_copy(update={"journeys": journeys})


def _set(config: WorkspaceConfig, key: str, value: str) -> WorkspaceConfig:
    value = value.strip()
    if key == "pass_threshold":
        if value not in {"1", "2", "3", "4", "5"}:
            raise InvalidSetting(f"pass_threshold={value!r}: the pass threshold is a CX score from 1 to 5")
        return config.model_copy(update={"pass_threshold": int(value)})
    if key == "timezone":
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidSetting(f"timezone={value!r} is not an IANA time zone such as Europe/Berlin") from None
        return config.model_copy(update={"timezone": value})
    if key == "drift_channel":
        if value.lower() in ("", "none", "off"):
            return config.model_copy(update={"drift_channel": DRIFT_OFF})
        if value.lower() in ("default", "deploy default"):
            return config.model_copy(update={"drift_channel": None})
        if not CHANNEL_ID.match(value):
            raise InvalidSetting(
                f"drift_channel={value!r}: give the channel's id such as C0123ABCD (channel details → copy the id), "
                "or none"
            )
        return config.model_copy(update={"drift_channel": value})
    if key == "claude_model":
        from cx.scoring.claude.pricing import PRICES

        if value not in PRICES:
            raise InvalidSetting(
                f"claude_model={value!r}: give a full model id with a known price: {', '.join(sorted(PRICES))}"
            )
        return config.model_copy(update={"claude_model": value})
    if key == "scorer":
        raise InvalidSetting("the scorer is chosen with `cx promote NAME` (recorded, and checked that NAME can run)")
    if key.startswith("journey."):
        return _journey(config, key, value)
    known = ", ".join(SETTINGS_HELP)
    raise InvalidSetting(f"I don't know the setting `{key}`; settings are: {known}")


def parse_assignments(words: list[str]) -> list[tuple[str, str]]:
    """`key=value` words; anything else is refused with the form it should take."""
    pairs = []
    for word in words:
        key, eq, value = word.partition("=")
        if not eq or not key:
            raise InvalidSetting(f"`{word}`: write settings as key=value, e.g. pass_threshold=4")
        pairs.append((key.strip().lower(), value))
    if not pairs:
        raise InvalidSetting("nothing to set; write settings as key=value, e.g. pass_threshold=4")
    return pairs


def apply_changes(
    config: WorkspaceConfig, assignments: list[tuple[str, str]], by: str, at: datetime
) -> tuple[WorkspaceConfig, list[Change]]:
    """The new configuration and one history entry per setting that changed; all or nothing."""
    new = config
    for key, value in assignments:
        new = _set(new, key, value)
    before, after = config.settings(), new.settings()
    changes = []
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            note = None
            if key == "timezone":
                note = "days already counted stay in the old zone until `cx rebuild --apply` recounts them"
            if key == "claude_model":
                note = "a new model is a new scorer version: conversations scored from now on carry it"
            changes.append(Change(key=key, before=before.get(key, "none"), after=after.get(key, "none"), by=by, at=at,
                                  note=note))  # fmt: skip
    if not changes:
        return config, []
    return new.model_copy(update={"version": config.version + 1}), changes


def defaults(pass_threshold: int, timezone: str) -> WorkspaceConfig:
    """The configuration a new deployment starts from: the deploy parameters, no journey setup. The drift
    channel is not copied: whichever process stores the configuration first (a laptop's `cx` without
    CX_DRIFT_CHANNEL) must not switch the deployment's drift summary off; None reads the deploy parameter."""
    return WorkspaceConfig(pass_threshold=pass_threshold, timezone=timezone)


def describe(config: WorkspaceConfig) -> str:
    lines = [f"Workspace configuration (version {config.version}):"]
    lines += [f"  {key} = {value}" for key, value in config.settings().items()]
    return "\n".join(lines)


def describe_history(changes: list[Change], limit: int = 20) -> str:
    if not changes:
        return "No configuration changes recorded yet."
    rows = [
        f"  {c.at:%Y-%m-%d %H:%M} {c.by}: {c.key} {c.before} → {c.after}" + (f" ({c.note})" if c.note else "")
        for c in changes[-limit:]
    ]
    return "\n".join(["Configuration changes, oldest first:", *rows])


class WorkspaceStore(Protocol):
    def current(self) -> WorkspaceConfig | None: ...

    def history(self) -> list[Change]: ...

    def save(self, config: WorkspaceConfig, changes: list[Change], expected_version: int | None) -> None:
        """Store ``config`` and its history entries atomically, if the stored version is still the expected
        one (None: nothing stored yet); else raise ``ConfigConflict``."""
        ...

    def record(self, changes: list[Change]) -> None:
        """History entries for changes kept elsewhere (the roles)."""
        ...


class ConfigConflict(Exception):
    """Someone changed the configuration at the same time: read it again and retry."""


def load(store: WorkspaceStore, fallback: WorkspaceConfig, at: datetime, create: bool = True) -> WorkspaceConfig:
    """The stored configuration; on first use, ``fallback`` (the deploy defaults), stored and recorded when
    ``create`` (readers without write access pass False and use the defaults until someone stores them)."""
    stored = store.current()
    if stored is not None:
        return stored
    if not create:
        return fallback
    created = fallback.model_copy(update={"version": 1})
    entry = Change(key="*", before="none", after="deploy defaults", by="deploy", at=at)
    try:
        store.save(created, [entry], expected_version=None)
    except ConfigConflict:  # another function created it first
        return store.current() or created
    return created


def change_settings(
    store: WorkspaceStore, fallback: WorkspaceConfig, words: list[str], by: str, at: datetime
) -> tuple[WorkspaceConfig, list[Change]]:
    """Validate and store `key=value` changes by ``by``; InvalidSetting says what to fix, and nothing is stored."""
    assignments = parse_assignments(words)
    for _ in range(3):
        config = load(store, fallback, at)
        new, changes = apply_changes(config, assignments, by, at)
        if not changes:
            return config, []
        try:
            store.save(new, changes, expected_version=config.version)
            return new, changes
        except ConfigConflict:
            continue
    raise ConfigConflict("the configuration kept changing while saving; try again")


class Refreshing(Generic[T]):
    """A value read again at most every ``max_age`` seconds: functions see configuration changes within a minute."""

    def __init__(self, read: Callable[[], T], max_age: float = 60.0, now: Callable[[], float] = time.monotonic):
        self._read, self._max_age, self._now = read, max_age, now
        self._value: T | None = None
        self._read_at = float("-inf")

    def get(self) -> T:
        if self._value is None or self._now() - self._read_at >= self._max_age:
            self._value, self._read_at = self._read(), self._now()
        return self._value
