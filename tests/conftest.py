"""Shared fixtures: the project's site built once, the real browser (Debian chromium via
Playwright) and a loopback HTTP server.

Browser tests need /usr/bin/chromium and the playwright package. Locally a missing tool skips
them; under CI=true a missing tool is a failure, so CI can never go green by skipping.

``make test`` runs pytest-xdist workers (``-n auto --dist loadfile``: a module's tests stay on
one worker, so module fixtures are made once); what several modules share across workers is
made once per run by ``worker_support.once_per_run``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from server_support import StaticServer
from worker_support import once_per_run

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("KOMPETENSI_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output instead of comparing",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The project's own site (mkdocs.yml, content/, standards/, the quiz's runtime), built once
    per run with ``kompetensi build``: strict, checked, CSP included, as published. Shared by
    the site, security and end-to-end tests (:class:`project_support.Built`) of every worker;
    never modified by a test (copy it first)."""
    from project_support import run_build

    built = once_per_run(
        tmp_path_factory, "real", lambda folder: run_build(ROOT / "mkdocs.yml", folder / "site")
    )
    assert built.code == 0, built.output
    return built


def require(condition: bool, reason: str) -> None:
    """Skip locally, fail in CI: a missing tool must never turn CI green."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required tool missing in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture
def required() -> Callable[[bool, str], None]:
    """:func:`require` for test folders whose own conftest.py shadows this module's name."""
    return require


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Any]:
    require(
        Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None,
        f"{CHROMIUM} not found (apt-get install chromium)",
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright package is not installed")
        raise
    with sync_playwright() as p:
        yield p


def launch_chromium(playwright_instance: Any) -> Any:
    """A Debian Chromium of its own (the session's ``browser`` is shared by every test)."""
    return playwright_instance.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )


@pytest.fixture(scope="session")
def browser(playwright_instance: Any) -> Iterator[Any]:
    instance = launch_chromium(playwright_instance)
    yield instance
    instance.close()


@pytest.fixture
def serve() -> Callable[..., StaticServer]:
    """``with serve(folder, headers={...}) as server: page.goto(server.url + "/")``."""
    return StaticServer
