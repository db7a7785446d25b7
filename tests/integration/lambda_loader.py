"""Load a function's handler module fresh, as Lambda would on a cold start."""

from __future__ import annotations

import importlib.util
import uuid
from pathlib import Path
from types import ModuleType

FUNCTIONS = Path(__file__).resolve().parents[2] / "functions"


def cold_start(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"fn_{name}_{uuid.uuid4().hex[:6]}", FUNCTIONS / name / "app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
