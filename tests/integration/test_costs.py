"""`cx costs`: what scoring with a model cost, per day, from the usage every evaluation keeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cx.bootstrap import build_stores
from cx.config import Settings
from cx.domain.conversation import Conversation
from cx.domain.evaluation import Usage
from cx.scoring.offline import OfflineScorer
from cxcli.main import main
from cxlocal.template_tables import LocalTables


def _conversation(i: int) -> Conversation:
    return Conversation.model_validate(
        {"id": f"k-{i}", "channel": "chat", "messages": [{"role": "customer", "text": f"Refund {i} please"}]}
    )


def test_costs_sum_each_days_evaluations_including_superseded_ones(
    tables: LocalTables, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CX_CONVERSATIONS_TABLE", tables.conversations)
    monkeypatch.setenv("CX_EVALUATIONS_TABLE", tables.evaluations)
    monkeypatch.setenv("CX_AGGREGATES_TABLE", tables.aggregates)
    monkeypatch.setenv("CX_DYNAMODB_ENDPOINT", tables.endpoint)
    scorer, day1 = OfflineScorer(), datetime(2026, 11, 2, 10, tzinfo=UTC)
    made = []
    for i, (when, cost) in enumerate([(day1, 0.0125), (day1, 0.0100), (day1 + timedelta(days=1), 0.0300)]):
        evaluation = scorer.score(_conversation(i), when)
        made.append(
            evaluation.model_copy(
                update={"usage": Usage(input_tokens=1000 * (i + 1), output_tokens=200, cost_usd=cost)}
            )
        )
    # a superseded evaluation of conversation 0, made the next day by another rubric: it cost money too
    superseded = made[0].model_copy(
        update={
            "evaluated_at": day1 + timedelta(days=1),
            "scorer": made[0].scorer.model_copy(update={"rubric_version": "r2"}),
        }
    )
    build_stores(settings).evaluations.put_evaluations([*made, superseded])

    assert main(["costs", "2026-11-01..2026-11-03"]) == 0
    out = capsys.readouterr().out
    assert "4 evaluations made" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:]}
    assert rows["2026-11-02"] == ["3,000", "400", "0", "0", "$0.0225"]
    assert rows["2026-11-03"] == ["4,000", "400", "0", "0", "$0.0425"]
    assert rows["total"] == ["$0.0650"]

    # a model without a price (cost unknown) makes its day and the total unknown, not a crash or a $0
    unpriced = scorer.score(_conversation(7), day1 + timedelta(days=2)).model_copy(
        update={"usage": Usage(input_tokens=500, output_tokens=50, cost_usd=None)}
    )
    build_stores(settings).evaluations.put_evaluations([unpriced])
    assert main(["costs", "2026-11-01..2026-11-04"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:] if line.strip()}
    assert rows["2026-11-04"] == ["500", "50", "0", "0", "unknown"]
    assert rows["total"] == ["unknown"] and "without a price" in out

    assert main(["costs", "2026-11-05..2026-11-06"]) == 0
    assert "no model usage recorded" in capsys.readouterr().out
