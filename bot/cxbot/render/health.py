"""Scorer health in one line: agreement with human labels on recent labels, and the latest drift check."""

from __future__ import annotations

from cx.calibration.drift_job import RECENT_LABEL_DAYS
from cx.digest.health import ScorerHealth
from cxbot.render.mrkdwn import esc


def _agreement(h: ScorerHealth) -> str:
    if not h.has_labels_table:
        return "no labels table, so no agreement figure"
    a = h.agreement
    if a is None:
        return f"no human labels in the last {RECENT_LABEL_DAYS} days to check agreement"
    target = f" (target {h.kappa_target:.2f})" if h.kappa_target is not None else ""
    return f"kappa {a.overall.kappa:.2f}{target} with human labels on {a.overall.n} conversations ({esc(a.scorer)})"


def _drift(h: ScorerHealth) -> str:
    d = h.drift
    if d is None:
        return "drift: no check recorded yet"
    state = f"{len(d.alerts)} alert(s)" if d.alerts else "steady"
    link = f" · <{d.permalink}|drift summary>" if d.permalink else ""  # a permalink Slack gave us
    return f"drift {d.start:%d %b}–{d.end:%d %b}: {state}{link}"


def health_line(health: ScorerHealth | None) -> str:
    if health is None:
        return ":stethoscope: Scorer health: not measured here."
    return f":stethoscope: Scorer health: {_agreement(health)} · {_drift(health)}"
