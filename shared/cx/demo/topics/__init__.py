"""What customers say about each inquiry and what agents answer, keyed by inquiry slug."""

from __future__ import annotations

from cx.demo.topics.accounts import TOPICS as _ACCOUNTS
from cx.demo.topics.money import TOPICS as _MONEY
from cx.demo.topics.orders import TOPICS as _ORDERS
from cx.demo.topics.topic import Topic

TOPICS: dict[str, Topic] = {**_MONEY, **_ORDERS, **_ACCOUNTS}

__all__ = ["TOPICS", "Topic"]
