"""Fixtures for the standards tests (helpers live in ``standard_support.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from standard_support import STD, Edit, Outcome, build, load

from generator import i18n


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The loader's messages in English: these tests pin the msgids (``tests/i18n`` and the
    handbook pin the Indonesian the command prints by default)."""
    with i18n.speaking("en"):
        yield


@pytest.fixture
def make_standards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """``make_standards(*edits)``: a copy of the base folder at ``./std``, edits applied.

    The working folder becomes ``tmp_path`` so that reported paths read ``std/...`` exactly as
    in the CLI tests.
    """
    monkeypatch.chdir(tmp_path)

    def make(*edits: Edit) -> Path:
        build(tmp_path, *edits)
        return Path(STD)

    return make


@pytest.fixture
def load_edited(make_standards: Callable[..., Path]) -> Callable[..., Outcome]:
    """``load_edited(*edits)``: build the edited copy and load it in-process."""

    def run(*edits: Edit) -> Outcome:
        return load(make_standards(*edits))

    return run
