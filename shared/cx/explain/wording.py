"""The explanation in plain words: one phrase per cause, and the one-line headline."""

from __future__ import annotations

from cx.explain.decomposition import MIX, Contributor
from cx.explain.explanation import Explanation
from cx.explain.reading import ALL
from cx.explain.reasons import FactorChange
from cx.explain.significance import MIN_EVALUATIONS, TOO_FEW, WITHIN_NOISE
from cx.scoring.versions import names_for


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def scope_name(explanation: Explanation) -> str:
    return "all journeys" if explanation.scope == ALL else explanation.scope


def contributor_phrase(c: Contributor, overall_before: float | None) -> str:
    s = c.segment
    if c.kind == MIX:
        direction = "more" if s.after_share > s.before_share else "less"
        compare = "lower" if (s.before.avg_score or 0) < (overall_before or 0) else "higher"
        return (
            f"{c.dimension} mix: {direction} {s.value} ({_pct(s.before_share)} → {_pct(s.after_share)} of "
            f"evaluations), which scores {compare} ({_avg(s.before.avg_score)} vs {_avg(overall_before)} overall)"
        )
    direction = "lower" if c.effect < 0 else "higher"
    return (
        f"{c.dimension} {s.value} scoring {direction} ({_avg(s.before.avg_score)} → {_avg(s.after.avg_score)}, "
        f"{_pct(s.after_share)} of evaluations)"
    )


def effect_phrase(c: Contributor) -> str:
    share = f", {_pct(c.share_of_change)} of the change" if c.share_of_change is not None else ""
    return f"{c.effect:+.2f}{share}"


def factor_phrase(f: FactorChange) -> str:
    new = " (new)" if f.is_new else ""
    return f"{f.label}{new}: {_pct(f.before_share)} → {_pct(f.after_share)} of low-scored conversations"


def _avg(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def scorer_phrase(e: Explanation) -> str | None:
    """Why the comparison is not like for like, and what one version alone says; None when one version scored all."""
    mix = e.scorer
    if mix.like_for_like:
        return None
    name = names_for([*mix.before, *mix.after])
    if mix.changes:
        change = mix.changes[-1]
        what = f"the scorer changed on {change.day:%a %d %b} ({change.describe()})"
    else:
        versions = ", ".join(sorted(set(name.values())))
        what = f"more than one scorer version scored these periods ({versions})"
    same, common = e.same_version, name.get(mix.common_version or "", mix.common_version)
    if same is None or same.score is None:
        tail = "no single version scored enough of both periods to compare like for like"
        if same is not None:
            tail = f"on {common} alone there are {same.verdict}"
    else:
        tail = f"on {common} alone: {same.verdict} ({same.score.estimate:+.2f})"
    return f"{what}, so the periods are not like for like; {tail}"


def headline(explanation: Explanation) -> str:
    """One line: the verdict and the first cause (for the weekly digest's movers)."""
    e, s = explanation, explanation.significance
    what = f"{scope_name(e)}, {e.period.label}"
    if s.verdict == TOO_FEW:
        return (
            f"{what}: too few evaluations to tell ({s.before.evaluations} before, {s.after.evaluations} now; "
            f"{MIN_EVALUATIONS} needed in each period)."
        )
    move = f"average CX {_avg(s.before.avg_score)} → {_avg(s.after.avg_score)} ({(e.change or 0):+.2f})"
    if (scorer := scorer_phrase(e)) is not None:
        return f"{what}: {move}, but {scorer}."
    if s.verdict == WITHIN_NOISE:
        return f"{what}: {move}, within noise."
    parts = [f"{what}: {s.verdict}, {move}"]
    if e.contributors:
        parts.append(f"mostly {contributor_phrase(e.contributors[0], s.before.avg_score)}")
    if e.factors:
        parts.append(factor_phrase(e.factors[0]))
    return "; ".join(parts) + "."
