"""CSV import: one row per message, grouped by conversation_id."""

from __future__ import annotations

from pathlib import Path

import pytest

from cx.importers import ImportFileError, load


def _csv(path: Path, text: str, *, bom: bool = False) -> Path:
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8", newline="")
    return path


def test_groups_rows_and_orders_messages_by_message_index(tmp_path: Path) -> None:
    path = _csv(
        tmp_path / "messages.csv",
        "conversation_id,role,text,at,message_index,channel,journey,started_at,case_outcome\n"
        "c1,agent,How can I help?,2026-11-02T09:16:00Z,1,chat,Billing,2026-11-02T09:15:00Z,resolved\n"
        "c2,customer,Where is my parcel?,,,email,delivery,,\n"
        'c1,customer,"Charged twice, please refund",2026-11-02T09:15:00Z,0,chat,,,\n'
        "c2,agent,On its way,,,email,,,\n"
        "c1,customer,Thanks,2026-11-02T09:17:00Z,2,,,,\n",
        bom=True,
    )
    result = load(path)

    assert result.rejects == []
    assert [c.id for c in result.accepted] == ["c1", "c2"]
    c1, c2 = result.accepted
    assert [m.text for m in c1.messages] == ["Charged twice, please refund", "How can I help?", "Thanks"]
    assert c1.journey == "billing" and c1.channel == "chat" and c1.case_outcome == "resolved"
    assert c1.started_at is not None and c1.messages[0].at is not None
    assert [m.text for m in c2.messages] == ["Where is my parcel?", "On its way"]
    assert c2.channel == "email" and c2.started_at is None


def test_conflicting_journey_across_rows_is_a_reject_naming_both_values(tmp_path: Path) -> None:
    path = _csv(
        tmp_path / "conflict.csv",
        "conversation_id,role,text,channel,journey\n"
        "ok,customer,hi,chat,billing\n"
        "c1,customer,hi,chat,billing\n"
        "c1,agent,hello,chat,\n"
        "c1,customer,refund?,chat,refunds\n",
    )
    result = load(path)

    assert [c.id for c in result.accepted] == ["ok"]
    [reject] = result.rejects
    assert (reject.line, reject.id, reject.field) == (5, "c1", "journey")
    assert "'billing' on line 3" in reject.reason and "'refunds' on line 5" in reject.reason
    assert isinstance(reject.record, dict) and len(reject.record["rows"]) == 3


def test_a_bad_row_is_rejected_at_its_own_line(tmp_path: Path) -> None:
    path = _csv(
        tmp_path / "bad.csv",
        "conversation_id,role,text,channel\nc1,customer,hi,chat\nc1,bot,hello,chat\nc2,customer,hi,chat\n",
    )
    result = load(path)

    assert [c.id for c in result.accepted] == ["c2"]
    [reject] = result.rejects
    assert (reject.line, reject.id, reject.field) == (3, "c1", "messages.1.role")
    assert "must be one of customer, agent, system (got 'bot')" in reject.reason


def test_missing_required_column_fails_the_file_naming_what_was_found(tmp_path: Path) -> None:
    path = _csv(tmp_path / "no-text.csv", "conversation_id,role,body\nc1,customer,hi\n")

    with pytest.raises(ImportFileError) as raised:
        load(path)

    message = str(raised.value)
    assert "missing required column(s): text" in message
    assert "Columns found: conversation_id, role, body" in message
