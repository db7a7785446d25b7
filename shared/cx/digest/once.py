"""Posting a scheduled digest once, whatever retries the scheduler and Lambda make.

A ledger entry per (subscription, occurrence) is claimed with a conditional write before anything
is posted, and holds a lease at least as long as the function's timeout:

- entry marked ``done``: the digest is posted with its chart; nothing to do.
- lease still running: another invocation is (or was, until it timed out) posting; leave it to it.
- lease run out: that invocation died. The post may or may not have gone out, so the channel is
  searched for a message carrying this key in its metadata before anything is posted again;
  a post found is adopted, and only the missing steps (the post, the chart) are done.

So a retry never posts twice, and a crash at any point is finished by the next tick after the lease.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

LEASE = timedelta(minutes=10)  # longer than the digest function's timeout (5 minutes)


class ClaimState(StrEnum):
    NEW = "new"  # first claim: nothing was posted
    RETAKEN = "retaken"  # an earlier invocation's lease ran out: something may have been posted
    BUSY = "busy"  # another invocation holds a live lease
    DONE = "done"  # posted with its chart


@dataclass(frozen=True)
class Claim:
    state: ClaimState
    ts: str | None = None  # the post's Slack timestamp, once recorded
    claimed_at: datetime | None = None  # when the first claim was made


class PostLedger(Protocol):
    def claim(self, key: str, now: datetime, lease: timedelta) -> Claim: ...

    def mark_posted(self, key: str, ts: str) -> None: ...

    def mark_done(self, key: str) -> None: ...


class DigestTarget(Protocol):
    """Where one digest goes (a Slack channel): post it, attach its chart, find it again."""

    def find(self, key: str, since: datetime) -> str | None:
        """The ts of a post carrying ``key`` made since ``since``, if any."""
        ...

    def post(self, key: str) -> str:
        """Post the digest tagged with ``key``; its ts."""
        ...

    def attach_chart(self, ts: str) -> None: ...


class Outcome(StrEnum):
    POSTED = "posted"
    COMPLETED = "completed an interrupted post"
    ALREADY = "already posted"
    BUSY = "being posted by another invocation"


def post_once(key: str, now: datetime, ledger: PostLedger, target: DigestTarget, lease: timedelta = LEASE) -> Outcome:
    claim = ledger.claim(key, now, lease)
    if claim.state is ClaimState.DONE:
        return Outcome.ALREADY
    if claim.state is ClaimState.BUSY:
        return Outcome.BUSY
    ts = claim.ts
    if ts is None and claim.state is ClaimState.RETAKEN:
        ts = target.find(key, since=(claim.claimed_at or now) - timedelta(minutes=1))
        if ts is not None:
            ledger.mark_posted(key, ts)
    fresh = ts is None
    if ts is None:
        ts = target.post(key)
        ledger.mark_posted(key, ts)
    target.attach_chart(ts)
    ledger.mark_done(key)
    return Outcome.POSTED if fresh else Outcome.COMPLETED
