"""Scorer kinds: each a factory from plain parameters to a scorer (``registry``); the built-in kinds register
themselves on import. A new kind (another offline method, a per-workspace calibration mapping) is a module
here that calls ``register``, imported below."""

from __future__ import annotations

from cx.scoring.kinds import claude, offline, offline2, offline3  # noqa: F401  (they register themselves)
from cx.scoring.kinds.offline import mapped
from cx.scoring.kinds.params import parse_params
from cx.scoring.kinds.registry import KINDS, ClaudeAccess, Kind, KindContext, build, kind_of, register, validate

__all__ = [
    "KINDS",
    "ClaudeAccess",
    "Kind",
    "KindContext",
    "build",
    "kind_of",
    "mapped",
    "parse_params",
    "register",
    "validate",
]
