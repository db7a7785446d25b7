"""The phrases that belong to one inquiry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    opening: tuple[str, ...]
    """The customer's first description of the problem."""
    ask: tuple[str, ...]
    """The agent asks for the details needed."""
    give: tuple[str, ...]
    """The customer gives them."""
    fix: tuple[str, ...]
    """The agent solves it there and then."""
    pending: tuple[str, ...]
    """The agent starts something that completes later (the customer may come back)."""
    workaround: tuple[str, ...]
    """A suggestion that does not solve it."""
    reopen: tuple[str, ...]
    """The customer's opening on a later contact of the same case."""
