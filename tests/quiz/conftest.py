"""Fixtures for the quiz's CPython tests: the real exported dictionary, loaded once."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.engine.scope import assessed_export
from generator.quiz import stdlib_pyc
from generator.standard import load_export

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def _full_export() -> dict[str, Any]:
    return load_export(ROOT / "standards")


@pytest.fixture(scope="session")
def _export(_full_export: dict[str, Any]) -> dict[str, Any]:
    # The export as an assessment without a real position covers it (no technical
    # competency, generator.engine.scope): the 13 templates' form.
    return assessed_export(_full_export)


@pytest.fixture
def full_export(_full_export: dict[str, Any]) -> dict[str, Any]:
    """A fresh copy of the whole export the site ships (technical competencies included)."""
    return copy.deepcopy(_full_export)


@pytest.fixture
def export(_export: dict[str, Any]) -> dict[str, Any]:
    """A fresh copy of the real export (``kompetensi.json``), free to modify."""
    return copy.deepcopy(_export)


@pytest.fixture
def node(required: Callable[[bool, str], None]) -> str:
    """The Node.js that compiles Python to bytecode with Pyodide at build time (stdlib_pyc)."""
    required(shutil.which(stdlib_pyc.NODE) is not None, f"{stdlib_pyc.NODE} not found (Node.js)")
    return stdlib_pyc.NODE
