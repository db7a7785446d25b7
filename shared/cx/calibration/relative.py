"""The default verdict: is the scorer at least as good as one reviewer, on the same footing?"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cx.calibration.fair import Estimate, FairComparison
from cx.calibration.policy import CalibrationPolicy

TITLES = {
    "spearman_raw": "ranking (Spearman, value before rounding)",
    "spearman": "ranking (Spearman, published score)",
    "auc_raw": "finding poor experiences (ROC AUC)",
    "ap_raw": "finding poor experiences (average precision)",
    "recall": "poor-experience recall at the cut-off",
    "f1": "poor-experience F1 at the cut-off",
    "precision": "poor-experience precision at the cut-off",
}


@dataclass(frozen=True)
class RelativeVerdict:
    metric: str
    title: str
    scorer: Estimate
    reviewer: Estimate
    difference: Estimate  # scorer minus one reviewer, with its 95% interval

    @property
    def passed(self) -> bool:
        """At least as good as one reviewer on average over the draws (NaN fails)."""
        return self.difference.mean >= 0 and not math.isnan(self.difference.mean)

    @property
    def certainty(self) -> str:
        """What the interval of the difference says."""
        if self.difference.low > 0:
            return "better, beyond the 95% interval"
        if self.difference.high < 0:
            return "worse, beyond the 95% interval"
        return "within the 95% interval of a reviewer"


def relative_verdicts(fair: FairComparison, policy: CalibrationPolicy) -> list[RelativeVerdict]:
    return [
        RelativeVerdict(m, TITLES.get(m, m), fair.scorer[m], fair.reviewer[m], fair.difference[m])
        for m in policy.relative
    ]
