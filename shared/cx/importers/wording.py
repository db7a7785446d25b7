"""Pydantic's validation errors in plain English, each saying what to fix."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from cx.importers.result import Problem

_TIMESTAMP = "must be an ISO 8601 timestamp with a time zone offset, e.g. 2026-11-02T09:15:00Z"
_FIELD_PREFIX = re.compile(r"^([A-Za-z_][\w.]*): (.+)$", re.DOTALL)


def problems_from(error: ValidationError) -> list[Problem]:
    return [_problem(detail) for detail in error.errors(include_url=False)]


def field_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _problem(detail: ErrorDetails) -> Problem:
    path = field_path(detail["loc"])
    message = _message(detail)
    if not path:  # a whole-record rule; the model names the field it is about as "field: ..."
        named = _FIELD_PREFIX.match(message)
        path, message = (named.group(1), named.group(2)) if named else ("record", message)
    return Problem(field=path, message=message)


def _message(detail: ErrorDetails) -> str:
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    got = _got(detail.get("input"))
    if kind == "missing":
        return "is missing; add it"
    if kind == "enum":
        allowed = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return f"must be one of {allowed}{got}"
    if kind.startswith(("datetime", "timezone")):
        return f"{_TIMESTAMP}{got}"
    if kind == "value_error":
        return f"{ctx.get('error', detail['msg'])}{got}"
    if kind == "string_too_short":
        return "is empty; give it a value"
    if kind == "string_too_long":
        size = len(detail["input"]) if isinstance(detail.get("input"), str) else None
        length = f" ({size:,} characters)" if size else ""
        return f"is too long{length}; shorten it to at most {ctx.get('max_length'):,} characters"
    if kind == "too_long":
        return (
            f"has {ctx.get('actual_length'):,} items, more than {ctx.get('max_length'):,}; "
            "split it into several conversations of the same case"
        )
    if kind == "too_short":
        wanted = ctx.get("min_length")
        return "is empty; add at least one" if wanted == 1 else f"needs at least {wanted} items"
    if kind == "string_type":
        return f"must be text{got}"
    if kind.startswith("int_"):
        return f"must be a whole number{got}"
    if kind == "list_type":
        return f"must be a list [...]{got}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be an object {{...}}{got}"
    text = detail["msg"]
    return f"{text[:1].lower()}{text[1:]}{got}"


def _got(value: Any) -> str:
    """' (got ...)' for a scalar input; nothing for objects and lists, which would swamp the reason."""
    if isinstance(value, dict | list):
        return ""
    shown = repr(value)
    return f" (got {shown[:60]}{'…' if len(shown) > 60 else ''})"
