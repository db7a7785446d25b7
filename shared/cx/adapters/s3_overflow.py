"""Rejects too big for the rejects queue, kept whole in the overflow bucket (SSE, expired like the queue)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from cx.importers.queueing import KeepWhole
from cx.importers.result import Reject


def s3_keeper(s3: Any, bucket: str | None) -> KeepWhole | None:
    if not bucket:
        return None

    def keep(reject: Reject) -> str:
        key = f"rejects/{datetime.now(UTC):%Y-%m-%d}/{reject.id or 'record'}-{uuid.uuid4().hex[:8]}.json"
        s3.put_object(Bucket=bucket, Key=key, Body=reject.model_dump_json().encode(), ContentType="application/json")
        return f"s3://{bucket}/{key}"

    return keep
