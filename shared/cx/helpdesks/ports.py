"""What the help-desk code needs from the outside: the vendors' APIs and a little state of its own."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import Any


class HelpdeskApiError(RuntimeError):
    """The vendor's API refused or failed (after retries on 429); the message says which call and why."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Page:
    """One page of a history listing: the vendor ids on it, the next page's cursor, whether it was the last."""

    ids: list[str]
    cursor: str | None
    done: bool


class IntercomSource(ABC):
    @abstractmethod
    def conversation(self, conversation_id: str) -> dict[str, Any]:
        """GET /conversations/{id}: the conversation with its parts."""

    @abstractmethod
    def updated_since(self, since: datetime, cursor: str | None) -> Page:
        """POST /conversations/search on updated_at, one page from ``cursor`` (`starting_after`)."""


class ZendeskSource(ABC):
    @abstractmethod
    def ticket(self, ticket_id: str) -> dict[str, Any]: ...

    @abstractmethod
    def comments(self, ticket_id: str) -> list[dict[str, Any]]:
        """Every comment, following the cursor pagination to the end."""

    @abstractmethod
    def users(self, user_ids: list[str]) -> dict[str, dict[str, Any]]: ...

    @abstractmethod
    def updated_since(self, since: datetime, cursor: str | None) -> Page:
        """The incremental ticket export (cursor-based), one page."""


class HelpdeskState(ABC):
    """Per conversation the newest vendor `updated_at` sent on; per delivery whether it came before; cursors."""

    @abstractmethod
    def advance(self, key: str, updated_at: datetime) -> bool:
        """Record ``updated_at`` for ``key`` unless a newer one is stored; False when it is older (stale)."""

    @abstractmethod
    def known(self, key: str) -> bool:
        """Whether a version of this conversation was sent on before."""

    @abstractmethod
    def first_delivery(self, delivery_id: str, now: datetime) -> bool:
        """True the first time a delivery id is seen (kept a day); False for a replay."""

    @abstractmethod
    def forget_delivery(self, delivery_id: str) -> None:
        """Undo ``first_delivery`` when the event could not be queued, so the vendor's retry is accepted."""

    @abstractmethod
    def cursor(self, name: str) -> str | None: ...

    @abstractmethod
    def save_cursor(self, name: str, cursor: str | None) -> None: ...
