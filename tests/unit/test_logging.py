"""One logger setup: a module that logs through the standard library writes the function's JSON lines."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from cx.adapters.powertools import PACKAGES, structured_logger


@pytest.fixture(autouse=True)
def restored_loggers() -> Iterator[None]:
    """The setup rewires the cx and cxbot loggers for the process: put them back for the other tests."""
    saved = {name: (list(logging.getLogger(name).handlers), logging.getLogger(name).propagate) for name in PACKAGES}
    yield
    for name, (handlers, propagate) in saved.items():
        logging.getLogger(name).handlers, logging.getLogger(name).propagate = handlers, propagate


def test_a_module_logger_writes_powertools_json_with_the_correlation_id_and_keeps_info(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POWERTOOLS_LOG_LEVEL", "INFO")
    logger = structured_logger(service="logging-test")
    logger.set_correlation_id("req-42")

    logging.getLogger("cxbot.digest_post").info("digest posted", extra={"operation": "digest"})
    logging.getLogger("cx.a_module_imported_later").warning("late module")

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    posted = next(line for line in lines if line["message"] == "digest posted")
    assert posted["level"] == "INFO" and posted["correlation_id"] == "req-42" and posted["operation"] == "digest"
    assert posted["service"] == "logging-test" and posted["name"] == "cxbot.digest_post"
    assert any(line["message"] == "late module" and line["correlation_id"] == "req-42" for line in lines)
