"""Several reviewers' ratings: the consensus rule is a choice, and disagreement is kept and listed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cx.calibration.consensus import ConsensusRule, as_category, consensus, most_disputed
from cx.calibration.labels import Label, by_conversation


@pytest.mark.parametrize(
    ("scores", "rule", "expected"),
    [
        ([3, 4, 3], ConsensusRule.MEAN, 10 / 3),
        ([1, 5, 5, 5], ConsensusRule.MEAN, 4.0),
        ([1, 5, 5, 5], ConsensusRule.MEDIAN, 5.0),
        ([2, 3, 4, 5], ConsensusRule.MEDIAN, 3.5),
        ([1, 1, 4, 5, 5], ConsensusRule.MAJORITY, 5.0),  # tie 1 vs 5: 5 is nearer the median (4)
        ([2, 2, 3, 3], ConsensusRule.MAJORITY, 2.0),  # tie at equal distance: the lower rating
        ([4, 4, 1], ConsensusRule.MAJORITY, 4.0),
    ],
)
def test_each_consensus_rule(scores: list[int], rule: ConsensusRule, expected: float) -> None:
    assert consensus(scores, rule) == pytest.approx(expected)


def test_a_consensus_becomes_a_category_by_rounding_halves_up() -> None:
    assert [as_category(v) for v in (1.0, 2.49, 2.5, 10 / 3, 4.5, 5.0)] == [1, 2, 3, 3, 5, 5]


def test_the_most_disputed_conversations_come_first_and_agreement_is_not_listed() -> None:
    listed = most_disputed({"calm": [3, 3, 3], "split": [1, 5], "mild": [3, 4, 3], "alone": [2]}, limit=5)

    assert [d.conversation_id for d in listed] == ["split", "mild"]
    assert listed[0].span == 4


def test_a_reviewers_later_label_replaces_their_earlier_one_and_others_are_kept() -> None:
    def label(reviewer: str, score: int, day: int) -> Label:
        return Label(
            conversation_id="c-1", reviewer=reviewer, score=score, labelled_at=datetime(2026, 11, day, tzinfo=UTC)
        )

    scores = by_conversation([label("ana", 2, 3), label("bo", 4, 1), label("ana", 3, 5), label("ana", 1, 4)])

    assert sorted(scores["c-1"]) == [3, 4]
