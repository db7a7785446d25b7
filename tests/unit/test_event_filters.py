"""cxlocal's reading of Lambda filter patterns: what the local stream delivers must be what Lambda would."""

from __future__ import annotations

import pytest

from cxlocal.event_filters import matches, passes, stream_filters

SCORED = {"eventName": "INSERT", "dynamodb": {"NewImage": {"evaluation": {"S": "{}"}, "status": {"S": "scored"}}}}
FAILED = {"eventName": "INSERT", "dynamodb": {"NewImage": {"status": {"S": "failed"}}}}
REMOVED = {"eventName": "REMOVE", "dynamodb": {"Keys": {"conversation_id": {"S": "c1"}}}}


def test_the_templates_pattern_lets_through_only_records_with_an_evaluation() -> None:
    [pattern] = stream_filters()
    assert [matches(pattern, r) for r in (SCORED, FAILED, REMOVED)] == [True, False, False]


def test_literal_values_are_a_choice_and_exists_false_wants_the_key_absent() -> None:
    assert matches({"eventName": ["INSERT", "MODIFY"]}, SCORED)
    assert not matches({"eventName": ["INSERT", "MODIFY"]}, REMOVED)
    assert matches({"dynamodb": {"NewImage": {"evaluation": {"S": [{"exists": False}]}}}}, FAILED)
    assert not matches({"dynamodb": {"NewImage": [{"exists": True}]}}, REMOVED)


def test_no_filters_pass_everything_and_several_are_or_ed() -> None:
    assert passes([], REMOVED)
    assert passes([{"eventName": ["REMOVE"]}, {"eventName": ["INSERT"]}], REMOVED)
    assert not passes([{"eventName": ["MODIFY"]}], REMOVED)


def test_an_operator_it_does_not_know_raises_instead_of_passing_silently() -> None:
    with pytest.raises(NotImplementedError, match="prefix"):
        matches({"eventName": [{"prefix": "INS"}]}, SCORED)
    with pytest.raises(ValueError, match="lists"):
        matches({"eventName": "INSERT"}, SCORED)
