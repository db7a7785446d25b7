"""The ingest API payload: nesting that would crash the JSON decoder is a reject with its reason."""

from __future__ import annotations

import json

from cx.importers.records import split_payload


def test_a_payload_nested_thousands_deep_is_one_reject_not_a_crash() -> None:
    accepted, [reject] = split_payload('{"conversations": ' + "[" * 5_000 + "]" * 5_000 + "}")

    assert accepted == []
    assert "nested" in reject.reason and "flatten it" in reject.reason


def test_a_record_nested_past_the_limit_is_rejected_and_its_neighbours_are_not() -> None:
    good = {"id": "c1", "channel": "chat", "messages": [{"role": "customer", "text": "hello"}]}
    deep = {"id": "c2", "channel": "chat", "messages": [{"role": "customer", "text": "hi"}], "x": [[[[[[]]]]]]}

    accepted, rejects = split_payload(json.dumps([good, {**deep, "x": json.loads("[" * 40 + "]" * 40)}]))

    assert [c.id for c in accepted] == ["c1"]
    assert [r.line for r in rejects] == [2] and "nested 41 levels deep" in rejects[0].reason
    accepted, rejects = split_payload(json.dumps([good, deep]))
    assert [c.id for c in accepted] == ["c1", "c2"] and rejects == []
