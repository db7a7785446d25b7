"""The numbers of the ``offline-v3`` rubric; a changed number is a new scorer version (see rubrics/offline-v3.md).

raw = base + sum(weight[f] * (mean of feature f over the customer turns - centre[f])), clamped to 1-5.
``centre`` is the mean of each feature over the fitting conversations, so ``base`` is the score of a
typical conversation and each term says how far this one's feature moves it. Fitted on all of uss-sgd by
`bench/heldout.py --fit-all` (ridge regression of the mean rating, penalty chosen by leave-one-service-out,
then one stretch so that the share of poor experiences gets a published 1 or 2); the held-out figures
come from fitting them without the service scored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .turns import FEATURES

# feature: (weight per unit of its mean over customer turns, centre), from `bench/heldout.py --fit-all`
# (ridge penalty 300)
_FITTED: dict[str, tuple[float, float]] = {
    "customer_approves": (1.5307, 0.1907),
    "customer_agrees": (0.3449, 0.1749),
    "customer_thanks": (2.3479, 0.1116),
    "customer_says_no": (-2.5264, 0.1485),
    "customer_asks_for_other": (-2.5329, 0.052),
    "customer_asks_again": (-7.4311, 0.0082),
    "customer_corrects": (0.1333, 0.0202),
    "customer_closes": (1.7756, 0.0357),
    "customer_negation": (-0.3233, 0.0632),
    "agent_carried_out": (3.3118, 0.0628),
    "agent_failed": (-3.2493, 0.0677),
    "agent_reads_back": (0.8657, 0.123),
    "agent_offers": (-0.0674, 0.1503),
    "agent_anything_else": (-0.3512, 0.097),
    "agent_proposes": (0.9301, 0.1414),
    "negative_tone": (8.6337, -0.0188),
    "positive_tone": (2.7612, 0.2029),
    "question": (-0.3379, 0.2476),
    "no_to_anything_else": (-0.9441, 0.0464),
    "no_to_read_back": (-2.4665, 0.0189),
    "no_to_offer": (-0.5324, 0.0509),
    "no_to_proposal": (-3.9323, 0.0071),
    "words": (0.4011, 0.8082),
}


@dataclass(frozen=True)
class Weights:
    base: float = 3.2
    weight: Mapping[str, float] = field(default_factory=dict)
    centre: Mapping[str, float] = field(default_factory=dict)

    def term(self, feature: str, value: float) -> float:
        return self.weight.get(feature, 0.0) * (value - self.centre.get(feature, 0.0))

    def as_dict(self) -> dict[str, Any]:
        return {"base": self.base, "weight": dict(self.weight), "centre": dict(self.centre)}

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Weights:
        """From plain parameters (a stored scorer configuration): ``base``, and per feature a number in
        ``weight`` and ``centre``; unknown names are an error, missing ones keep the defaults."""
        unknown = sorted(set(values) - {"base", "weight", "centre"})
        if unknown:
            raise ValueError(
                f"unknown offline-v3 parameters: {', '.join(unknown)} (base, weight.<feature>, centre.<feature>)"
            )
        out = {"weight": dict(DEFAULT.weight), "centre": dict(DEFAULT.centre)}
        for group in ("weight", "centre"):
            given = values.get(group) or {}
            bad = sorted(set(given) - set(FEATURES))
            if bad:
                raise ValueError(f"unknown offline-v3 features: {', '.join(bad)}; features are: {', '.join(FEATURES)}")
            out[group] |= {k: float(v) for k, v in given.items()}
        return cls(float(values.get("base", DEFAULT.base)), out["weight"], out["centre"])


DEFAULT = Weights(
    base=3.2145,
    weight={name: w for name, (w, _) in _FITTED.items()},
    centre={name: c for name, (_, c) in _FITTED.items()},
)
