"""Fixtures of the site tests: tiny MkDocs projects in tmp_path (the real site built once is
``real_site`` in tests/conftest.py, shared with the other test folders).

Golden files live in tests/site/golden/; regenerate them with ``pytest --update-goldens`` (the
option and the ``update_goldens`` fixture come from tests/conftest.py) and review the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from site_support import FIXTURES, Built, make_project, run_build
from worker_support import once_per_run


@pytest.fixture(scope="session")
def build_fixture(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str], Built]:
    """Build a tiny site from ``tests/site/fixtures/<name>`` once per run (all workers)."""
    cache: dict[str, Built] = {}

    def make(folder: Path, name: str) -> Built:
        config_file = make_project(folder / "project", FIXTURES / name)
        return run_build(config_file, folder / "project" / "site")

    def build(name: str) -> Built:
        if name not in cache:
            cache[name] = once_per_run(
                tmp_path_factory, f"site-{name}", lambda folder: make(folder, name)
            )
        return cache[name]

    return build


@pytest.fixture(scope="session")
def three_site(build_fixture: Callable[[str], Built]) -> Built:
    built = build_fixture("three")
    assert built.code == 0, built.output
    return built


@pytest.fixture(scope="session")
def hostile_site(build_fixture: Callable[[str], Built]) -> Built:
    built = build_fixture("hostile")
    assert built.code == 0, built.output
    return built
