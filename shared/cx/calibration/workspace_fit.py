"""Before and after fitting the scorer to this workspace's reviewers, cross-validated on its own labels."""

from __future__ import annotations

import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from cx.calibration.consensus import ConsensusRule
from cx.calibration.fair import FairComparison, Rated, fair_comparison
from cx.calibration.mapping import Mapping, fit_cut_points

MIN_LABELS = 20  # conversations with a raw value and two or more ratings; fewer say nothing
FOLDS = 5


@dataclass(frozen=True)
class WorkspaceFit:
    labels: int
    folds: int
    mapping: Mapping  # fitted on every label: what a calibrated scorer version would publish with
    before: FairComparison
    after: FairComparison  # each conversation mapped by the mapping fitted on the other folds


def cross_validated(items: Sequence[Rated], poor_below: float, folds: int = FOLDS, seed: int = 14) -> list[Rated]:
    """Each item's raw value mapped by a mapping fitted without its fold (the score is the mapped value rounded)."""
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    fold_of = {index: k % folds for k, index in enumerate(order)}
    out: list[Rated] = list(items)
    for fold in range(folds):
        train = [items[i] for i in order if fold_of[i] != fold]
        mapping = fit_cut_points([t.raw for t in train], [statistics.fmean(t.ratings) for t in train], poor_below)
        for i in order:
            if fold_of[i] == fold:
                mapped = mapping(items[i].raw)
                out[i] = Rated(mapped, max(1, min(5, int(mapped + 0.5))), items[i].ratings)
    return out


def workspace_fit(
    items: Sequence[Rated], poor_below: float, rule: ConsensusRule, draws: int, resamples: int, seed: int
) -> WorkspaceFit | None:
    usable = [i for i in items if len(i.ratings) >= 2]
    if len(usable) < MIN_LABELS:
        return None
    after_items = cross_validated(usable, poor_below, FOLDS, seed)
    before = fair_comparison(usable, poor_below, rule, draws, resamples, seed)
    after = fair_comparison(after_items, poor_below, rule, draws, resamples, seed)
    assert before is not None and after is not None
    mapping = fit_cut_points([i.raw for i in usable], [statistics.fmean(i.ratings) for i in usable], poor_below)
    return WorkspaceFit(len(usable), FOLDS, mapping, before, after)
