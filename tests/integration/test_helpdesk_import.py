"""`cx import zendesk|intercom --since`: the vendor's history through the same pipeline, against the local fake
APIs and DynamoDB Local; an interrupted import resumes from its saved cursor without counting anything twice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cx.bootstrap import build_stores
from cx.config import Settings
from cxcli.main import main
from cxlocal.fake_intercom import FakeIntercom
from cxlocal.fake_zendesk import FakeZendesk
from cxlocal.template_tables import LocalTables

EVENTS = Path(__file__).resolve().parents[1] / "events"
EMAIL, TOKEN = "ops@example.com", "api-token"


def _load(name: str) -> Any:
    return json.loads((EVENTS / name).read_text())


@pytest.fixture
def env(tables: LocalTables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LocalTables:
    for key, value in {
        "CX_CONVERSATIONS_TABLE": tables.conversations, "CX_EVALUATIONS_TABLE": tables.evaluations,
        "CX_AGGREGATES_TABLE": tables.aggregates, "CX_CONFIG_TABLE": tables.config,
        "CX_DYNAMODB_ENDPOINT": tables.endpoint, "CX_HOME": str(tmp_path), "CX_IMPORT_PAGE_INTERVAL": "0",
    }.items():  # fmt: skip
        monkeypatch.setenv(key, value)
    return tables


@pytest.fixture
def zendesk(env: LocalTables, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeZendesk]:
    """Five solved tickets and one still open, from the documented ticket, comments and users."""
    ticket, comments, users = _load("zendesk/ticket_35436.json")["ticket"], _load("zendesk/comments_35436.json")[
        "comments"], _load("zendesk/users.json")["users"]  # fmt: skip
    with FakeZendesk(EMAIL, TOKEN, export_page=2) as api:
        for n in range(6):
            status = "open" if n == 5 else "solved"
            api.put(
                {**ticket, "id": 40000 + n, "status": status, "updated_at": f"2026-11-2{n}T10:00:00Z"},
                comments[:3],
                users,
            )
        monkeypatch.setenv("CX_ZENDESK_URL", api.url)
        monkeypatch.setenv("CX_ZENDESK_EMAIL", EMAIL)
        monkeypatch.setenv("CX_ZENDESK_API_TOKEN", TOKEN)
        yield api


def _stored(settings: Settings) -> tuple[int, int]:
    stores = build_stores(settings)
    conversations = list(stores.conversations.scan_conversations())
    evaluations = sum(len(stores.evaluations.evaluations_of(c.id)) for c in conversations)
    return len(conversations), evaluations


def test_an_interrupted_zendesk_import_resumes_without_counting_twice(
    zendesk: FakeZendesk, env: LocalTables, capsys: pytest.CaptureFixture[str]
) -> None:
    # page 1 (2 tickets) completes; the first ticket of page 2 is stored, then the API refuses (token revoked)
    zendesk.fail_from = 1 + 2 * 3 + 1 + 3 + 1
    assert main(["import", "zendesk", "--since", "2026-11-01"]) == 1
    out, err = capsys.readouterr()
    assert "page 1: 2 imported" in out and "Run the same command again to resume" in err
    assert _stored(Settings.from_env()) == (3, 3)

    zendesk.fail_from = None
    assert main(["import", "zendesk", "--since", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert "Resuming after page 1" in out
    # the ticket stored before the interruption comes back unchanged: stored once, not counted as new
    assert "Done: 4 imported, 1 already stored, 1 still open (skipped), 0 rejected." in out
    assert _stored(Settings.from_env()) == (5, 5)  # each ticket once, scored once
    exports = [r for r in zendesk.requests if r.path.endswith("/incremental/tickets/cursor.json")]
    assert "start_time" in exports[0].query and all("cursor" in r.query for r in exports[1:])
    counted = build_stores(Settings.from_env()).aggregates.read_all()
    assert sum(c.get("evaluations", 0) for (pk, _), c in counted.items() if pk.startswith("channel=")) == 5


def test_an_intercom_import_pages_the_search_and_fetches_each_conversation(
    env: LocalTables, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    conversation = _load("intercom/conversation_215471.json")
    with FakeIntercom(TOKEN, per_page=2) as api:
        for n in range(3):
            api.put({**conversation, "id": str(9100 + n), "updated_at": conversation["updated_at"] + n})
        api.put({**conversation, "id": "9200", "state": "open", "open": True})  # not listed: comes in live
        api.throttle("0")  # a 429 first: waited out as told by Retry-After
        monkeypatch.setenv("CX_INTERCOM_URL", api.url)
        monkeypatch.setenv("CX_INTERCOM_ACCESS_TOKEN", TOKEN)
        assert main(["import", "intercom", "--since", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert "page 2: 3 imported" in out and "Done: 3 imported" in out
    assert _stored(Settings.from_env()) == (3, 3)
    assert not any(r.path == "/conversations/9200" for r in api.requests)
    searches = [r for r in api.requests if r.path == "/conversations/search"]
    assert [s.body["pagination"].get("starting_after") for s in searches[1:]] == [None, "2"]


def test_import_without_credentials_says_what_to_set(env: LocalTables, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "zendesk", "--since", "2026-01-01"]) == 2
    assert "CX_ZENDESK_SUBDOMAIN, CX_ZENDESK_EMAIL and CX_ZENDESK_API_TOKEN" in capsys.readouterr().err
