"""How numbers read in replies: one place, so every view agrees."""

from __future__ import annotations

SPARKS = "▁▂▃▄▅▆▇█"


def score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def delta(value: float | None, unit: str = "") -> str:
    if value is None:
        return "no earlier data"
    if unit == "pp":
        value *= 100
        if round(value) == 0:
            return "→ no change"
        return f"{'▲' if value > 0 else '▼'} {abs(value):.0f} pp"
    if abs(value) < 0.005:
        return "→ no change"
    return f"{'▲' if value > 0 else '▼'} {abs(value):.2f}"


def sparkline(values: list[float | None], low: float = 1.0, high: float = 5.0) -> str:
    """One character a day; a blank where a day had no evaluations."""
    out = []
    for v in values:
        if v is None:
            out.append(" ")
            continue
        position = (min(max(v, low), high) - low) / (high - low)
        out.append(SPARKS[min(int(position * len(SPARKS)), len(SPARKS) - 1)])
    return "".join(out)
