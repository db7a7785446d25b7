"""Benchmark: help-desk events per second through the fetch step (notification -> whole conversation -> records),
with the real Zendesk and Intercom API adapters against the local fake APIs and the version guard in DynamoDB
Local (in memory). The vendors' own latency and rate limits are not in it: this is the product's own cost.

    .venv/bin/python bench/helpdesk_fetch.py [--events 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

from cx.adapters.dynamo.helpdesk_state import DynamoHelpdeskState, build_helpdesk_model
from cx.adapters.helpdesk_wiring import sources
from cx.helpdesks.fetch import after_notification
from cx.helpdesks.notifications import Notification
from cx.importers.helpdesk_records import split_records
from cxlocal.dynamodb_local import DynamoDBLocal, local_client
from cxlocal.fake_intercom import FakeIntercom
from cxlocal.fake_zendesk import FakeZendesk
from cxlocal.template_tables import create_tables

EVENTS = Path(__file__).resolve().parents[1] / "tests" / "events"


def _load(name: str) -> Any:
    return json.loads((EVENTS / name).read_text())


def _run(vendor: str, n: int, endpoint: str) -> float:
    table = create_tables(local_client(endpoint), prefix=f"b{uuid.uuid4().hex[:8]}")["HelpdeskTable"]
    state = DynamoHelpdeskState(build_helpdesk_model(table, "us-east-1", endpoint))
    with FakeZendesk("a@b.c", "t") as zendesk, FakeIntercom("t") as intercom:
        ticket, comments = (
            _load("zendesk/ticket_35436.json")["ticket"],
            _load("zendesk/comments_35436.json")["comments"],
        )
        users, conversation = _load("zendesk/users.json")["users"], _load("intercom/conversation_215471.json")
        for i in range(n):
            zendesk.put({**ticket, "id": 50000 + i}, comments, users)
            intercom.put({**conversation, "id": str(70000 + i)})
        found = sources({"zendesk_base_url": zendesk.url, "zendesk_email": "a@b.c", "zendesk_api_token": "t",
                         "intercom_access_token": "t", "intercom_base_url": intercom.url})  # fmt: skip
        started = time.perf_counter()
        for i in range(n):
            cid = str(50000 + i) if vendor == "zendesk" else str(70000 + i)
            fetched = after_notification(Notification(vendor, cid, True, "bench"), found, state, {})  # type: ignore[arg-type]
            split_records(fetched.records, source=vendor)
        return n / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for key, value in (("AWS_ACCESS_KEY_ID", "local"), ("AWS_SECRET_ACCESS_KEY", "local")):
        os.environ.setdefault(key, value)
    with DynamoDBLocal() as db:
        for vendor in ("zendesk", "intercom"):
            rates = [_run(vendor, args.events, db.endpoint) for _ in range(args.runs)]
            calls = "ticket + comments + users" if vendor == "zendesk" else "conversation"
            print(f"{vendor}: {statistics.median(rates):.0f} events/s (median of {args.runs}; {calls} per event, "
                  "one conditional put)")  # fmt: skip


if __name__ == "__main__":
    main()
