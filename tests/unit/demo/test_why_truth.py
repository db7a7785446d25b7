"""`/cx why` against the planted causes, over seeds: the scenario generator, the offline scorer, the real fold
and the drill-down together. The full table (development seeds 0-39, held-out seeds 100-199) is
bench/why_seeds.py; this keeps the hardest scenario (two independent causes at once) at the issue's targets over
seeds 1-20, and checks that a leader reads each scenario's planted cause first on a seed of its own."""

from __future__ import annotations

import pytest

from cx.demo.why_truth import run
from cx.explain.drilldown import MIN_SHARE, MIX
from cx.explain.significance import WITHIN_NOISE


def test_two_independent_causes_are_both_named_in_the_first_two_in_95_percent_of_seeds() -> None:
    runs = [run("two-causes", seed) for seed in range(1, 21)]

    assert sum(r.named for r in runs) >= 19  # at least 95%
    assert sum(r.innocent_above for r in runs) <= 1


@pytest.mark.parametrize("scenario", ["team-chat-only", "team-fails-more", "mix-shift", "team-rate-drop"])
def test_the_planted_cause_comes_first_with_nothing_innocent_above_it(scenario: str) -> None:
    found = run(scenario, 4)

    assert found.named and not found.innocent_above, found.findings.causes


def test_noise_is_called_noise_on_the_per_case_interval() -> None:
    assert all(run("noise", seed).verdict == WITHIN_NOISE for seed in range(2, 6))


@pytest.mark.parametrize("seed", [23, 91])
def test_no_agent_mix_and_no_cause_that_explains_almost_nothing_is_listed(seed: int) -> None:
    """At these development seeds the agent's share of evaluations rose with her drop (her customers came back to
    her) and her own inquiry mix was the journey's; neither may be listed as a cause of its own: no agent "mix",
    and every cause listed explains at least the smallest share the answer names (15%)."""
    found = run("two-causes", seed)

    assert not [c for c in found.findings.causes if c.kind == MIX and c.dimension == "agent"]
    assert all((c.share or 0) >= MIN_SHARE for c in found.findings.causes), found.findings.causes
