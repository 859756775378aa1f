"""The benchmarks' smoke tests: ``bench`` importable from the repository root, tiny options."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `pytest` (unlike `python -m`) does not put the root on the path
    sys.path.insert(0, str(ROOT))

from bench.common import Options  # noqa: E402


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Options:
    """One run of everything at the smallest sizes, without --strict (others edit content/ in
    the same tree; these tests check that the scripts run, not the site), and the slow phone's
    visits over a fast emulated network (its 1.6 Mbit/s costs Chromium about 80 s of CPU)."""
    return Options(
        runs=1,
        large_runs=1,
        large_from=10,
        sizes=(5, 10),
        validate_size=10,
        quiz_runs=1,
        recap_sizes=(5, 50),
        recap_browser_files=8,
        import_sizes=(3, 6),
        work=tmp_path_factory.mktemp("bench"),
        strict=False,
        slow_network=False,
    )
