"""`/cx why` against the planted causes over many seeds: how often each scenario's causes are named where a
leader looks first, how often an innocent segment is listed above them, and how often noise is called noise
(on the per-case interval `/cx why` uses, and on conversations taken as independent, Welch's, for comparison).

Each run is ``cx.demo.why_truth.run``: the scenario generated, scored offline, folded with the real fold,
read back as the cube `/cx why` reads and explained by the same ``find_causes``. Runs go to worker processes
(``--jobs``, default 2: this machine's cores).

The first range is the development seeds (0-99 were studied), the second the held-out range to quote (never
looked at while the engine or generator changed), any further ones earlier held-out ranges, labelled as such.

    .venv/bin/python bench/why_seeds.py [--jobs N] [development] [held out] [earlier held out ...]
        (default: 0-39 200-299 100-199)
"""

from __future__ import annotations

import argparse
import math
import time
from concurrent.futures import ProcessPoolExecutor

from cx.demo.scenarios import SCENARIOS
from cx.demo.why_truth import Run, run
from cx.explain.significance import CONFIDENCE, WITHIN_NOISE

LABELS = ("development (seeds 0-99 were studied)", "held out (not looked at before the engine was fixed)")
EARLIER = "earlier held out (already reported, so no longer held out)"


def seeds(text: str) -> range:
    low, _, high = text.partition("-")
    return range(int(low), int(high or low) + 1)


def false_alarms(alarms: int, runs: int) -> str:
    """The noise scenario's false alarms against the interval's promise: at most 5% of runs, with the chance of
    seeing at least this many if each run alarms with probability 5% (a binomial tail)."""
    p = 1 - CONFIDENCE
    tail = sum(math.comb(runs, k) * p**k * (1 - p) ** (runs - k) for k in range(alarms, runs + 1))
    return f"noise: {alarms} false alarms in {runs} runs ({alarms / runs:.1%}; P(≥{alarms} | 5%) = {tail:.2f})"


def _run(job: tuple[str, int]) -> Run:
    return run(*job)


def scenarios() -> list[str]:
    """The scenarios named by their segments (the reason and scorer ones are named by other sections)."""
    return [n for n, s in SCENARIOS.items() if s.expected.kind not in ("reason", "scorer")]


def table(label: str, span: range, pool: ProcessPoolExecutor) -> None:
    started = time.perf_counter()
    jobs = [(name, seed) for name in scenarios() for seed in span]
    results: dict[str, list[Run]] = {}
    for r in pool.map(_run, jobs, chunksize=4):
        results.setdefault(r.scenario, []).append(r)
    print(f"{label}: seeds {span.start}-{span.stop - 1}")
    print(
        f"{'scenario':<20} {'runs':>4} {'named':>7} {'innocent above':>15} {'real':>6} {'noise':>6} "
        f"{'noise (Welch)':>14} {'causes':>7}"
    )
    for name in scenarios():
        runs, kind = results[name], SCENARIOS[name].expected.kind
        noise = sum(r.verdict == WITHIN_NOISE for r in runs)
        welch = sum(r.welch_verdict == WITHIN_NOISE for r in runs)
        causes = sum(len(r.findings.causes) for r in runs) / len(runs)
        if kind in ("noise", "real"):
            named = innocent = "-"
        else:
            named = f"{sum(r.named for r in runs) / len(runs):.1%}"
            innocent = f"{sum(r.innocent_above for r in runs) / len(runs):.1%}"
        print(
            f"{name:<20} {len(runs):>4} {named:>7} {innocent:>15} {len(runs) - noise:>6} {noise:>6} "
            f"{welch:>14} {causes:>7.1f}"
        )
        if kind == "noise":
            print(f"  {false_alarms(len(runs) - noise, len(runs))}")
    print(f"({time.perf_counter() - started:.0f} s)\n", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ranges", nargs="*", default=["0-39", "200-299", "100-199"])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with ProcessPoolExecutor(args.jobs) as pool:
        for n, text in enumerate(args.ranges):
            table(LABELS[n] if n < len(LABELS) else EARLIER, seeds(text), pool)


if __name__ == "__main__":
    main()
