"""`cx ingest` on a file with records that used to crash it: each is rejected with its reason, the good
neighbours load and are counted, and loading the file again keeps each reject once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

CX = [sys.executable, "-m", "cxcli.main"]


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    _cx(tmp_path, "local", "down")


def _cx(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CX_", "SLACK_"))}
    env["CX_HOME"] = str(home / ".cx")
    return subprocess.run([*CX, *args], capture_output=True, text=True, env=env, cwd=home, timeout=300, check=False)


def _conversation(cid: str, **changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": cid,
        "case_id": f"case-{cid}",
        "channel": "email",
        "journey": "returns",
        "case_outcome": "resolved",
        "started_at": "2026-11-20T09:00:00Z",
        "messages": [
            {"role": "customer", "text": "Hello, my parcel has not arrived"},
            {"role": "agent", "text": "Sorry about that, I have sent a new one today."},
            {"role": "customer", "text": "Great, thank you!"},
        ],
    }
    record.update(changes)
    return record


def test_ingest_rejects_what_cannot_be_counted_and_loads_its_neighbours(home: Path) -> None:
    future = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    lines = [
        json.dumps(_conversation("good-1")),
        json.dumps(_conversation("bad-year", started_at="9999-12-31T23:59:59-14:00")),
        json.dumps(_conversation("future", started_at=future)),
        json.dumps(_conversation("huge", messages=[{"role": "customer", "text": "x" * 5_000_000}])),
        json.dumps(_conversation("long", messages=[{"role": "customer", "text": "hello"}] * 10_000)),
        '{"id": "deep", "extra": ' + "[" * 5_000 + "]" * 5_000 + "}",
        '{"id": "deep-40", "extra": ' + "[" * 40 + "]" * 40 + "}",
        json.dumps(_conversation("good-2")),
    ]
    source = home / "hostile.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    run = _cx(home, "ingest", str(source))
    assert "Traceback" not in run.stderr + run.stdout, run.stderr
    assert run.returncode == 1, "rejects make the exit code 1"
    assert "2 conversations loaded, 6 rejected" in run.stdout
    assert "2 folded into aggregates" in run.stdout
    rejects_path = home / ".cx" / "rejects" / "hostile.jsonl.rejects.jsonl"
    rejects = [json.loads(line) for line in rejects_path.read_text(encoding="utf-8").splitlines()]
    reasons = {r["line"]: r["reason"] for r in rejects}
    assert "outside 1990-2099" in reasons[2]
    assert "in the future" in reasons[3]
    assert "at most 50,000 characters" in reasons[4]
    assert "has 10,000 items, more than 1,000" in reasons[5]
    assert "nested" in reasons[6] and "nested 41 levels deep" in reasons[7]
    assert rejects[2]["record"]["messages"][0]["text"] == "x" * 5_000_000, "the record is kept whole to fix"

    again = _cx(home, "ingest", str(source))
    assert "Traceback" not in again.stderr + again.stdout, again.stderr
    assert "6 of them already there" in again.stdout
    assert len(rejects_path.read_text(encoding="utf-8").splitlines()) == 6, "rejects are not appended twice"
