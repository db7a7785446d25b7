"""Labels load from CSV and JSONL, several reviewers each; bad rows are rejected with line, field and reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cx.calibration.label_files import load_labels
from cx.calibration.labels import by_conversation
from cx.importers.result import ImportFileError


def test_a_csv_with_several_reviewers_per_conversation(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text(
        "conversation_id,reviewer,score,reason,labelled_at\n"
        "c-1,ana,2,slow refund,2026-11-02T09:00:00Z\n"
        "c-1,bo,4,,2026-11-02T10:00:00Z\n"
        "c-2,ana,6,,\n"
        "c-3,,3,,\n"
        "c-4,bo,5,,2026-11-02T10:00:00\n",
        encoding="utf-8",
    )

    result = load_labels(path)

    assert by_conversation(result.labels) == {"c-1": [2, 4]}
    assert result.labels[0].reason == "slow refund"
    assert [(r.line, r.field) for r in result.rejects] == [(4, "score"), (5, "reviewer"), (6, "labelled_at")]
    assert "1-5" in result.rejects[0].reason or "less than or equal to 5" in result.rejects[0].reason


def test_the_shared_labelled_format_keeps_every_annotator(tmp_path: Path) -> None:
    path = tmp_path / "labelled.jsonl"
    record = {
        "id": "sgd-1",
        "channel": "chat",
        "messages": [{"role": "customer", "text": "hi", "ratings": [3, 3, 2]}],
        "labels": {"overall": [3, 4, 2]},
    }
    label = {"conversation_id": "c-9", "reviewer": "ana", "score": 1}
    path.write_text(f"{json.dumps(record)}\n{json.dumps(label)}\n{{not json\n", encoding="utf-8")

    result = load_labels(path)

    assert by_conversation(result.labels) == {"sgd-1": [3, 4, 2], "c-9": [1]}
    assert [c.id for c in result.conversations] == ["sgd-1"]
    assert [r.line for r in result.rejects] == [3]


def test_a_csv_without_the_needed_columns_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("conversation_id,rating\nc-1,3\n", encoding="utf-8")

    with pytest.raises(ImportFileError, match="reviewer, score"):
        load_labels(path)
