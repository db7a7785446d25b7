"""Scorer kinds: a factory from plain parameters to a scorer, and the validation of those parameters.

A new kind (another offline method, a per-workspace calibration mapping) registers here with ``register``
and is then a version like any other: `cx scorer create NAME --kind KIND key=value …`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cx.scoring.port import Scorer
from cx.scoring.versions import InvalidVersion, ScorerVersion


@dataclass(frozen=True)
class ClaudeAccess:
    """How to reach the model API: the key is read only when a claude version is built."""

    api_key: Callable[[], str]
    base_url: str | None = None
    provider: str = "anthropic"  # or "bedrock": no key, the AWS credentials sign
    region: str | None = None


@dataclass(frozen=True)
class KindContext:
    claude: ClaudeAccess | None = None  # None: no API key configured, so no claude version can run


@dataclass(frozen=True)
class Kind:
    name: str
    help: str
    validate: Callable[[Mapping[str, Any]], dict[str, Any]]  # the parameters as stored, or InvalidVersion
    build: Callable[[ScorerVersion, KindContext], Scorer]


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


def kind_of(name: str) -> Kind:
    if name not in KINDS:
        raise InvalidVersion(f"unknown scorer kind `{name}`; kinds are: {', '.join(sorted(KINDS))}")
    return KINDS[name]


def validate(kind: str, params: Mapping[str, Any]) -> dict[str, Any]:
    return kind_of(kind).validate(params)


def build(version: ScorerVersion, context: KindContext) -> Scorer:
    return kind_of(version.kind).build(version, context)


def unknown(params: Mapping[str, Any], allowed: set[str], kind: str) -> None:
    extra = sorted(set(params) - allowed)
    if extra:
        raise InvalidVersion(f"the {kind} kind takes {', '.join(sorted(allowed))}; not {', '.join(extra)}")
