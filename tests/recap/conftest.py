"""Fixtures for the recap tests: a folder of 50 generated result files and the awkward ones."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` is imported from the repository root
    sys.path.insert(0, str(ROOT))

from recap_support import Collected, collect  # noqa: E402


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Collected:
    """50 good files, a garbage file, an older duplicate and a tampered file, and a roster."""
    return collect(tmp_path_factory.mktemp("collected"))
