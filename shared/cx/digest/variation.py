"""Is this week's change beyond the usual week-to-week variation?

The yardstick is the root mean square of the week-to-week changes over the earlier weeks: the size
of a typical change whatever its direction (a steady slide counts as the usual size of a change, not
as no change). A change more than twice that size is called beyond normal variation. With fewer
than ``MIN_CHANGES`` earlier changes there is no verdict.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

MIN_CHANGES = 4
FACTOR = 2.0


@dataclass(frozen=True)
class Verdict:
    change: float | None  # this period minus the one before
    typical: float | None  # RMS of the earlier period-to-period changes
    changes_seen: int
    floor: float  # changes smaller than this are never called unusual (noise in the last digit)

    @property
    def beyond(self) -> bool | None:
        """True: beyond normal variation; False: within it; None: not enough history (or no change)."""
        if self.change is None or self.typical is None or self.changes_seen < MIN_CHANGES:
            return None
        return abs(self.change) > FACTOR * max(self.typical, self.floor)


def verdict(series: Sequence[float | None], floor: float) -> Verdict:
    """``series``: the earlier periods' values, oldest first, then the current one; None where no data."""
    *history, now = series
    last = history[-1] if history else None
    changes = [b - a for a, b in pairwise(history) if a is not None and b is not None]
    change = None if now is None or last is None else now - last
    typical = math.sqrt(sum(c * c for c in changes) / len(changes)) if changes else None
    return Verdict(change, typical, len(changes), floor)
