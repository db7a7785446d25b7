"""`/cx why` against the planted causes over many seeds: how often each scenario's causes are named where a
leader looks first, how often an innocent segment is listed above them, and how often noise is called noise
(on the per-case interval `/cx why` uses, and on conversations taken as independent, Welch's, for comparison).

    .venv/bin/python bench/why_seeds.py [seeds] [first seed]     (default 20 seeds from seed 1)
"""

from __future__ import annotations

import sys
import time

from cx.demo.scenarios import SCENARIOS
from cx.demo.why_truth import run
from cx.explain.significance import WITHIN_NOISE


def main(seeds: int, first: int) -> None:
    started = time.perf_counter()
    print(f"seeds {first}-{first + seeds - 1}")
    print(
        f"{'scenario':<20} {'runs':>4} {'named':>7} {'innocent above':>15} {'real':>6} {'noise':>6} "
        f"{'noise (Welch)':>14} {'causes':>7}"
    )
    for name, scenario in SCENARIOS.items():
        if scenario.expected.kind in ("reason", "scorer"):
            continue  # named by the reasons and the scorer check, not by the segments
        runs = [run(name, seed) for seed in range(first, first + seeds)]
        noise = sum(r.verdict == WITHIN_NOISE for r in runs)
        welch = sum(r.welch_verdict == WITHIN_NOISE for r in runs)
        causes = sum(len(r.findings.causes) for r in runs) / len(runs)
        if scenario.expected.kind in ("noise", "real"):
            named = innocent = "-"
        else:
            named = f"{sum(r.named for r in runs) / len(runs):.0%}"
            innocent = f"{sum(r.innocent_above for r in runs) / len(runs):.0%}"
        print(
            f"{name:<20} {len(runs):>4} {named:>7} {innocent:>15} {len(runs) - noise:>6} {noise:>6} "
            f"{welch:>14} {causes:>7.1f}"
        )
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
