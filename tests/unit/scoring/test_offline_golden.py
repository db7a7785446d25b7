"""The faster offline scorers publish exactly what they did before (issue 17): same scores, reasons, evidence.

``golden/offline_golden.json`` holds 106 conversations and what offline-v1 and offline-v2 published for
them before the speed-up (commit 8d1e7ed; how: ``golden_set.py``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from golden_set import NOW, OUT, V3_OUT, published

from cx.domain.conversation import Conversation
from cx.scoring.offline import OfflineScorer
from cx.scoring.offline2.scorer import OfflineScorerV2
from cx.scoring.offline3.scorer import OfflineScorerV3

ROWS: list[dict[str, Any]] = json.loads(OUT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["offline", "offline-v2"])
def test_every_published_field_is_what_the_old_scorer_gave(name: str) -> None:
    scorer = OfflineScorer() if name == "offline" else OfflineScorerV2()
    changed = []
    for row in ROWS:
        conversation = Conversation.model_validate(row["conversation"])
        if published(scorer.score(conversation, NOW)) != row[name]:
            changed.append(conversation.id)
    assert not changed, f"{len(changed)} of {len(ROWS)} evaluations changed: {changed[:10]}"


def test_offline_v3_publishes_what_it_published_when_it_was_made() -> None:
    """A version never changes: offline-v3's evaluations of the same conversations, as first published."""
    golden: dict[str, Any] = json.loads(V3_OUT.read_text(encoding="utf-8"))
    scorer = OfflineScorerV3()
    changed = []
    for row in ROWS:
        conversation = Conversation.model_validate(row["conversation"])
        if published(scorer.score(conversation, NOW)) != golden[conversation.id]:
            changed.append(conversation.id)
    assert len(golden) == len(ROWS) and not changed, f"{len(changed)} of {len(ROWS)} changed: {changed[:10]}"


def test_the_golden_set_covers_what_the_scorers_can_say() -> None:
    """A golden file that never exercised a rule would let that rule change unseen."""
    v1 = [row["offline"] for row in ROWS]
    factors = {reason["factor"] for e in v1 for reason in e["reasons"]}
    assert {e["cx_score"] for e in v1} == {1, 2, 3, 4, 5}
    assert {"resolved", "unresolved", "partly_resolved", "positive_sentiment", "negative_sentiment",
            "agent_friendly_tone", "agent_empathy", "agent_ownership", "high_effort", "transferred",
            "customer_repeats_information", "repeat_contact", "rude_or_dismissive_agent"} <= factors  # fmt: skip
    assert {e["language"] for e in v1} >= {"en", "de", "ja"}
    assert any(len(m["text"]) > 500 for row in ROWS for m in row["conversation"]["messages"])
