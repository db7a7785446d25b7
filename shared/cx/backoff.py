"""Exponential backoff with full jitter: how every retry of a conflict or a throttled write waits.

Full jitter (a uniform wait between 0 and the capped exponential) keeps writers that collided once from
colliding again in lockstep.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float = 0.025  # seconds: the first retry waits up to this
    cap: float = 1.0  # no wait is longer
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        """The wait before retry ``attempt`` (0 for the first retry)."""
        return self.rng.uniform(0, min(self.cap, self.base * 2 ** min(attempt, 30)))

    def wait(self, attempt: int) -> None:
        self.sleep(self.delay(attempt))
