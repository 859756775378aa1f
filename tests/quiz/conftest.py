"""Fixtures for the quiz's CPython tests: the real exported dictionary, loaded once."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from generator.engine.scope import assessed_export
from generator.standard import load_export

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def _export() -> dict[str, Any]:
    # What the site ships to the quiz: the technical example dictionary is left out.
    return assessed_export(load_export(ROOT / "standards"))


@pytest.fixture
def export(_export: dict[str, Any]) -> dict[str, Any]:
    """A fresh copy of the real export (``kompetensi.json``), free to modify."""
    return copy.deepcopy(_export)
