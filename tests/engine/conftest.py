"""Pytest fixtures for the engine tests; the data and helpers live in ``engine_testdata``."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from engine_testdata import DICTIONARY


@pytest.fixture
def dictionary() -> dict[str, Any]:
    """A fresh copy of the fixture dictionary, free to modify."""
    return copy.deepcopy(DICTIONARY)
