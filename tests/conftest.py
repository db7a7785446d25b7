"""Fixtures every test layer shares."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.schedule import SLOWEST_FIRST

REPO = Path(__file__).resolve().parents[1]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slowest modules first, each kept whole and in its own order (a stable sort)."""
    rank = {module: place for place, module in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    """The human-labelled conversations beside the repository (never copied into it).

    Set CX_SHARED_DATA to point elsewhere. Missing data skips the test locally but fails in CI,
    where ../shared/data is always present.
    """
    path = Path(os.environ.get("CX_SHARED_DATA", REPO.parent / "shared" / "data"))
    if not (path / "uss-sgd.jsonl").exists():
        if os.environ.get("CI"):
            pytest.fail(f"labelled data not found at {path}; CI expects ../shared/data beside the clone")
        pytest.skip(f"labelled data not found at {path} (set CX_SHARED_DATA)")
    return path


@dataclass
class FakeLambdaContext:
    """What Powertools and Bolt read from a LambdaContext."""

    function_name: str = "cx-test"
    memory_limit_in_mb: int = 256
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:cx-test"
    aws_request_id: str = "00000000-0000-4000-8000-000000000000"
    log_group_name: str = "/aws/lambda/cx-test"
    log_stream_name: str = "2026/11/23/[$LATEST]test"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


@pytest.fixture
def lambda_context() -> FakeLambdaContext:
    return FakeLambdaContext()
