"""JSON Lines import: the shared labelled format, the product's own fields, and one reject per bad record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cx.domain.conversation import CaseOutcome, Channel, Role
from cx.importers import load


def _conversation(cid: str, **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": cid,
        "channel": "chat",
        "messages": [
            {"role": "customer", "text": "My card was charged twice"},
            {"role": "agent", "text": "Sorry"},
        ],
    }
    record.update(fields)
    return record


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_the_shared_labelled_format(tmp_path: Path) -> None:
    line = {
        "id": "sgd-0000",
        "source": "uss-sgd",
        "channel": "chat",
        "messages": [
            {"role": "customer", "text": "What is the weather like?", "ratings": [3, 3, 3]},
            {"role": "agent", "text": "In which city?"},
        ],
        "labels": {"overall": [3, 4, 3]},
    }
    result = load(_write(tmp_path / "labelled.jsonl", [json.dumps(line)]))

    assert result.rejects == []
    [conversation] = result.accepted
    assert conversation.id == "sgd-0000"
    assert conversation.source == "uss-sgd"
    assert [m.role for m in conversation.messages] == [Role.CUSTOMER, Role.AGENT]
    assert conversation.labels is not None and conversation.labels.overall == [3, 4, 3]


def test_reads_the_products_own_fields_and_skips_blank_lines(tmp_path: Path) -> None:
    record = _conversation(
        "c-1",
        channel="email",
        case_id="case-9",
        journey=" Billing ",
        inquiry="double-charge",
        agent_id="a-7",
        agent_name="Ana",
        team="Tier1",
        customer_id="cust-3",
        started_at="2026-11-02T09:15:00Z",
        case_opened_at="2026-11-01T08:00:00+01:00",
        case_outcome="resolved",
        messages=[{"role": "customer", "text": "Hello", "at": "2026-11-02T09:15:00Z"}],
    )
    result = load(_write(tmp_path / "own.ndjson", ["", json.dumps(record), "   ", ""]))

    assert result.rejects == []
    [conversation] = result.accepted
    assert conversation.channel is Channel.EMAIL
    assert conversation.journey == "billing"
    assert conversation.case_outcome is CaseOutcome.RESOLVED
    assert conversation.started_at is not None and conversation.started_at.tzinfo is not None
    assert conversation.messages[0].at is not None


def test_bad_records_are_rejected_with_line_and_field_while_good_ones_load(tmp_path: Path) -> None:
    lines = [
        json.dumps(_conversation("good-1")),
        json.dumps(
            _conversation("bad-role", messages=[{"role": "customer", "text": "hi"}, {"role": "bot", "text": "x"}])
        ),
        '{"id": "broken", "channel": "chat"',
        json.dumps(_conversation("no-text", messages=[{"role": "customer"}])),
        json.dumps(_conversation("naive", started_at="2026-11-02T09:15:00")),
        json.dumps(_conversation("good-1")),
        json.dumps(_conversation("good-2")),
        "[1, 2]",
    ]
    result = load(_write(tmp_path / "mixed.jsonl", lines))

    assert [c.id for c in result.accepted] == ["good-1", "good-2"]
    found = {(r.line, r.id, r.field) for r in result.rejects}
    assert found == {
        (2, "bad-role", "messages.1.role"),
        (3, None, None),
        (4, "no-text", "messages.0.text"),
        (5, "naive", "started_at"),
        (6, "good-1", "id"),
        (8, None, None),
    }
    reasons = {r.line: r.reason for r in result.rejects}
    assert reasons[2] == "messages.1.role: must be one of customer, agent, system (got 'bot')"
    assert reasons[3].startswith("not valid JSON") and "column" in reasons[3]
    assert "missing" in reasons[4]
    assert "time zone" in reasons[5] and "'2026-11-02T09:15:00'" in reasons[5]
    assert "first seen on line 1" in reasons[6]
    assert "one JSON object" in reasons[8]
    assert result.summary() == "2 conversations loaded, 6 rejected"


def test_a_reject_lists_every_field_error_and_keeps_the_record(tmp_path: Path) -> None:
    record = _conversation("two-faults", channel="fax", labels={"overall": [9]})
    [reject] = load(_write(tmp_path / "two.jsonl", [json.dumps(record)])).rejects

    assert reject.field == "channel"
    assert reject.reason.startswith("channel: must be one of chat, email, voice (got 'fax'); labels.overall: ")
    assert reject.source == str(tmp_path / "two.jsonl")
    assert reject.record == record


def test_a_rule_on_the_whole_record_names_its_field(tmp_path: Path) -> None:
    record = _conversation("agent-only", messages=[{"role": "agent", "text": "Anyone there?"}])
    [reject] = load(_write(tmp_path / "agent.jsonl", [json.dumps(record)])).rejects

    assert reject.field == "messages"
    assert "at least one customer message" in reject.reason


def test_loads_the_real_labelled_file(shared_data_dir: Path) -> None:
    path = shared_data_dir / "uss-sgd.jsonl"
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    result = load(path)

    assert result.rejects == []
    assert len(result.accepted) == 1000
    assert result.summary() == "1000 conversations loaded, 0 rejected"
    for conversation, record in zip(result.accepted, raw, strict=True):
        assert conversation.id == record["id"]
        assert conversation.labels is not None
        assert conversation.labels.overall == record["labels"]["overall"]
        assert len(conversation.messages) == len(record["messages"])
