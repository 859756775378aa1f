"""The engine's worker starts from the inline script at the top of the quiz once the theme has
started (after DOMContentLoaded), also when quiz.js has not run yet, and lib/engine.js takes it
over with everything it said in the meantime."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from e2e_quiz import (
    WarmProfile,
    answer_by_clicking,
    new_page,
    random_ratings,
    submit_and_compare,
    wait_engine,
    warm_page,
)
from quiz_support import Fault, respond_with

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EARLY_SAID = """(type) => (window.KompetensiEarlyEngine?.events || []).some(
    ([kind, data]) => kind === type || (data && data.type === type))"""


def _static(site: Path, name: str) -> str:
    (path,) = (site / "assets" / "quiz").glob(f"*/{name}")  # the versioned copy
    return "/" + path.relative_to(site).as_posix()


def _held(release: threading.Event) -> Any:
    """A route override that holds a request until ``release``, then lets the file through."""

    def respond(handler: Any) -> bool:
        release.wait(90)
        return False

    return respond


def test_the_worker_starts_after_the_theme_has_started_and_only_once(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    ratings = random_ratings(site_export, seed=61, share=0.5)
    with warm_page(warm) as (page, log):
        page.goto(warm.url + "/asesmen/")
        wait_engine(page)
        marks = page.evaluate(
            """() => Object.fromEntries(performance.getEntriesByType("mark")
                   .map((mark) => [mark.name, mark.startTime]))"""
        )
        started = page.evaluate(
            "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
        )
        # After the theme's DOMContentLoaded handler: its start-up is not slowed by Pyodide's.
        assert marks["kq:engine-start"] >= started > 0
        assert page.evaluate("KompetensiEarlyEngine.taken") is True
        assert [url for url in log.urls if url.endswith("/worker.mjs")] == [
            warm.url + _static(quiz_site, "worker.mjs")
        ]
        answer_by_clicking(page, ratings)
        submit_and_compare(page, site_export, ratings)


def test_a_worker_ready_before_quiz_js_runs_is_taken_over(
    browser: Any, serve: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    release = threading.Event()
    overrides = {_static(quiz_site, "quiz.js"): _held(release)}
    ratings = random_ratings(site_export, seed=62, share=0.4)
    try:
        with serve(quiz_site, overrides=overrides) as server, new_page(browser) as (_, page, _l):
            page.goto(server.url + "/asesmen/", wait_until="commit")
            # The whole boot happens while the page has no quiz.js: only the early script heard it.
            page.wait_for_function(EARLY_SAID, arg="ready", timeout=90_000)
            assert page.evaluate("document.documentElement.dataset.engine") is None
            release.set()
            wait_engine(page)
            assert page.text_content("#kq-status") == (
                "Mesin penilaian siap. Perhitungan berjalan di peramban Anda."
            )
            answer_by_clicking(page, ratings)
            submit_and_compare(page, site_export, ratings)
    finally:
        release.set()


def test_a_worker_that_failed_before_quiz_js_runs_is_reported_and_retried(
    browser: Any, serve: Any, quiz_site: Path
) -> None:
    release = threading.Event()
    crash = Fault(respond_with(b"throw new Error('mogok');\n", "text/javascript"))

    overrides = {
        _static(quiz_site, "quiz.js"): _held(release),
        _static(quiz_site, "worker.mjs"): crash,
    }
    try:
        with serve(quiz_site, overrides=overrides) as server, new_page(browser) as (_, page, _l):
            page.goto(server.url + "/asesmen/", wait_until="commit")
            page.wait_for_function(EARLY_SAID, arg="error", timeout=30_000)
            release.set()
            wait_engine(page, "error")
            assert page.get_attribute("#kq-engine-error", "data-code") == "crash"
            assert "berhenti secara tak terduga" in page.text_content("#kq-engine-error-message")
            # "Coba lagi" starts a fresh worker, not the early one.
            crash.active = False
            page.click("#kq-retry")
            wait_engine(page)
    finally:
        release.set()
