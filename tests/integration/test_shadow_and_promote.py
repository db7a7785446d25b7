"""A candidate scorer shadows the active one without touching the aggregates; `cx shadow report` compares them
on the same conversations and against human labels; `cx promote` records who switched what, and when."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from cx.bootstrap import build_label_store, build_pipeline, build_promotions, build_stores
from cx.calibration.labels import Label
from cx.calibration.shadow import Shadow
from cx.config import ConfigError, Settings
from cx.domain.conversation import Conversation
from cx.domain.evaluation import ScorerInfo
from cx.scoring.offline import OfflineScorer
from cx.scoring.weights import DEFAULT
from cxcli.main import main
from cxlocal.template_tables import LocalTables

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
HAPPY = "Great, that fixed it, thank you so much!"
ANGRY = "Still broken. This is useless and nobody helps, I'm cancelling."


class HarshCandidate(OfflineScorer):
    """The offline scorer with a heavier sentiment weight, under its own name and rubric version."""

    def __init__(self) -> None:
        super().__init__(replace(DEFAULT, sentiment=3.5, base=2.2))
        self._info = ScorerInfo(name="harsh", version="0.1.0", model="vader", rubric_version="harsh-v1")


def _conversation(i: int) -> Conversation:
    return Conversation.model_validate(
        {
            "id": f"c-{i}",
            "channel": "chat",
            "journey": "billing",
            "case_outcome": "resolved",
            "started_at": "2026-11-17T09:00:00Z",
            "messages": [
                {"role": "customer", "text": f"Question {i} about my invoice."},
                {"role": "agent", "text": "Let me check that for you."},
                {"role": "customer", "text": HAPPY if i % 3 else ANGRY},
            ],
        }
    )


@pytest.fixture
def cli_env(tables: LocalTables, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "CX_CONVERSATIONS_TABLE": tables.conversations,
        "CX_EVALUATIONS_TABLE": tables.evaluations,
        "CX_AGGREGATES_TABLE": tables.aggregates,
        "CX_LABELS_TABLE": tables.labels,
        "CX_CONFIG_TABLE": tables.config,
        "CX_DYNAMODB_ENDPOINT": tables.endpoint,
    }.items():
        monkeypatch.setenv(name, value)


def test_shadow_scores_a_sample_unpublished_and_the_report_compares(
    settings: Settings, cli_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    conversations = [_conversation(i) for i in range(40)]
    shadow = Shadow(HarshCandidate(), share=0.5)
    pipeline = build_pipeline(settings, clock=lambda: NOW)
    pipeline.shadow = shadow
    report = pipeline.process(conversations)
    sampled = [c.id for c in conversations if shadow.samples(c.id)]
    build_label_store(settings).put_labels(
        Label(conversation_id=cid, reviewer=r, score=s, labelled_at=NOW)
        for cid in sampled
        for r, s in (("ana", 1 if int(cid[2:]) % 3 == 0 else 4), ("bo", 2 if int(cid[2:]) % 3 == 0 else 5))
    )

    shadows = list(build_stores(settings).evaluations.shadow_evaluations())
    assert 10 < len(sampled) < 30 and sorted(e.conversation_id for e in shadows) == sorted(sampled)
    assert all(not e.published and e.scorer.name == "harsh" for e in shadows)
    assert report.scored == 40, "shadow evaluations are not counted as scored"
    assert pipeline.rebuild() == [], "aggregates equal a recomputation from published evaluations only"
    assert all(pipeline.evaluations.latest_evaluation(c.id).scorer.name == "offline" for c in conversations)  # type: ignore[union-attr]

    assert main(["shadow", "report"]) == 0
    out = capsys.readouterr().out
    assert "Shadow: harsh/0.1.0 rubric harsh-v1" in out
    assert f"on the same {len(sampled)} conversations" in out
    assert f"Against human labels ({len(sampled)} labelled conversations)" in out
    assert "active:" in out and "candidate:" in out and "human ref" in out


def test_promote_records_who_when_from_and_to(
    settings: Settings, cli_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["promote"]) == 0
    assert "No promotion recorded; the active scorer is offline" in capsys.readouterr().out

    assert main(["promote", "harsh", "--by", "alice"]) == 2, "only a scorer the product can run is promoted"
    assert "no scorer version `harsh`; versions are: offline, offline-v2, offline-v3" in capsys.readouterr().err
    assert main(["promote", "claude", "--by", "alice", "--note", "better poor-experience recall"]) == 0
    assert main(["promote", "claude", "--by", "bob"]) == 1
    with pytest.raises(ConfigError, match="made claude the active scorer: set CX_CLAUDE_MODEL"):
        build_pipeline(settings, clock=lambda: NOW)  # the promotion decides what runs, not CX_SCORER
    assert main(["promote", "offline", "--by", "bob"]) == 0
    assert build_pipeline(settings, clock=lambda: NOW).scorer.info.name == "offline"

    history = build_promotions(settings).history()
    assert [(p.previous, p.scorer, p.by) for p in history] == [
        ("offline", "claude", "alice"),
        ("claude", "offline", "bob"),
    ]
    assert build_promotions(settings).active().scorer == "offline"  # type: ignore[union-attr]
    capsys.readouterr()
    assert main(["promote"]) == 0
    listed = capsys.readouterr().out
    assert "alice: offline → claude (better poor-experience recall)" in listed


def test_offline_v2_shadows_from_configuration_then_is_promoted(settings: Settings, cli_env: None) -> None:
    conversations = [_conversation(i) for i in range(20)]
    shadowing = replace(settings, shadow_scorer="offline-v2", shadow_share=1.0)

    build_pipeline(shadowing, clock=lambda: NOW).process(conversations)

    shadows = list(build_stores(settings).evaluations.shadow_evaluations())
    assert len(shadows) == 20 and all(e.scorer.name == "offline-v2" and not e.published for e in shadows)
    assert all(e.raw_score is not None and e.confidence is not None and e.language == "en" for e in shadows)
    assert main(["promote", "offline-v2", "--by", "alice"]) == 0
    active = build_pipeline(settings, clock=lambda: NOW).scorer.info
    assert (active.name, active.rubric_version) == ("offline-v2", "offline-v2")
