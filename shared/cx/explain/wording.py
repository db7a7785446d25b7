"""The explanation in plain words: one phrase per cause, and the one-line headline."""

from __future__ import annotations

from cx.explain.drilldown import MIX, Cause, Where
from cx.explain.explanation import Explanation
from cx.explain.reading import ALL
from cx.explain.reasons import FactorChange
from cx.explain.significance import MIN_EVALUATIONS, TOO_FEW, WITHIN_NOISE
from cx.scoring.versions import names_for


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def scope_name(explanation: Explanation) -> str:
    name = "all journeys" if explanation.scope == ALL else explanation.scope
    return name + "".join(f" {d}:{v}" for d, v in explanation.filters)


def segment_name(where: Where) -> str:
    """``team tier2 × channel chat``; an agent or inquiry found inside its own team or journey keeps it in brackets."""
    containers = {"team": "agent", "journey": "inquiry"}  # the dimension each one contains
    names = dict(where)
    shown = [(d, v) for d, v in where if containers.get(d) not in names]
    text = " × ".join(f"{d} {v}" for d, v in shown)
    inside = [f"{d} {v}" for d, v in where if (d, v) not in shown]
    return text + (f" ({', '.join(inside)})" if inside else "")


def cause_phrase(c: Cause) -> str:
    if c.kind == MIX:
        direction = "more" if c.after_share > c.before_share else "less"
        compare = "lower" if c.before_avg < (c.compare_avg or 0) else "higher"
        inside = f" in {segment_name(c.where)}" if c.where else ""
        of = "of its evaluations" if c.where else "of evaluations"
        against = f"in {segment_name(c.where)}" if c.where else "overall"
        return (
            f"{c.dimension} mix{inside}: {direction} {c.mover} ({_pct(c.before_share)} → {_pct(c.after_share)} "
            f"{of}), which scores {compare} ({_avg(c.before_avg)} vs {_avg(c.compare_avg)} {against})"
        )
    direction = "lower" if c.effect < 0 else "higher"
    text = (
        f"{segment_name(c.where)} scoring {direction} ({_avg(c.before_avg)} → {_avg(c.after_avg)}, "
        f"{_pct(c.after_share)} of evaluations)"
    )
    if c.found_in is not None and c.found_share is not None:
        text += f", found inside {segment_name(c.found_in)}: {_pct(c.found_share)} of its change"
    return text


def effect_phrase(c: Cause) -> str:
    share = f", {_pct(c.share)} of the change" if c.share is not None else ""
    return f"{c.effect:+.2f}{share}"


def factor_phrase(f: FactorChange) -> str:
    """ "Customer sounded negative (new): in 7 low-scored conversations, 3 before; 35% of them, 20% before; 10% of
    all evaluations, 5% before": the factor in the evaluation view's words, each figure beside the one before."""
    new = ", new this period" if f.is_new else ""
    conversations = "conversation" if f.after_low == 1 else "conversations"
    return (
        f"{f.label}{new}: in {f.after_low} low-scored {conversations}, {f.before_low} before; "
        f"{_pct(f.after_share)} of them, {_pct(f.before_share)} before; "
        f"{_pct(f.after_rate)} of all evaluations, {_pct(f.before_rate)} before"
    )


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
    if e.causes:
        parts.append(f"mostly {cause_phrase(e.causes[0])}")
    if e.factors:  # only factors that moved the way of the change are listed
        parts.append(factor_phrase(e.factors[0]))
    return "; ".join(parts) + "."
