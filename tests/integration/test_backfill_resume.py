"""`cx backfill` stores each chunk as its results arrive and, run again after it stopped, scores only what is left:
with the Message Batches API (a batch in flight when it stopped is collected, not paid for again) and on Bedrock
(one call per conversation, in parallel). The aggregates count every conversation once."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.table_env import table_env
from test_backfill_batches import answer_for
from test_score_handler_bedrock import KEY, REGION, SECRET

from cx.backfill import backfill
from cx.bootstrap import build_pipeline
from cx.config import Settings
from cx.demo.generator import generate
from cx.domain.conversation import Conversation
from cx.scoring.claude.adapter import ClaudeScorer
from cx.scoring.claude.batches import BatchScorer, MemoryLedger
from cxcli.main import main
from cxlocal.anthropic_stub import AnthropicStub, Reply, quoting, tool_reply
from cxlocal.bedrock_stub import BedrockStub, bedrock_error
from cxlocal.template_tables import LocalTables


@pytest.fixture
def history(tables: LocalTables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[Conversation]]:
    conversations = generate(end=datetime(2026, 11, 20, tzinfo=UTC).date(), days=3, seed=13).conversations[:5]
    source = tmp_path / "history.jsonl"
    source.write_text("".join(c.model_dump_json(exclude_none=True) + "\n" for c in conversations))
    for name, value in {
        **table_env(tables),
        "CX_SCORER": "claude",
        "CX_HOME": str(tmp_path / ".cx"),  # where the ledger of batches in flight is kept
    }.items():
        monkeypatch.setenv(name, value)
    return source, conversations


def _counted(conversations: list[Conversation]) -> tuple[dict[str, int], int]:
    pipeline = build_pipeline(Settings.from_env(), clock=lambda: datetime.now(UTC))
    latest = {e.conversation_id: e.cx_score for e in pipeline.evaluations.scan_latest_evaluations()}
    assert pipeline.rebuild() == []  # the aggregates agree with a recount from the stored evaluations
    counted = pipeline.aggregates.read_all()
    return latest, int(sum(v.get("evaluations", 0) for (pk, _), v in counted.items() if pk.startswith("channel=")))


def test_a_backfill_stopped_with_a_batch_in_flight_resumes_and_collects_that_batch(
    history: tuple[Path, list[Conversation]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, conversations = history
    monkeypatch.setenv("CX_CLAUDE_MODEL", "claude-haiku-4-5")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    with AnthropicStub() as stub:
        monkeypatch.setenv("CX_ANTHROPIC_BASE_URL", stub.base_url)
        stub.batch_polls = 1  # each batch is in progress until checked once
        stub.fail_retrieves = {3}  # gone while the second chunk's batch is in flight (results() retrieves too)
        stub.script(*[tool_reply(answer_for(c, 4)) for c in conversations])
        args = ["backfill", str(source), "--poll-seconds", "0", "--batch-size", "2"]
        first = main(args)
        out = capsys.readouterr().out
        stored_after_first, _ = _counted(conversations)
        second = main(args)
        out2 = capsys.readouterr().out
        creates = [r for r in stub.requests if r.method == "POST" and r.path == "/v1/messages/batches"]

    assert first == 1 and "stopped with 3 not scored yet" in out and "run `cx backfill" in out
    assert set(stored_after_first) == {c.id for c in conversations[:2]}  # the first chunk was stored as it came
    assert second == 0 and "1 resumed from the last run" in out2
    # 2 batches in the first run; the second run collects the one in flight and creates one for the last chunk
    assert [len(r.body["requests"]) for r in creates] == [2, 2, 1]
    latest, evaluations = _counted(conversations)
    assert latest == {c.id: 4 for c in conversations} and evaluations == len(conversations)
    assert json.loads((source.parent / ".cx" / "backfill" / "batches.json").read_text()) == {}  # all collected


def test_a_bedrock_backfill_stopped_after_some_calls_scores_only_the_rest_the_second_time(
    history: tuple[Path, list[Conversation]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, conversations = history
    for name in ("ANTHROPIC_API_KEY", "CX_ANTHROPIC_SECRET_ARN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {
        "CX_CLAUDE_PROVIDER": "bedrock",
        "CX_CLAUDE_MODEL": "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
        "CX_BEDROCK_REGION": REGION,
        "AWS_ACCESS_KEY_ID": KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_SESSION_TOKEN": "stub-session-token",
    }.items():
        monkeypatch.setenv(name, value)
    with BedrockStub({KEY: SECRET}, region=REGION) as stub:
        monkeypatch.setenv("CX_BEDROCK_BASE_URL", stub.base_url)
        respond, served = quoting(), []

        def fail_after_three(body: dict[str, object]) -> Reply:
            served.append(1)
            return respond(body) if len(served) <= 3 else bedrock_error(503)  # the model becomes unavailable

        stub.responder = fail_after_three
        args = ["backfill", str(source), "--batch-size", "5", "--concurrency", "1"]
        first = main(args)
        out = capsys.readouterr().out
        stored_after_first, _ = _counted(conversations)
        calls_first = len(stub.invocations())
        stub.responder = respond
        second = main(args)
        calls_second = len(stub.invocations()) - calls_first

    assert first == 1 and "stopped with 2 not scored yet" in out
    assert len(stored_after_first) == 3  # stored although their chunk did not finish
    assert second == 0 and calls_second == 2  # only what was left
    latest, evaluations = _counted(conversations)
    assert set(latest) == {c.id for c in conversations} and evaluations == len(conversations)


def test_ctrl_c_while_a_batch_is_in_flight_keeps_what_was_stored_and_the_batch_for_next_time(
    history: tuple[Path, list[Conversation]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, conversations = history
    monkeypatch.setenv("CX_CLAUDE_MODEL", "claude-haiku-4-5")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    ledger = MemoryLedger()
    polls: list[float] = []

    def interrupt_on_the_second_poll(seconds: float) -> None:
        polls.append(seconds)
        if len(polls) == 2:
            raise KeyboardInterrupt

    with AnthropicStub() as stub:
        monkeypatch.setenv("CX_ANTHROPIC_BASE_URL", stub.base_url)
        stub.batch_polls = 1
        stub.script(*[tool_reply(answer_for(c, 2)) for c in conversations])
        pipeline = build_pipeline(Settings.from_env(), clock=lambda: datetime.now(UTC))
        scorer = pipeline.scorer
        assert isinstance(scorer, ClaudeScorer)
        first = backfill(
            pipeline, BatchScorer(scorer, 0, interrupt_on_the_second_poll, ledger).score_all, conversations, chunk=3
        )
        in_flight = dict(ledger.batches)
        again = BatchScorer(scorer, 0, lambda _: None, ledger)
        second = backfill(pipeline, again.score_all, conversations, chunk=3)
        creates = [r for r in stub.requests if r.method == "POST" and r.path == "/v1/messages/batches"]

    assert (first.stopped, first.scored, first.left) == ("interrupted", 3, 2)
    assert len(in_flight) == 1  # the second chunk's batch, created and not collected
    assert second.stopped == "" and second.scored == 2 and second.unchanged == 3
    assert again.resumed == list(in_flight) and [len(r.body["requests"]) for r in creates] == [3, 2]
    latest, evaluations = _counted(conversations)
    assert set(latest) == {c.id for c in conversations} and evaluations == len(conversations)
