"""What the Slack and scheduled functions import on a cold start stays lean: no model SDK."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "import_times.py"


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("import_times", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_times"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("function", ["slack", "ingest", "aggregate", "helpdesk_fetch"])
def test_functions_that_do_not_score_never_import_anthropic(function: str) -> None:
    bench = _bench()
    _, _, loaded = bench.measure(bench.handler_imports(function))
    assert loaded, "importtime reported nothing: the measurement itself is broken"
    assert not any(m == "anthropic" or m.startswith("anthropic.") for m in loaded)
