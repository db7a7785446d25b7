"""`cx backfill` against DynamoDB Local and the Message Batches endpoints of the Anthropic stub."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from support.table_env import table_env

from cx.bootstrap import build_pipeline
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cx.scoring.claude.pricing import PRICES
from cx.scoring.claude.prompt import redacted_texts
from cxcli.main import main
from cxlocal.anthropic_stub import AnthropicStub, error_reply, tool_reply
from cxlocal.template_tables import LocalTables

MODEL = "claude-haiku-4-5-20251001"


def answer_for(conversation: Conversation, score: int) -> dict[str, Any]:
    return {
        "cx_score": score,
        "sub_scores": {"resolution": "resolved", "sentiment": 4, "effort": 4, "service_quality": 4},
        "reasons": [
            {
                "factor": "resolution",
                "direction": "positive",
                "summary": "Opening message states the problem.",
                "evidence": [{"message_index": 0, "quote": redacted_texts(conversation)[0][:20].strip()}],
            }
        ],
        "outcome_guess": "resolved",
        "confidence": 0.7,
    }


def test_backfill_scores_in_batches_retries_bad_answers_once_and_is_idempotent(
    tables: LocalTables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    conversations = generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=2, seed=9).conversations[:4]
    source = tmp_path / "history.jsonl"
    source.write_text("".join(c.model_dump_json(exclude_none=True) + "\n" for c in conversations))
    for name, value in {
        **table_env(tables),
        "CX_SCORER": "claude",
        "CX_CLAUDE_MODEL": MODEL,
        "ANTHROPIC_API_KEY": "sk-ant-test",
        "CX_HOME": str(tmp_path / ".cx"),
    }.items():
        monkeypatch.setenv(name, value)
    a, b, c, d = conversations
    with AnthropicStub() as stub:
        monkeypatch.setenv("CX_ANTHROPIC_BASE_URL", stub.base_url)
        stub.script(
            tool_reply(answer_for(a, 5), input_tokens=1000, output_tokens=200),
            tool_reply(answer_for(b, 2)),
            tool_reply({**answer_for(c, 3), "cx_score": 11}),  # malformed: asked again in a second batch
            error_reply(529),  # errored: asked again too
            tool_reply(answer_for(c, 3)),
            tool_reply({"cx_score": 4}),  # malformed twice: failed, with its reason
        )
        first = main(["backfill", str(source), "--poll-seconds", "0"])
        out = capsys.readouterr().out
        stub.script(tool_reply(answer_for(d, 1)))
        second = main(["backfill", str(source), "--poll-seconds", "0"])
        batches = [r for r in stub.requests if r.method == "POST" and r.path == "/v1/messages/batches"]

    assert first == 1 and f"failed {d.id}" in out and "outside the schema" in out
    assert second == 0
    assert [len(r.body["requests"]) for r in batches] == [4, 2, 1]  # the second run sends only what failed
    params = batches[0].body["requests"][0]["params"]
    assert params["system"][-1]["cache_control"] == {"type": "ephemeral"}
    assert params["tool_choice"]["name"] == "record_evaluation"

    settings = Settings.from_env()
    pipeline = build_pipeline(settings, clock=lambda: datetime.now(UTC))
    latest = {e.conversation_id: e for e in pipeline.evaluations.scan_latest_evaluations()}
    assert {cid: e.cx_score for cid, e in latest.items()} == {a.id: 5, b.id: 2, c.id: 3, d.id: 1}
    usage = latest[a.id].usage
    assert usage is not None
    p = PRICES["claude-haiku-4-5"]
    assert usage.cost_usd == pytest.approx(0.5 * (1000 * p.input + 200 * p.output) / 1e6)  # batch price
    assert pipeline.rebuild() == []
    counted = pipeline.aggregates.read_all()
    assert sum(v.get("evaluations", 0) for (pk, _), v in counted.items() if pk.startswith("channel=")) == 4
