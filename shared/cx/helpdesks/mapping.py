"""Which vendor field gives a conversation's journey, inquiry, team and agent: set with `cx config set`.

Settings `helpdesk.<vendor>.<role>=<source>` with role journey, inquiry, team or agent, and an optional
`helpdesk.<vendor>.<role>.map=<vendor value>:<name>,…` renaming what the field holds (a group id to a
team name). Sources, named as the vendor's API names the fields:
- Intercom: `tag:<prefix>` (the first of `tags.tags[].name` starting with the prefix, the rest of the name),
  `attribute:<name>` (`custom_attributes.<name>`), `team` (`team_assignee_id`), `admin`
  (`admin_assignee_id`), `none`.
- Zendesk: `tag:<prefix>` (`tags`), `field:<id>` (`custom_fields[id].value`), `group` (`group_id`), `form`
  (`ticket_form_id`), `assignee` (`assignee_id`), `none`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ROLES = ("journey", "inquiry", "team", "agent")
SOURCES = {
    "intercom": {"tag", "attribute", "team", "admin", "none"},
    "zendesk": {"tag", "field", "group", "form", "assignee", "none"},
}
DEFAULTS = {
    "intercom": {"team": "team", "agent": "admin"},
    "zendesk": {"team": "group", "agent": "assignee"},
}
_SLUG = re.compile(r"[^a-z0-9_-]+")


class BadMapping(ValueError):
    """A mapping setting that cannot be read; the message gives the form to write."""


def check_setting(key: str, value: str) -> None:
    """Raises BadMapping unless ``helpdesk.<vendor>.<role>[.map]=value`` is one this module can apply."""
    parts = key.split(".")
    if len(parts) not in (3, 4) or parts[1] not in SOURCES or parts[2] not in ROLES or parts[3:] not in ([], ["map"]):
        raise BadMapping(
            f"`{key}`: write helpdesk.<intercom|zendesk>.<{'|'.join(ROLES)}>=<source> "
            "or helpdesk.<vendor>.<role>.map=<value>:<name>,…"
        )
    if len(parts) == 4:
        _value_map(value, key)
        return
    kind, _, arg = value.strip().partition(":")
    allowed = SOURCES[parts[1]]
    if kind not in allowed or (kind in ("tag", "attribute", "field") and not arg):
        raise BadMapping(
            f"{key}={value!r}: sources for {parts[1]} are {', '.join(sorted(allowed))} "
            "(tag:<prefix>, attribute:<name> and field:<id> need their argument)"
        )


def _value_map(value: str, key: str) -> dict[str, str]:
    pairs = {}
    for item in (v for v in value.split(",") if v.strip()):
        raw, colon, name = item.partition(":")
        if not colon or not raw.strip() or not name.strip():
            raise BadMapping(f"{key}: write <vendor value>:<name>, e.g. 98738:billing-payments")
        pairs[raw.strip()] = name.strip()
    return pairs


def slug(value: str) -> str:
    return _SLUG.sub("-", value.strip().lower()).strip("-")[:40]


@dataclass(frozen=True)
class HelpdeskMapping:
    vendor: str
    settings: Mapping[str, str]

    def source(self, role: str) -> str:
        return self.settings.get(f"helpdesk.{self.vendor}.{role}") or DEFAULTS[self.vendor].get(role, "none")

    def rename(self, role: str, value: str) -> str:
        key = f"helpdesk.{self.vendor}.{role}.map"
        return _value_map(self.settings.get(key, ""), key).get(value, value)


def pick(
    mapping: HelpdeskMapping, role: str, fields: Mapping[str, Any], tags: list[str], custom: Mapping[str, Any]
) -> str | None:
    """The value ``role`` takes for one conversation: ``fields`` are the vendor's plain fields by source name."""
    kind, _, arg = mapping.source(role).partition(":")
    value: Any
    if kind == "none":
        return None
    if kind == "tag":
        value = next((t[len(arg) :] for t in tags if t.lower().startswith(arg.lower()) and len(t) > len(arg)), None)
    elif kind in ("attribute", "field"):
        value = custom.get(arg)
    else:
        value = fields.get(kind)
    if value is None or value == "" or isinstance(value, dict | list):
        return None
    renamed = mapping.rename(role, str(value))
    return renamed if role == "agent" else (slug(renamed) or None)
