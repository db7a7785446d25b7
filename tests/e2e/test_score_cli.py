"""`cx score FILE [--out evaluations.jsonl]` as a user runs it: every conversation scored, nothing stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CX = [sys.executable, "-m", "cxcli.main"]


def _cx(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CX_")}
    env["CX_HOME"] = str(home / ".cx")
    return subprocess.run([*CX, *args], capture_output=True, text=True, env=env, cwd=home, timeout=600, check=False)


CONVERSATIONS = [
    {
        "id": "happy-1",
        "channel": "chat",
        "messages": [
            {"role": "customer", "text": "My invoice shows the wrong amount."},
            {"role": "agent", "text": "I've issued a corrected invoice, you are all set."},
            {"role": "customer", "text": "Great, that fixed it, thank you so much!"},
        ],
    },
    {
        "id": "angry-2",
        "channel": "email",
        "messages": [
            {"role": "customer", "text": "The app crashes every time I log in."},
            {"role": "agent", "text": "Please reinstall it."},
            {"role": "customer", "text": "Still broken. This is useless, a total waste of my time."},
        ],
    },
    {"id": "bad-3", "channel": "fax", "messages": [{"role": "customer", "text": "hello"}]},
    {
        "id": "german-4",
        "channel": "email",
        "messages": [
            {"role": "customer", "text": "Die Lieferung ist schon wieder nicht angekommen und niemand hilft mir!"},
            {"role": "agent", "text": "Das tut mir leid."},
        ],
    },
]


def test_score_writes_one_evaluation_a_line_with_raw_value_reasons_and_confidence(tmp_path: Path) -> None:
    source = tmp_path / "conv.jsonl"
    source.write_text("".join(json.dumps(c) + "\n" for c in CONVERSATIONS), encoding="utf-8")

    run = _cx(tmp_path, "score", str(source), "--out", "out/evaluations.jsonl")

    assert run.returncode == 1, run.stderr  # one record rejected, and the exit code says so
    assert "3 conversations scored" in run.stderr and "1 rejected" in run.stderr and "channel" in run.stderr
    assert "1 need a human look" in run.stderr
    lines = [json.loads(line) for line in (tmp_path / "out" / "evaluations.jsonl").read_text().splitlines()]
    by_id = {line["conversation_id"]: line for line in lines}
    assert set(by_id) == {"happy-1", "angry-2", "german-4"}
    german = by_id.pop("german-4")
    assert german["language"] == "de" and german["confidence"] == 0.0 and german["needs_review"]
    lines = list(by_id.values())
    happy, angry = by_id["happy-1"], by_id["angry-2"]
    assert happy["cx_score"] > angry["cx_score"] and angry["cx_score"] <= 2
    for line in lines:
        assert abs(line["raw_score"] - line["cx_score"]) <= 0.5
        assert 0 <= line["confidence"] <= 1 and line["language"] == "en"
        assert line["scorer"]["name"] == "offline" and line["scorer"]["rubric_version"]
        assert set(line["sub_scores"]) == {"resolution", "sentiment", "effort", "service_quality"}
        assert line["reasons"] and all(r["evidence"][0]["quote"] for r in line["reasons"])
    assert any("useless" in e["quote"] for r in angry["reasons"] for e in r["evidence"])
    assert not (tmp_path / ".cx" / "dynamodb").exists(), "cx score stores nothing"


def test_score_reads_the_csv_that_ingest_reads_and_writes_to_standard_output(tmp_path: Path) -> None:
    rows = [
        "conversation_id,channel,role,text",
        "c-1,chat,customer,Can you move my booking to Friday?",
        "c-1,chat,agent,Your booking has been moved to Friday.",
        'c-1,chat,customer,"Perfect, thanks!"',
    ]
    (tmp_path / "conv.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    run = _cx(tmp_path, "score", "conv.csv")

    assert run.returncode == 0, run.stderr
    (line,) = [json.loads(text) for text in run.stdout.splitlines()]
    assert line["conversation_id"] == "c-1" and line["cx_score"] >= 4
    v2 = _cx(tmp_path, "score", "conv.csv", "--scorer", "offline-v2")
    (line,) = [json.loads(text) for text in v2.stdout.splitlines()]
    assert line["scorer"]["name"] == "offline-v2" and line["scorer"]["rubric_version"] == "offline-v2"
    assert line["sub_scores"]["resolution"] == "resolved"  # "Your booking has been moved": the agent says so
    v3 = _cx(tmp_path, "score", "conv.csv", "--scorer", "offline-v3")
    (line,) = [json.loads(text) for text in v3.stdout.splitlines()]
    assert line["scorer"]["name"] == "offline-v3" and line["cx_score"] >= 4  # "Perfect, thanks!" after it was done
    assert "customer_approves" in [r["factor"] for r in line["reasons"]]
    missing = _cx(tmp_path, "score", "nothing.jsonl")
    assert missing.returncode == 2 and "no such file" in missing.stderr
