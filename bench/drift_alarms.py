"""Drift false alarms and planted shifts, simulated: prints the figures docs/drift.md quotes.

    .venv/bin/python bench/drift_alarms.py [weeks]

Traffic as in tests/unit/calibration/test_drift_alarms.py: 60 conversations a day, 3 channels, 4 journeys,
five weeks; nothing changes, or billing gets worse in the last week.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "unit" / "calibration"))

from test_drift_alarms import END, _weeks

from cx.calibration.drift import DriftThresholds, drift_report


def main(weeks: int) -> None:
    print(f"{weeks} simulated weeks with nothing changed (7 slices tested each week)")
    for alpha in (0.02, 0.05, 0.2):
        alarms = sum(any(s.alert for s in drift_report(_weeks(seed), END, DriftThresholds(alpha)).shifts)
                     for seed in range(weeks))  # fmt: skip
        print(
            f"  alpha {alpha:.2f}: {alarms} weeks with an alert = {alarms / weeks:.1%} (promised at most {alpha:.0%})"
        )
    planted = weeks // 5
    named = missed = channel_first = echoes = 0
    for seed in range(planted):
        report = drift_report(_weeks(seed, planted=lambda j, d: j == "billing" and d > END - timedelta(days=7)), END)
        first = report.alerts[0] if report.alerts else ""
        named += first.startswith("journey billing:")
        missed += not report.alerts
        channel_first += first.startswith("channel")
        echoes += sum(a.startswith("channel") for a in report.alerts)
    print(f"{planted} weeks with billing worse (mean about 3.8 -> 3.2, ~90 evaluations) at alpha 0.02:")
    print(f"  billing named first: {named} ({named / planted:.1%}); no alert at all: {missed}")
    print(f"  a channel named as the cause instead: {channel_first}; channel lines in the alerts: {echoes}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
