"""Changing the workspace configuration: `key=value` words, validated as a whole, one history entry each."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cx.workspace.config import DRIFT_OFF, Change, JourneySetup, WorkspaceConfig

JOURNEY_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")

SETTINGS_HELP: dict[str, str] = {
    "pass_threshold": "the lowest CX score (1-5) that counts as a pass, e.g. pass_threshold=4",
    "timezone": "the IANA time zone days are counted in, e.g. timezone=Europe/Berlin",
    "drift_channel": "the Slack channel id for the weekly drift summary, e.g. drift_channel=C0123ABCD "
    "(none: off; default: the deploy parameter CX_DRIFT_CHANNEL)",
    "claude_model": "the Claude model id the claude scorer uses, e.g. claude_model=claude-haiku-4-5 "
    "(on Bedrock: us.anthropic.…)",
    "journey.<name>.aliases": "other names for a journey in /cx, e.g. journey.billing.aliases=invoices,payments",
    "journey.<name>.inquiries": "inquiries that belong to a journey, e.g. journey.billing.inquiries=refund,invoice",
    "journey.<name>": "journey.<name>=remove forgets a journey's aliases and inquiries",
    "helpdesk.<vendor>.<role>": "which Intercom/Zendesk field gives journey, inquiry, team or agent, "
    "e.g. helpdesk.zendesk.journey=tag:journey- (docs/helpdesks.md)",
    "helpdesk.<vendor>.<role>.map": "rename a field's values, e.g. helpdesk.zendesk.team.map=98738:billing-payments",
}


class InvalidSetting(ValueError):
    """A change that cannot be made; the message says what to write instead."""


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


def _helpdesk(config: WorkspaceConfig, key: str, value: str) -> WorkspaceConfig:
    from cx.helpdesks.mapping import BadMapping, check_setting

    rest = {k: v for k, v in config.helpdesk.items() if k != key}
    if value.lower() in ("", "default"):
        return config.model_copy(update={"helpdesk": rest})
    try:
        check_setting(key, value)
    except BadMapping as exc:
        raise InvalidSetting(str(exc)) from None
    return config.model_copy(update={"helpdesk": {**rest, key: value}})


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
        from cx.scoring.claude.models import InvalidModelId, check

        try:
            check(value)
        except InvalidModelId as exc:
            raise InvalidSetting(f"claude_model: {exc}") from None
        return config.model_copy(update={"claude_model": value})
    if key == "scorer":
        raise InvalidSetting("the scorer is chosen with `cx promote NAME` (recorded, and checked that NAME can run)")
    if key.startswith("journey."):
        return _journey(config, key, value)
    if key.startswith("helpdesk."):
        return _helpdesk(config, key, value)
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
