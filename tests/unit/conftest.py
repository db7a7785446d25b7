"""Unit tests never touch the network: every socket but a unix one is blocked while a unit test runs.

pytest puts this directory on sys.path when it loads this conftest, so tests import `factories` and `fakes`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_socket import disable_socket

UNIT_TESTS = Path(__file__).resolve().parent


def pytest_runtest_setup(item: pytest.Item) -> None:
    if Path(item.path).resolve().is_relative_to(UNIT_TESTS):
        disable_socket(allow_unix_socket=True)
