"""One logger setup, one tracer and the metrics for every function, the Powertools way.

``function_tools()`` gives a function its Powertools Logger (structured JSON, the correlation id, the level
from POWERTOOLS_LOG_LEVEL), Metrics and Tracer, and ``tools.handler()`` decorates its handler with all three.
The modules that log through the standard library (``logging.getLogger(__name__)`` under ``cx`` and
``cxbot``) write through the Logger's handler too, so their lines are JSON with the same keys and their INFO
lines are kept. The Tracer records X-Ray subsegments for botocore and http.client (Slack's WebClient)
calls; the Slack function does without it (see docs/operations.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers

PACKAGES = frozenset({"cx", "cxbot"})  # the product's own loggers: children of these two
PATCHED = ("botocore", "httplib")
NAMESPACE = "CxAnalytics"
Handler = TypeVar("Handler", bound=Callable[..., Any])


def structured_logger(service: str | None = None) -> Logger:
    logger = Logger(service=service)
    for name in PACKAGES:
        logging.getLogger(name)  # registered now, so the copy reaches every module logger below it, later ones too
    copy_config_to_registered_loggers(source_logger=logger, include=set(PACKAGES))
    return logger


@dataclass(frozen=True)
class FunctionTools:
    logger: Logger
    metrics: Metrics
    tracer: Tracer | None  # None: not traced (the Slack function's cold start)

    def handler(self, correlation_id_path: str | None = None) -> Callable[[Handler], Handler]:
        """Log with the Lambda context (and the correlation id at ``correlation_id_path``), flush the metrics,
        trace the invocation."""

        def wrap(function: Handler) -> Handler:
            wrapped: Any = function
            if self.tracer is not None:
                wrapped = self.tracer.capture_lambda_handler(wrapped)
            wrapped = self.metrics.log_metrics(wrapped)
            return cast(Handler, self.logger.inject_lambda_context(wrapped, correlation_id_path=correlation_id_path))

        return wrap


def function_tools(traced: bool = True) -> FunctionTools:
    """A function's logger, metrics and tracer (the Tracer is off outside Lambda; the template turns it on)."""
    tracer = Tracer(patch_modules=PATCHED) if traced else None
    return FunctionTools(structured_logger(), Metrics(namespace=NAMESPACE), tracer)
