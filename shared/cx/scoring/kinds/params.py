"""Scorer version parameters from the command line: `key=value` words as plain values."""

from __future__ import annotations

from typing import Any

from cx.scoring.versions import InvalidVersion


def parse_params(words: list[str]) -> dict[str, Any]:
    """`key=value` words as plain parameters: numbers become numbers, commas make lists, dots nest."""
    out: dict[str, Any] = {}
    for word in words:
        key, eq, text = word.partition("=")
        if not eq or not key.strip():
            raise InvalidVersion(f"`{word}`: write parameters as key=value, e.g. weights.sentiment=3")
        value: Any = [_scalar(t) for t in text.split(",")] if "," in text else _scalar(text)
        *path, last = key.strip().split(".")
        target = out
        for part in path:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                raise InvalidVersion(f"`{key}` sets inside a value that is not a group")
        target[last] = value
    return out


def _scalar(text: str) -> Any:
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text
