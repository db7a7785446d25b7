"""From the CLI alone: create a candidate scorer version, shadow it over live traffic and the last 30 days,
read the comparison, promote it, and see the promotion by version in the history, the ◆ markers and the
drift summary. A real `cx` process each step, on the on-disk DynamoDB Local."""

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
HAPPY = "Great, that fixed it, thank you so much!"
ANGRY = "Still broken. This is useless and nobody helps, I'm cancelling."
MEH = "Ok I guess, I'll try that."


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    _cx(tmp_path, "local", "down")


def _cx(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CX_", "SLACK_", "ANTHROPIC_"))}
    env["CX_HOME"] = str(home / ".cx")
    return subprocess.run([*CX, *args], capture_output=True, text=True, env=env, cwd=home, timeout=600, check=False)


def _ok(home: Path, *args: str) -> str:
    run = _cx(home, *args)
    assert run.returncode == 0, f"cx {' '.join(args)}: {run.stdout}\n{run.stderr}"
    return run.stdout


def _file(home: Path, name: str, prefix: str, days_back: list[int]) -> Path:
    today = datetime.now(UTC).replace(hour=10, minute=0, second=0, microsecond=0)
    rows = []
    for i, back in enumerate(days_back):
        rows.append(
            {
                "id": f"{prefix}-{i}",
                "channel": "chat" if i % 2 else "email",
                "journey": "billing" if i % 3 else "orders",
                "case_outcome": "resolved",
                "started_at": (today - timedelta(days=back)).isoformat(),
                "messages": [
                    {"role": "customer", "text": f"Question {i} about my invoice."},
                    {"role": "agent", "text": "Let me check that for you."},
                    {"role": "customer", "text": (HAPPY, ANGRY, MEH)[i % 3]},
                ],
            }
        )
    path = home / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def test_a_candidate_version_is_created_shadowed_on_history_and_live_compared_and_promoted(home: Path) -> None:
    history = _file(home, "history.jsonl", "h", [3 + i % 27 for i in range(42)])
    assert "42 scored" in _ok(home, "ingest", str(history))

    bad = _cx(home, "scorer", "create", "harsh-1", "--kind", "offline", "weights.nope=1")
    assert bad.returncode == 2 and "weights.nope: no such weight" in bad.stderr
    created = _ok(
        home, "scorer", "create", "harsh-1", "--kind", "offline", "weights.sentiment=3.5", "weights.base=2.2",
        "--by", "ana", "--note", "more weight on sentiment",
    )  # fmt: skip
    assert "Created harsh-1: offline (weights={base: 2.2, sentiment: 3.5})" in created and "by ana" in created
    again = _cx(home, "scorer", "create", "harsh-1", "--kind", "offline")
    assert again.returncode == 2 and "versions never change" in again.stderr
    listed = _ok(home, "scorer", "list")
    assert " * offline: offline (defaults); built in" in listed and "   harsh-1: offline" in listed

    started = _ok(home, "shadow", "start", "harsh-1", "--share", "1", "--since", "last-30d", "--by", "ana")
    assert "Shadowing harsh-1 on 100% of conversations" in started
    assert "42 conversations looked at, 42 sampled: 42 scored, 0 already scored by this version" in started
    rerun = _ok(home, "shadow", "start", "harsh-1", "--share", "1", "--since", "last-30d")
    assert "42 sampled: 0 scored, 42 already scored by this version" in rerun, "a rerun scores nothing twice"
    assert "~ harsh-1" in _ok(home, "scorer", "list")

    live = _file(home, "live.jsonl", "l", [2] * 6)
    assert "6 scored" in _ok(home, "ingest", str(live)), "live traffic: the active version scores and publishes"
    (home / "labels.csv").write_text(
        "conversation_id,reviewer,score\n" + "".join(f"h-{i},ana,{(5, 1, 3)[i % 3]}\n" for i in range(12))
    )
    _ok(home, "labels", "import", str(home / "labels.csv"))
    compared = _ok(home, "shadow", "report")
    assert "Shadow: offline/harsh-1 rubric offline-v1" in compared
    assert "against the active offline/1.0.0 rubric offline-v1 on the same 48 conversations" in compared
    assert "Against human labels (12 labelled conversations)" in compared
    assert "Aggregates match a recomputation" in _ok(home, "rebuild"), "shadow evaluations never in aggregates"

    promoted = _ok(home, "promote", "harsh-1", "--by", "alice", "--note", "kinder to angry customers? no: fairer")
    assert "alice: offline → harsh-1" in promoted and "Stopped shadowing harsh-1" in promoted
    after = _file(home, "after.jsonl", "a", [1] * 9)
    assert "9 scored" in _ok(home, "ingest", str(after))

    record = _ok(home, "promote")
    assert "alice: offline → harsh-1 [offline@1.0.0/" in record and "→ offline@harsh-1/" in record
    journey = _ok(home, "slash", "/cx journey billing last-7d")
    assert "◆" in journey and "scorer offline → harsh-1" in journey
    drift = _cx(home, "drift")
    assert "alice promoted offline → harsh-1" in drift.stdout
    assert drift.returncode == 1 and "posts this NOWHERE: neither drift_channel" in drift.stdout
    shown = _ok(home, "scorer", "show", "harsh-1")
    assert "evaluations carry: offline/harsh-1 rubric offline-v1" in shown and "now: active" in shown
