"""Leave-one-service-out: the offline scorers against the human labels of services they were not tuned on.

Each SGD service (inferred from the first request, cx.calibration.sgd_services) is held out in turn; the
offline-v2 weights are fitted on the other services (least squares on the rubric's terms, then one
stretch so the share of scores below 2.5 matches the share of poor experiences there) and the held-out
service is scored with them. The fair comparison (cx.calibration.fair) runs on the pooled held-out
scores. offline-v3 is fitted the same way (bench/offline3_fit.py: ridge on its turn features, the penalty
chosen by leave-one-service-out among the other services only, then the same stretch). offline-v1 keeps
its shipped weights (tuned on 60% of all services: flattering to it).

    .venv/bin/python bench/heldout.py [--data ../shared/data/uss-sgd.jsonl] [--draws 100] [--resamples 200]
    .venv/bin/python bench/heldout.py --fit-all     # the weights fitted on every service (v2's and v3's DEFAULT)
    .venv/bin/python bench/heldout.py --labels 50 100 200 [--repeats 20]   # workspace calibration, before/after

With --labels, a team's N labelled conversations are drawn at random (``--repeats`` times, seeded); the
cut-point mapping (cx.calibration.mapping.fit_cut_points) is fitted on them and both scorers are measured on every other
conversation, before and after the mapping: mean over the repeats and the 2.5-97.5 percentile range.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from offline3_fit import fit as fit_v3
from scipy.optimize import nnls

from cx.calibration.fair import FairComparison, Rated, fair_comparison
from cx.calibration.label_files import load_labels
from cx.calibration.labels import by_conversation
from cx.calibration.sgd_services import sgd_service
from cx.domain.conversation import Conversation
from cx.scoring.offline import OfflineScorer
from cx.scoring.offline2.scorer import OfflineScorerV2
from cx.scoring.offline2.weights import DEFAULT, Weights
from cx.scoring.offline3.scorer import OfflineScorerV3
from cx.scoring.offline3.turns import FEATURES

TERMS = ("resolved", "recovered", "unresolved", "sentiment", "effort", "per_done")
# service quality (empathy, ownership, dismissiveness, failures) keeps its prior weight: those cues are
# rare in assistant dialogues, so the labels cannot tell how much they weigh in support contacts
PRIORS = {"service_quality": 0.3}  # in points of the mean rating, before the stretch
POOR_BELOW = 3.0
DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "uss-sgd.jsonl"


def fit(rows: np.ndarray, target: np.ndarray, prior: Weights = DEFAULT) -> Weights:
    """Least squares of the mean rating on the terms, stretched so the poor share falls below 2.5.

    ``rows`` holds TERMS then PRIORS; the priors' part of the score is kept and the rest fitted around it.
    """
    fixed = rows[:, len(TERMS) :] @ np.array(list(PRIORS.values()))
    rows = rows[:, : len(TERMS)]
    # each term may only move the score the way the rubric says (unresolved down, the rest up): least
    # squares with the signs fixed generalises across services better than free least squares
    signs = np.array([-1.0 if name == "unresolved" else 1.0 for name in TERMS])
    centred = rows - rows.mean(axis=0)
    coefficients, _ = nnls(centred * signs, target - fixed - (target - fixed).mean())
    beta = np.concatenate(
        [[(target - fixed).mean() - float(rows.mean(axis=0) @ (coefficients * signs))], coefficients * signs]
    )
    design = np.column_stack([np.ones(len(rows)), rows])
    predicted = design @ beta + fixed
    poor_share = float(np.mean(target < POOR_BELOW))
    # the mean stays the reviewers' mean; the spread is stretched so that the share of poor experiences
    # in the fitting data falls below 2.5 (a published 1 or 2)
    centre, mean = float(predicted.mean()), float(target.mean())
    cut = float(np.quantile(predicted, poor_share)) if poor_share > 0 else centre - 1
    stretch = (2.5 - mean) / (cut - centre) if cut < centre else 1.0
    weights = {name: float(stretch * b) for name, b in zip(TERMS, beta[1:], strict=True)}
    weights |= {name: stretch * value for name, value in PRIORS.items()}
    return replace(prior, base=mean + stretch * (float(beta[0]) - centre), **weights)


def terms(scorer: OfflineScorerV2, conversations: Sequence[Conversation]) -> np.ndarray:
    return np.array([[scorer.assess(c).terms[name] for name in (*TERMS, *PRIORS)] for c in conversations])


def leave_one_service_out(conversations: list[Conversation], ratings: dict[str, list[int]]) -> dict[str, Rated]:
    groups = [sgd_service(c) for c in conversations]
    rows = terms(OfflineScorerV2(), conversations)
    target = np.array([np.mean(ratings[c.id]) for c in conversations])
    out: dict[str, Rated] = {}
    for held in sorted(set(groups)):
        train = np.array([g != held for g in groups])
        scorer = OfflineScorerV2(fit(rows[train], target[train]))
        for c, g in zip(conversations, groups, strict=True):
            if g == held:
                a = scorer.assess(c)
                out[c.id] = Rated(a.raw, a.cx_score, tuple(ratings[c.id]))
    return out


def leave_one_service_out_v3(conversations: list[Conversation], ratings: dict[str, list[int]]) -> dict[str, Rated]:
    groups = [sgd_service(c) for c in conversations]
    rows = v3_rows(conversations)
    target = np.array([np.mean(ratings[c.id]) for c in conversations])
    out: dict[str, Rated] = {}
    for held in sorted(set(groups)):
        train = np.array([g != held for g in groups])
        weights, _ = fit_v3(rows[train], target[train], [g for g in groups if g != held])
        scorer = OfflineScorerV3(weights)
        for c, g in zip(conversations, groups, strict=True):
            if g == held:
                a = scorer.assess(c)
                out[c.id] = Rated(a.raw, a.cx_score, tuple(ratings[c.id]))
    return out


def v3_rows(conversations: Sequence[Conversation]) -> np.ndarray:
    scorer = OfflineScorerV3()
    features = [scorer.features(c) for c in conversations]
    return np.array([[x[name] for name in FEATURES] for x in features])


LABEL_METRICS = ("spearman_raw", "bias", "exact", "within_one", "recall", "f1")


def label_counts(sides: dict[str, dict[str, Rated]], counts: Sequence[int], repeats: int) -> None:
    import random
    import statistics

    from cx.calibration.mapping import fit_cut_points

    print(f"\nworkspace calibration: N labels drawn {repeats} times; measured on the other conversations")
    for name, rated in sides.items():
        ids = sorted(rated)
        for n in counts:
            rng = random.Random(n)
            rows: dict[str, list[tuple[float, float, float]]] = {m: [] for m in LABEL_METRICS}
            for _ in range(repeats):
                chosen = set(rng.sample(ids, n))
                train = [rated[i] for i in chosen]
                mapping = fit_cut_points([t.raw for t in train], [statistics.fmean(t.ratings) for t in train])
                rest = [rated[i] for i in ids if i not in chosen]
                mapped = [Rated(v := mapping(r.raw), max(1, min(5, int(v + 0.5))), r.ratings) for r in rest]
                before = fair_comparison(rest, POOR_BELOW, draws=10, resamples=0)
                after = fair_comparison(mapped, POOR_BELOW, draws=10, resamples=0)
                assert before is not None and after is not None
                for m in LABEL_METRICS:
                    rows[m].append((before.scorer[m].mean, after.scorer[m].mean, after.reviewer[m].mean))
            cells = []
            for m in LABEL_METRICS:
                b = statistics.fmean(r[0] for r in rows[m])
                a = sorted(r[1] for r in rows[m])
                low, high = a[int(0.025 * (len(a) - 1))], a[round(0.975 * (len(a) - 1))]
                ref = statistics.fmean(r[2] for r in rows[m])
                cells.append(f"{m} {b:+.2f}->{statistics.fmean(a):+.2f} [{low:+.2f},{high:+.2f}] (rev {ref:+.2f})")
            print(f"  {name:<22} N={n:<4} " + "  ".join(cells))


def paired(
    new: dict[str, Rated], old: dict[str, Rated], draws: int, resamples: int, seed: int = 14
) -> dict[str, tuple[float, float, float]]:
    """New minus old scorer on the same footing as the fair comparison: each draw holds one reviewer out
    and measures both scorers against the mean of the others, on the same draw and bootstrap resample.
    (mean over draws, 2.5 and 97.5 percentiles over resamples) for each metric."""
    import random
    import statistics

    from cx.calibration.fair import METRICS, figures

    ids = sorted(i for i in new if len(new[i].ratings) >= 2)
    rng = random.Random(seed)

    def one(chosen: list[str]) -> list[float]:
        reference = []
        for i in chosen:
            ratings = new[i].ratings
            k = rng.randrange(len(ratings))
            reference.append(statistics.fmean([*ratings[:k], *ratings[k + 1 :]]))
        a = figures([new[i].raw for i in chosen], [new[i].score for i in chosen], reference, POOR_BELOW)
        b = figures([old[i].raw for i in chosen], [old[i].score for i in chosen], reference, POOR_BELOW)
        return [x - y for x, y in zip(a, b, strict=True)]

    point = [one(ids) for _ in range(draws)]
    boot = sorted_columns([one(rng.choices(ids, k=len(ids))) for _ in range(resamples)])
    out = {}
    for m, name in enumerate(METRICS):
        column = boot[m]
        low, high = column[int(0.025 * (len(column) - 1))], column[round(0.975 * (len(column) - 1))]
        out[name] = (statistics.fmean(p[m] for p in point), low, high)
    return out


def sorted_columns(rows: list[list[float]]) -> list[list[float]]:
    return [sorted(column) for column in zip(*rows, strict=True)]


def _line(name: str, fair: FairComparison, metric: str) -> str:
    s, r, d = fair.scorer[metric], fair.reviewer[metric], fair.difference[metric]
    return (
        f"  {name:<22} {metric:<13} {s.mean:6.3f} [{s.low:6.3f}, {s.high:6.3f}]   one reviewer {r.mean:6.3f} "
        f"[{r.low:6.3f}, {r.high:6.3f}]   difference {d.mean:+.3f} [{d.low:+.3f}, {d.high:+.3f}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--draws", type=int, default=100)
    parser.add_argument("--resamples", type=int, default=200)
    parser.add_argument("--fit-all", action="store_true", help="print the weights fitted on every service")
    parser.add_argument("--labels", type=int, nargs="*", help="workspace calibration with these label counts")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    loaded = load_labels(args.data)
    ratings = by_conversation(loaded.labels)
    conversations = [c for c in loaded.conversations if len(ratings.get(c.id, [])) >= 2]
    if args.fit_all:
        rows = terms(OfflineScorerV2(), conversations)
        target = np.array([np.mean(ratings[c.id]) for c in conversations])
        print(fit(rows, target))
        groups = [sgd_service(c) for c in conversations]
        weights, alpha = fit_v3(v3_rows(conversations), target, groups)
        print(f"offline-v3 (ridge penalty {alpha:g}): base={weights.base}")
        for name in FEATURES:
            print(f'    "{name}": ({weights.weight[name]}, {weights.centre[name]}),')
        return
    v1 = OfflineScorer()
    old = {c.id: Rated((a := v1.assess(c)).raw, a.cx_score, tuple(ratings[c.id])) for c in conversations}
    new = leave_one_service_out(conversations, ratings)
    third = leave_one_service_out_v3(conversations, ratings)
    groups = {c.id: sgd_service(c) for c in conversations}
    sides = {"offline-v1 (shipped)": old, "offline-v2 (held out)": new, "offline-v3 (held out)": third}
    print(f"{len(conversations)} conversations, {len(set(groups.values()))} services held out in turn")
    if args.labels:
        label_counts(sides, args.labels, args.repeats)
        return
    pooled = {}
    for name, rated in sides.items():
        pooled[name] = fair_comparison(list(rated.values()), POOR_BELOW, draws=args.draws, resamples=args.resamples)
    for metric in ("spearman_raw", "spearman", "auc_raw", "ap_raw", "bias", "exact", "within_one", "precision",
                   "recall", "f1"):  # fmt: skip
        for name, fair in pooled.items():
            assert fair is not None
            print(_line(name, fair, metric))
    pairs = (("offline-v2 (held out)", new, "offline-v1 (shipped)", old),
             ("offline-v3 (held out)", third, "offline-v1 (shipped)", old),
             ("offline-v3 (held out)", third, "offline-v2 (held out)", new))  # fmt: skip
    for new_name, a, old_name, b in pairs:
        difference = paired(a, b, args.draws, args.resamples)
        print(f"\n{new_name} minus {old_name}, paired on the same draws and resamples:")
        for metric in ("spearman_raw", "spearman", "auc_raw", "ap_raw", "bias", "recall", "f1"):
            mean, low, high = difference[metric]
            print(f"  {metric:<13} {mean:+.3f} [{low:+.3f}, {high:+.3f}]")
    print("\nper held-out service: Spearman (raw) of v1, v2, v3 and one reviewer; poor recall of the same")
    for service in sorted(set(groups.values())):
        ids = [cid for cid, g in groups.items() if g == service]
        cells = []
        for rated in (old, new, third):
            fair = fair_comparison([rated[i] for i in ids], POOR_BELOW, draws=30, resamples=0)
            assert fair is not None
            cells.append(fair)
        spearmans = "  ".join(f"v{k + 1} {c.scorer['spearman_raw'].mean:+.2f}" for k, c in enumerate(cells))
        recalls = " ".join(f"v{k + 1} {c.scorer['recall'].mean:.2f}" for k, c in enumerate(cells))
        print(
            f"  {service:<12} n={len(ids):>4}  {spearmans}  reviewer {cells[0].reviewer['spearman_raw'].mean:+.2f}"
            f"   recall {recalls} reviewer {cells[0].reviewer['recall'].mean:.2f}"
        )


if __name__ == "__main__":
    main()
