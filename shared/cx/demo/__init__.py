"""Seeded demo data: support conversations over a window of days, with known causes planted in them."""

from __future__ import annotations

from cx.demo.generator import DemoData, generate
from cx.demo.planted import PlantedChange

__all__ = ["DemoData", "PlantedChange", "generate"]
