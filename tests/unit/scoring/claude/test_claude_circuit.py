"""The circuit opens after repeated transient failures, stays open for its cooldown, then lets one call through."""

from __future__ import annotations

from cx.scoring.claude.circuit import CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_opens_after_the_threshold_and_closes_after_a_success() -> None:
    clock = Clock()
    circuit = CircuitBreaker(threshold=3, cooldown=10, clock=clock)

    circuit.record_failure()
    circuit.record_failure()
    assert circuit.allow()
    circuit.record_failure()
    assert not circuit.allow()

    clock.now = 10.5
    assert circuit.allow()  # one trial call
    circuit.record_success()
    circuit.record_failure()
    assert circuit.allow()


def test_a_failed_trial_call_opens_it_again_at_once() -> None:
    clock = Clock()
    circuit = CircuitBreaker(threshold=2, cooldown=5, clock=clock)
    circuit.record_failure()
    circuit.record_failure()

    clock.now = 6
    assert circuit.allow()
    circuit.record_failure()

    assert not circuit.allow()


def test_a_success_resets_the_count() -> None:
    circuit = CircuitBreaker(threshold=2, cooldown=5, clock=Clock())
    circuit.record_failure()
    circuit.record_success()
    circuit.record_failure()

    assert circuit.allow()
