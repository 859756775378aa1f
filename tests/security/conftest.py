"""Fixtures of the security suites: a hostile site built once per session through ``kompetensi
build`` (strict MkDocs build, the plugin's checks and CSP, atomic swap); the real site is the
session's shared ``real_site`` (tests/conftest.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from security_support import (
    HOSTILE_HOME,
    ROOT,
    Built,
    Hostile,
    TourRecord,
    hostile_standards,
    make_project,
    project_config,
    run_build,
    run_strict_tour,
)
from server_support import StaticServer
from worker_support import once_per_run

# The malformed-input table and its helpers live with the standards tests; the build test here
# reuses them (appended, so nothing here is shadowed).
sys.path.append(str(ROOT / "tests" / "standard"))


def _root_conftest(config: pytest.Config) -> Any:
    """tests/conftest.py as loaded by pytest (found by path: several conftest.py share a name)."""
    wanted = (ROOT / "tests" / "conftest.py").resolve()
    for plugin in config.pluginmanager.get_plugins():
        source = getattr(plugin, "__file__", None)
        if source and Path(source).resolve() == wanted:
            return plugin
    raise AssertionError("tests/conftest.py is not loaded")


@pytest.fixture(scope="session")
def require(request: pytest.FixtureRequest) -> Any:
    """``require()`` of tests/conftest.py: skips locally, fails under CI=true."""
    return _root_conftest(request.config).require


@pytest.fixture(scope="session")
def serve_module() -> type[StaticServer]:
    """The loopback server class behind ``serve``, for module-scoped fixtures."""
    return StaticServer


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    """Three competencies with hostile text in every free-text field, quiz included."""
    folder = tmp_path_factory.mktemp("security-hostile")
    payloads = hostile_standards(folder / "standards")
    assert len(payloads) >= 100, len(payloads)  # every text field of the fixture, not a sample
    config_file = make_project(folder, {"index.md": HOSTILE_HOME}, project_config())
    built = run_build(config_file, folder / "site")
    assert built.code == 0, built.output
    return Hostile(built, payloads)


@pytest.fixture(scope="session")
def strict_tour(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, real_site: Built
) -> TourRecord:
    """One visit of every page type, the search and the whole quiz under the published policy;
    the privacy and CSP suites both assert on it, once per run even when they run on different
    workers. (Under the policy, a request to another host would be blocked *and* reported as a
    violation, so "no violation" and "no off-origin request in the log" together mean the site
    never tried one.)"""

    def tour(_folder: Path) -> TourRecord:
        browser = request.getfixturevalue("browser")  # launched only by the worker that tours
        return run_strict_tour(browser, StaticServer, real_site.site)

    return once_per_run(tmp_path_factory, "strict-tour", tour)
