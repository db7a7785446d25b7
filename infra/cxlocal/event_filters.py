"""Lambda's event filtering (FilterCriteria) for the local event sources: which records reach a function.

The template's patterns are applied to the records DynamoDB Local's stream gives, as Lambda applies them to
the real stream, so the integration tests see what a deployed function would. Only the operators the
template uses are supported (literal values and ``exists``); any other raises instead of passing silently.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cxlocal.template_tables import TEMPLATE_PATH, load_template

_MISSING = object()


def matches(pattern: dict[str, Any], event: Any) -> bool:
    """True if ``event`` (a record) matches one filter pattern (every key in it; a list is a choice)."""
    if not isinstance(event, dict):
        return False
    for key, wanted in pattern.items():
        value = event.get(key, _MISSING)
        if isinstance(wanted, dict):  # a missing object has no leaves: only `exists: false` ones match in it
            if not matches(wanted, {} if value is _MISSING else value):
                return False
        elif isinstance(wanted, list):
            if not any(_matches_rule(rule, value) for rule in wanted):
                return False
        else:
            raise ValueError(f"a filter pattern's leaves are lists, not {wanted!r} (key {key!r})")
    return True


def _matches_rule(rule: Any, value: Any) -> bool:
    if isinstance(rule, dict):
        if set(rule) == {"exists"}:
            return (value is not _MISSING) is bool(rule["exists"])
        raise NotImplementedError(f"filter operator {sorted(rule)} is not supported by cxlocal")
    return value is not _MISSING and value == rule


def passes(filters: list[dict[str, Any]], record: dict[str, Any]) -> bool:
    """No filters: every record. Else a record that matches any of them (Lambda ORs the filters)."""
    return not filters or any(matches(f, record) for f in filters)


def stream_filters(template_path: Path = TEMPLATE_PATH) -> list[dict[str, Any]]:
    """The patterns of the template's DynamoDB stream event sources (one consumer, the aggregator)."""
    resources = load_template(template_path)["Resources"]
    return [
        json.loads(f["Pattern"])
        for resource in resources.values()
        if resource["Type"] == "AWS::Serverless::Function"
        for event in resource["Properties"].get("Events", {}).values()
        if event["Type"] == "DynamoDB"
        for f in event["Properties"].get("FilterCriteria", {}).get("Filters", [])
    ]
