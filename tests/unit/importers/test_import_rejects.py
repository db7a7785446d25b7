"""Rejects files: written as JSONL, appended safely, and re-driven once a user fixed a record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cx.importers import ImportFileError, load, redrive, write_rejects

GOOD = '{"id": "c1", "channel": "chat", "messages": [{"role": "customer", "text": "hi"}]}'
BAD_ROLE = '{"id": "c2", "channel": "chat", "messages": [{"role": "bot", "text": "hi"}]}'


def test_rejects_file_is_written_and_re_driven_after_a_fix(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(f"{GOOD}\n{BAD_ROLE}\n", encoding="utf-8")
    rejects_path = tmp_path / "out" / "rejects.jsonl"

    write_rejects(load(source).rejects, rejects_path)

    [entry] = [json.loads(line) for line in rejects_path.read_text(encoding="utf-8").splitlines()]
    assert set(entry) == {"source", "line", "id", "field", "reason", "record"}
    assert (entry["source"], entry["line"], entry["id"], entry["field"]) == (
        str(source),
        2,
        "c2",
        "messages.0.role",
    )

    still_bad = redrive(rejects_path)
    assert still_bad.accepted == [] and [r.field for r in still_bad.rejects] == ["messages.0.role"]

    entry["record"]["messages"][0]["role"] = "customer"
    rejects_path.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    fixed = redrive(rejects_path)
    assert fixed.rejects == [] and [c.id for c in fixed.accepted] == ["c2"]


def test_unparseable_line_is_re_driven_from_its_text(tmp_path: Path) -> None:
    broken = GOOD.replace('"c1"', '"c3"')[:-1]  # closing brace lost
    source = tmp_path / "in.jsonl"
    source.write_text(f"{GOOD}\n{broken}\n", encoding="utf-8")
    rejects_path = tmp_path / "rejects.jsonl"
    write_rejects(load(source).rejects, rejects_path)
    entry = json.loads(rejects_path.read_text(encoding="utf-8"))
    assert (entry["line"], entry["field"], entry["record"]) == (2, None, broken)

    entry["record"] += "}"
    rejects_path.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    assert [c.id for c in redrive(rejects_path).accepted] == ["c3"]


def test_csv_rejects_carry_their_rows_and_re_drive(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("conversation_id,role,text,channel\nc1,customer,hi,chat\nc1,agent,,chat\n", encoding="utf-8")
    rejects_path = tmp_path / "rejects.jsonl"
    write_rejects(load(source).rejects, rejects_path)
    entry = json.loads(rejects_path.read_text(encoding="utf-8"))
    assert (entry["line"], entry["field"]) == (3, "messages.1.text")

    entry["record"]["rows"][1]["text"] = "hello"
    rejects_path.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    [conversation] = redrive(rejects_path).accepted
    assert [m.text for m in conversation.messages] == ["hi", "hello"]


def test_write_rejects_appends_after_a_torn_last_line_and_keeps_a_reject_once(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(f"{BAD_ROLE}\n", encoding="utf-8")
    rejects = load(source).rejects
    rejects_path = tmp_path / "rejects.jsonl"
    rejects_path.write_text('{"torn": ', encoding="utf-8")

    assert write_rejects(rejects, rejects_path) == 1
    assert write_rejects(rejects, rejects_path) == 0, "loading the same file again keeps its rejects once"

    lines = rejects_path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"torn": '
    assert [json.loads(line)["id"] for line in lines[1:]] == ["c2"]


def test_unknown_extension_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"")
    with pytest.raises(ImportFileError, match=r"\.xlsx.*\.jsonl.*\.csv"):
        load(path)
