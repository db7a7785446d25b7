"""Slack people by name: a typed `@maria` to a user id, and a user id to the name people read.

With ``should_escape: true`` Slack sends a mention picked from its list as ``<@U123|maria>``; a name typed
without picking arrives as plain ``@maria``. Both name one user: the first by id, the second found among the
workspace's members (users.list). Names are read once and kept for ``TTL`` seconds, per bot token, so a
report that names twenty agents makes at most one users.list call, not twenty users.info calls.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

TTL = 600.0
USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")


class UnknownPerson(LookupError):
    """A typed `@name` that is no one, or several people: said so, with what to type instead."""


def _key(name: str) -> str:
    return "".join(name.lower().replace(".", " ").replace("_", " ").split())


@dataclass
class _Members:
    at: float
    names: dict[str, str] = field(default_factory=dict)  # user id -> real (or display) name
    keys: dict[str, set[str]] = field(default_factory=dict)  # handle, display, real and first name -> user ids


def _name(user: dict[str, Any]) -> str | None:
    profile = user.get("profile") or {}
    return user.get("real_name") or profile.get("real_name") or profile.get("display_name") or user.get("name")


class SlackPeople:
    """Who is who in one workspace, read through its bot client."""

    def __init__(self, client: WebClient, clock: Callable[[], float] = time.monotonic) -> None:
        self._client, self._clock = client, clock
        self._members: _Members | None = None
        self._lock = threading.Lock()

    def _read(self) -> _Members:
        with self._lock:
            if self._members is not None and self._clock() - self._members.at < TTL:
                return self._members
            members = _Members(self._clock())
            cursor: str | None = None
            while True:
                page = self._client.users_list(limit=200, cursor=cursor)
                for user in page.get("members") or []:
                    self._keep(members, user)
                cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
                if not cursor:
                    break
            self._members = members
            return members

    @staticmethod
    def _keep(members: _Members, user: dict[str, Any]) -> None:
        name = _name(user)
        if user.get("deleted") or not name or not user.get("id"):
            return
        members.names[user["id"]] = name
        profile = user.get("profile") or {}
        for said in {user.get("name"), profile.get("display_name"), name, name.split()[0]}:
            if said:
                members.keys.setdefault(_key(said), set()).add(user["id"])

    def name_of(self, user_id: str) -> str | None:
        """The name of a Slack user, None for anything that is not one (an id from a help desk, a deleted user)."""
        if not USER_ID.fullmatch(user_id):
            return None
        try:
            known = self._read().names.get(user_id)
            if known is not None:
                return known
            user = self._client.users_info(user=user_id).get("user") or {}
        except SlackApiError:
            return None
        return None if user.get("deleted") else _name(user)

    def find(self, typed: str) -> str:
        """The user id a typed name (``maria``, ``maria.lopez``, ``Maria Lopez``) means; raises UnknownPerson."""
        try:
            members = self._read()
        except SlackApiError as exc:
            raise UnknownPerson(f"I couldn't look up `@{typed}` in Slack ({exc.response.get('error')}).") from exc
        found = sorted(members.keys.get(_key(typed), set()))
        if len(found) == 1:
            return found[0]
        if not found:
            raise UnknownPerson(f"I can't find anyone called `@{typed}` here: pick them from Slack's list as you type.")
        names = " or ".join(sorted(members.names[u] for u in found)[:5])
        raise UnknownPerson(f"`@{typed}` could be {names}: pick one from Slack's list as you type.")

    def resolve(self, text: str) -> str:
        """``text`` with a plain `@name` where a person is asked for (`/cx agent @name`, `agent:@name`) as the
        mention ``<@U…|name>``; Slack's own mentions, ids (`@U0AGENT01`) and any other `@` stay as they came."""
        words = text.split()
        for n, word in enumerate(words):
            if word.lower().startswith("agent:@"):
                prefix = word[: len("agent:")]
            elif n == 1 and words[0].lower() == "agent" and word.startswith("@"):
                prefix = ""
            else:
                continue
            typed = word[len(prefix) + 1 :]
            if typed and not USER_ID.fullmatch(typed):
                words[n] = f"{prefix}<@{self.find(typed)}|{typed}>"
        return " ".join(words)

    def names(self, user_ids: Iterable[str]) -> dict[str, str]:
        """The names of those of ``user_ids`` that are Slack users, by id."""
        found = {u: self.name_of(u) for u in set(user_ids)}
        return {u: n for u, n in found.items() if n}


_BY_TOKEN: dict[str, SlackPeople] = {}
_GUARD = threading.Lock()


def people_for(client: WebClient) -> SlackPeople:
    """One directory per bot token for the life of the process (a warm Lambda keeps its names for ``TTL``)."""
    with _GUARD:
        key = f"{client.base_url}|{client.token}"
        if key not in _BY_TOKEN:
            _BY_TOKEN[key] = SlackPeople(client)
        return _BY_TOKEN[key]
