"""The fixed split of the labelled set: the offline scorer's weights were tuned on the rest (see scoring/weights.py)."""

from __future__ import annotations

import hashlib

SPLITS = ("all", "held-out", "tuning")


def in_split(conversation_id: str, split: str) -> bool:
    """``held-out``: sha256(id) mod 100 at 60 or above, never seen while tuning; ``tuning``: the other 60%."""
    if split == "all":
        return True
    bucket = int(hashlib.sha256(conversation_id.encode()).hexdigest(), 16) % 100
    if split == "held-out":
        return bucket >= 60
    if split == "tuning":
        return bucket < 60
    raise ValueError(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")
