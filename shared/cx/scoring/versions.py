"""Scorer versions: a named, immutable configuration (kind + plain parameters) an operator creates with
`cx scorer create`, shadows with `cx shadow start` and makes active with `cx promote`.

The built-in versions ``offline`` and ``claude`` are the scorers the product always had; their evaluations
keep the scorer labels they always carried. A created version's name becomes its evaluations'
``ScorerInfo.version``, so every view that tells scorer versions apart (◆, `/cx why`, drift) names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

from cx.domain.evaluation import ScorerInfo
from cx.scoring.port import Scorer

VERSION_NAME = re.compile(r"^[a-z][a-z0-9._-]{0,39}$")
BUILTIN_NAMES = ("offline", "offline-v2", "offline-v3", "claude")
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


class InvalidVersion(ValueError):
    """A version that cannot be created or used; the message says what to write instead."""


class ScorerVersion(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str = Field(min_length=1)
    kind: str = Field(min_length=1)
    params: dict[str, Any] = Field(default_factory=dict)  # plain JSON values, validated by the kind
    created_by: str = Field(min_length=1)
    created_at: datetime
    note: str | None = None

    @property
    def builtin(self) -> bool:
        return self.name in BUILTIN_NAMES

    def describe(self) -> str:
        params = ", ".join(f"{k}={_plain(v)}" for k, v in sorted(self.params.items())) or "defaults"
        who = "built in" if self.builtin else f"created {self.created_at:%Y-%m-%d %H:%M} by {self.created_by}"
        return f"{self.name}: {self.kind} ({params}); {who}" + (f" — {self.note}" if self.note else "")


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def builtin_versions(claude_model: str | None) -> list[ScorerVersion]:
    """The offline versions always; ``claude`` with the deployment's model, when one is configured."""
    versions = [ScorerVersion(name=name, kind=name, created_by="deploy", created_at=EPOCH) for name in OFFLINE_KINDS]
    if claude_model:
        versions.append(
            ScorerVersion(
                name="claude", kind="claude", params={"model": claude_model}, created_by="deploy", created_at=EPOCH
            )
        )
    return versions


def check_name(name: str) -> str:
    if name in BUILTIN_NAMES:
        raise InvalidVersion(f"`{name}` is a built-in version; give the new version a name of its own")
    if not VERSION_NAME.match(name):
        raise InvalidVersion(
            f"`{name}`: a version name starts with a lower-case letter, then letters, digits, '.', '-' or '_' "
            "(up to 40), e.g. offline-w2"
        )
    return name


def title(info: ScorerInfo) -> str:
    """The version name an operator knows: the created version's name, or the built-in's."""
    return info.name if info.version[:1].isdigit() else info.version


def title_of_label(label: str) -> str:
    """The same from an aggregate scorer label (``<name>@<version>/<model>/<rubric>``, see scorer_label)."""
    name, _, rest = label.partition("@")
    version = rest.split("/", 1)[0]
    return name if not version or version[:1].isdigit() else version


def names_for(labels: Iterable[str]) -> dict[str, str]:
    """Each label by its version name where that name is unique among ``labels``, else by the full label."""
    labels = sorted(set(labels))
    counts: dict[str, int] = {}
    for label in labels:
        counts[title_of_label(label)] = counts.get(title_of_label(label), 0) + 1
    return {label: title_of_label(label) if counts[title_of_label(label)] == 1 else label for label in labels}


def titles(before: Iterable[str], after: Iterable[str]) -> tuple[str, str]:
    """Both sides of a change by version name; the full labels where the names alone would read the same
    (e.g. the built-in claude with another model)."""
    b, a = list(before), list(after)
    short = (" + ".join(title_of_label(x) for x in b), " + ".join(title_of_label(x) for x in a))
    return short if short[0] != short[1] else (" + ".join(b), " + ".join(a))


def overview(versions: Iterable[ScorerVersion], active: str, shadowing: str | None) -> list[str]:
    """One line a version, marked * active and ~ shadowing (`cx scorer list`, `/cx admin show`)."""
    return [f"{'*' if v.name == active else '~' if v.name == shadowing else ' '} {v.describe()}" for v in versions]


class ScorerVersionStore(Protocol):
    def get(self, name: str) -> ScorerVersion | None: ...

    def all(self) -> list[ScorerVersion]: ...

    def create(self, version: ScorerVersion) -> None:
        """Store a new version; raise ``VersionExists`` if the name is taken (versions never change)."""
        ...


class VersionExists(InvalidVersion):
    """A version of that name exists already: versions are immutable, create a new one."""


def find(store: ScorerVersionStore | None, name: str, claude_model: str | None) -> ScorerVersion:
    """The named version (built-in or created); InvalidVersion lists the ones there are."""
    known: Mapping[str, ScorerVersion] = {v.name: v for v in builtin_versions(claude_model)}
    if name in known:
        return known[name]
    stored = store.get(name) if store is not None and name not in BUILTIN_NAMES else None
    if stored is not None:
        return stored
    if name == "claude":
        raise InvalidVersion("set CX_CLAUDE_MODEL and the API key, or promote offline again (claude needs a model)")
    names = [*known, *(v.name for v in (store.all() if store is not None else []))]
    raise InvalidVersion(f"no scorer version `{name}`; versions are: {', '.join(names)} (`cx scorer list`)")


# Offline scorers from plain parameters (issue 14): the offline-v2 kind in cx.scoring.kinds builds through this.
OFFLINE_KINDS = ("offline", "offline-v2", "offline-v3")


def offline_scorer(
    kind: str, version: str | None = None, weights: dict[str, Any] | None = None, mapping: dict[str, Any] | None = None
) -> Scorer:
    """``offline`` is rubric offline-v1 (fixed weights); ``offline-v2`` and ``offline-v3`` take weights; a mapping
    calibrates any of them."""
    if kind == "offline":
        if weights:
            raise ValueError("the offline-v1 scorer takes no weights; use kind offline-v2")
        from cx.scoring.offline import OfflineScorer

        scorer: Scorer = OfflineScorer()
    elif kind == "offline-v2":
        from cx.scoring.offline2.scorer import VERSION, OfflineScorerV2
        from cx.scoring.offline2.weights import DEFAULT, Weights

        chosen = Weights.from_dict(weights) if weights else DEFAULT
        scorer = OfflineScorerV2(chosen, version or VERSION)
    elif kind == "offline-v3":
        from cx.scoring.offline3 import scorer as v3
        from cx.scoring.offline3.weights import DEFAULT as V3_DEFAULT
        from cx.scoring.offline3.weights import Weights as V3Weights

        scorer = v3.OfflineScorerV3(V3Weights.from_dict(weights) if weights else V3_DEFAULT, version or v3.VERSION)
    else:
        raise ValueError(f"unknown offline scorer kind {kind!r}: use one of {', '.join(OFFLINE_KINDS)}")
    if mapping:
        from cx.calibration.mapping import CalibratedScorer, Mapping

        return CalibratedScorer(scorer, Mapping.from_dict(mapping))
    return scorer
