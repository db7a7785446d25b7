"""A workspace's ingest key: ``cxk_<workspace>_<key id>_<secret>``, shown once when issued, kept only as a hash.

The workspace and the key id are not secret: they say where the key's record is. The secret part is 32 random
bytes, so a plain SHA-256 of the whole key is enough to keep (nothing to guess from it, no salt or slow hash
needed), and it is compared with the presented key's in constant time. The workspace a request writes to is the
one in the stored record found by that lookup: a key issued for A, with B written into it, names no record of B.
A workspace may hold several keys (rotation: issue a new one, move senders over, revoke the old one).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel

PREFIX = "cxk"
KEY_SHAPE = re.compile(r"^cxk_([A-Za-z0-9]{1,32})_([0-9a-f]{12})_([A-Za-z0-9_-]{40,64})$")


class KeyRefused(ValueError):
    """The request carries no ingest key, a malformed one, or one that is not (or no longer) valid."""


class KeyRecord(BaseModel):
    workspace: str
    key_id: str
    sha256: str  # of the whole key; the key itself is never stored
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class IssuedKey:
    key: str  # shown once to the admin who issued it
    record: KeyRecord


class IngestKeyStore(ABC):
    """Where key records are kept (with the workspace's installation)."""

    @abstractmethod
    def put(self, record: KeyRecord) -> None: ...

    @abstractmethod
    def get(self, workspace: str, key_id: str) -> KeyRecord | None: ...

    @abstractmethod
    def of(self, workspace: str) -> list[KeyRecord]: ...

    @abstractmethod
    def delete(self, workspace: str, key_id: str) -> bool:
        """True if the key existed."""

    @abstractmethod
    def delete_all(self, workspace: str) -> int:
        """Every key of the workspace (it uninstalled the app); how many there were."""


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(workspace: str, by: str, now: datetime, token: Callable[[int], str] = secrets.token_urlsafe) -> IssuedKey:
    if not workspace.isalnum() or len(workspace) > 32:
        raise ValueError(f"workspace {workspace!r}: a Slack team id (T…) or, for an org-wide install, E…")
    key = f"{PREFIX}_{workspace}_{secrets.token_hex(6)}_{token(32)}"
    if not KEY_SHAPE.match(key):  # token_urlsafe(32) is 43 characters of [A-Za-z0-9_-]
        raise RuntimeError("an issued ingest key does not have the key shape")
    _, _, key_id, _ = key.split("_", 3)
    return IssuedKey(key, KeyRecord(workspace=workspace, key_id=key_id, sha256=digest(key), created_at=now,
                                    created_by=by))  # fmt: skip


def bearer(authorization: str | None) -> str:
    """The key of an ``Authorization: Bearer cxk_…`` header."""
    scheme, _, value = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise KeyRefused("send the workspace's ingest key as Authorization: Bearer cxk_… (cx workspace ingest-key)")
    return value.strip()


def resolve(key: str, store: IngestKeyStore, installed: Callable[[str], bool]) -> str:
    """The workspace ``key`` writes to; KeyRefused if it is malformed, unknown, revoked or its workspace is gone."""
    shape = KEY_SHAPE.match(key)
    if not shape:
        raise KeyRefused("that is not an ingest key (cxk_<workspace>_<id>_<secret>): copy the whole key")
    workspace, key_id = shape.group(1), shape.group(2)
    record = store.get(workspace, key_id)
    if record is None or not hmac.compare_digest(record.sha256, digest(key)) or record.workspace != workspace:
        raise KeyRefused("the ingest key is not valid here (revoked, or never issued): ask an admin for a new one")
    if not installed(record.workspace):
        raise KeyRefused(f"workspace {record.workspace} has not installed the app (Add to Slack: /slack/install)")
    return record.workspace
