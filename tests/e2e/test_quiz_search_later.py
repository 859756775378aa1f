"""On the self-assessment the theme's search index is not built beside the engine's boot
(workers/search-later.js, started by the page's config; the "go" comes from start-engine.js):
only when the reader turns to the search, at any time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from e2e_quiz import new_page, wait_engine
from search_support import META, search

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WASM = "/assets/pyodide/314.0.7/pyodide.asm.wasm"
PREPARING = "Mempersiapkan pencarian"


def _theme_worker(site: Path) -> str:
    (path,) = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    return "/" + path.relative_to(site).as_posix()


def _seen(paths: list[str], release: threading.Event | None = None) -> Callable[[Any], bool]:
    """A route override that notes the request, holds it until ``release``, and lets it through."""

    def respond(handler: Any) -> bool:
        paths.append(handler.path)
        if release is not None:
            release.wait(90)
        return False

    return respond


def _meta(page: Any) -> str:
    return " ".join(page.text_content(META).split())


def test_the_index_is_not_built_beside_the_engine_but_when_the_reader_searches(
    browser: Any, serve: Any, quiz_site: Path
) -> None:
    release = threading.Event()
    index: list[str] = []
    theme: list[str] = []
    overrides = {
        "/search/search_index.json": _seen(index),
        _theme_worker(quiz_site): _seen(theme),
        WASM: _seen([], release),
    }
    try:
        with serve(quiz_site, overrides=overrides) as server, new_page(browser) as (_, page, _l):
            page.goto(server.url + "/asesmen/")
            # The theme has started and fetched its index; its worker is search-later.js, which
            # has not loaded the theme's worker while the engine loads.
            page.wait_for_function("() => document.readyState === 'complete'")
            page.wait_for_timeout(1_000)
            assert index and theme == []
            assert page.evaluate("document.documentElement.dataset.engine") == "loading"
            assert _meta(page) == PREPARING
            release.set()
            wait_engine(page)
            # Nor when the engine is ready: a first submit may come at once.
            page.wait_for_timeout(1_000)
            assert theme == []
            assert _meta(page) == PREPARING
            page.click("input[data-md-component=search-query]")
            assert "/kompetensi/integritas/" in search(page, "integritas")
            assert len(theme) == 1
    finally:
        release.set()


def test_a_reader_who_turns_to_the_search_gets_it_at_once(
    browser: Any, serve: Any, quiz_site: Path
) -> None:
    release = threading.Event()
    overrides = {WASM: _seen([], release)}
    try:
        with serve(quiz_site, overrides=overrides) as server, new_page(browser) as (_, page, _l):
            page.goto(server.url + "/asesmen/")
            page.wait_for_function("() => document.readyState === 'complete'")
            page.click("input[data-md-component=search-query]")
            page.wait_for_function(
                "([selector, text]) => document.querySelector(selector).textContent.trim() !== text",
                arg=[META, PREPARING],
                timeout=60_000,
            )
            assert "/kompetensi/integritas/" in search(page, "integritas")
            # All of it while the engine is still loading.
            assert page.evaluate("document.documentElement.dataset.engine") == "loading"
            release.set()
            wait_engine(page)
    finally:
        release.set()


def test_other_pages_build_the_index_at_once(browser: Any, serve: Any, quiz_site: Path) -> None:
    theme: list[str] = []
    overrides = {_theme_worker(quiz_site): _seen(theme)}
    with serve(quiz_site, overrides=overrides) as server, new_page(browser) as (_, page, _l):
        page.goto(server.url + "/kompetensi/integritas/")
        page.wait_for_function(
            "([selector, text]) => document.querySelector(selector).textContent.trim() !== text",
            arg=[META, PREPARING],
        )
        assert len(theme) == 1
