"""Helpers for driving the quiz in Chromium and checking it against the CPython engine."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quiz_support import (
    ANSWERS_KEY,
    ENGINE_TIMEOUT_MS,
    answer,
    checked_ratings,
    click_settled,
    download_from,
    stored_answers,
    wait_engine,
    wait_results,
)

from generator.cli import main
from generator.engine import assess
from generator.engine.dictionary import read_dictionary
from generator.engine.levels import asked_levels, rule_of

# The helpers shared with tests/security live in tests/quiz_support.py; the names the e2e tests
# have always used stay importable from here.
STORAGE_KEY = ANSWERS_KEY
answer_by_clicking = answer
stored = stored_answers

CATEGORIES = ("70", "20", "10")


def site_export_path(site: Path) -> Path:
    """The export the built quiz page loads (``assets/quiz/data/kompetensi.<hash>.json``)."""
    (path,) = (site / "assets" / "quiz" / "data").glob("kompetensi.*.json")
    return path


def indicator_ids(export: dict[str, Any]) -> list[str]:
    return [
        indicator["id"]
        for competency in export["competencies"]
        for level in competency["levels"]
        for indicator in level["indicators"]
    ]


def asked_ratings(export: dict[str, Any], ratings: dict[str, int]) -> dict[str, int]:
    """The part of ``ratings`` the adaptive form asks for: levels up to the first one that can
    no longer be met, per competency (the engine's :func:`asked_levels`)."""
    view = read_dictionary(export)
    rule = rule_of(view)
    kept: dict[str, int] = {}
    for competency in view.competencies:
        for indicators in competency.indicator_levels[: asked_levels(competency, ratings, rule)]:
            kept |= {i: ratings[i] for i in indicators if i in ratings}
    return kept


def random_ratings(export: dict[str, Any], seed: int, share: float = 1.0) -> dict[str, int]:
    """Ratings for a ``share`` of the indicators, skewed high so levels vary."""
    rng = random.Random(seed)
    ids = indicator_ids(export)
    chosen = ids if share >= 1 else rng.sample(ids, int(len(ids) * share))
    return {i: rng.choice([1, 2, 3, 3, 4, 4]) for i in ids if i in set(chosen)}


def shown_results(page: Any) -> list[tuple[str, str, str, str]]:
    rows: list[list[str]] = page.eval_on_selector_all(
        "#kq-result-list [data-competency]",
        """els => els.map(e => [e.dataset.competency, e.dataset.estimated, e.dataset.target,
                                 e.dataset.gap])""",
    )
    return [(a, b, c, d) for a, b, c, d in rows]


def shown_plan(page: Any) -> list[tuple[str, str, str, str]]:
    rows: list[list[str]] = page.eval_on_selector_all(
        "#kq-plan [data-plan-item]",
        """els => els.map(e => [e.dataset.planCompetency, e.dataset.level, e.dataset.category,
                                 e.dataset.jp])""",
    )
    return [(a, b, c, d) for a, b, c, d in rows]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def expected_results(result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [
        (c["id"], _text(c["estimated"]), _text(c["target"]), _text(c["gap"]))
        for c in result["competencies"]
    ]


def expected_plan(result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Plan items as the page groups them: by category (70, 20, 10), engine order within."""
    items = result["plan"]["items"]
    return [
        (i["competency"], str(i["level"]), i["category"], str(i["jp"]))
        for category in CATEGORIES
        for i in items
        if i["category"] == category
    ]


def assert_page_matches_engine(
    page: Any, export: dict[str, Any], ratings: dict[str, int], **arguments: Any
) -> dict[str, Any]:
    """The page's result and plan equal ``generator.engine.assess`` on every data attribute."""
    result = assess(export, ratings, **arguments)
    assert shown_results(page) == expected_results(result)
    assert shown_plan(page) == expected_plan(result)
    categories = page.eval_on_selector_all(
        "#kq-plan [data-plan-category]",
        "els => els.map(e => [e.dataset.planCategory, e.dataset.jp])",
    )
    assert categories == [[c["id"], str(c["jp"])] for c in result["plan"]["categories"]]
    return result


def submit_and_compare(
    page: Any, export: dict[str, Any], ratings: dict[str, int], **arguments: Any
) -> dict[str, Any]:
    """Press submit, wait for the results, and check them as ``assert_page_matches_engine``."""
    click_settled(page, "#kq-submit")
    wait_results(page)
    return assert_page_matches_engine(page, export, ratings, **arguments)


# -- the openings and round trips several tests share -------------------------------------------

ADMINISTRATOR = "administrator"
# Estimated levels of an Administrator (target 3 everywhere) below target in all nine
# competencies: gaps 2, 1, 2, 1, 2, 3, 1, 2, 1 (a focus of 3 takes the gap of 3, then two of the
# four gaps of 2).
ADMINISTRATOR_ESTIMATES = (1, 2, 1, 2, 1, 0, 2, 1, 2)


def administrator_ratings(export: dict[str, Any]) -> dict[str, int]:
    """Ratings that meet each competency's levels up to :data:`ADMINISTRATOR_ESTIMATES`."""
    return {
        indicator["id"]: 4 if level["level"] <= estimate else 2
        for competency, estimate in zip(
            export["competencies"], ADMINISTRATOR_ESTIMATES, strict=True
        )
        for level in competency["levels"]
        for indicator in level["indicators"]
    }


def open_answered(page: Any, url: str, position: str, ratings: dict[str, int]) -> None:
    """Open the quiz at ``url``, choose ``position`` and give ``ratings`` (not submitted)."""
    page.goto(url)
    page.select_option("select[name=position]", position)
    answer(page, ratings)


def reload_with_results(page: Any) -> None:
    """Reload the quiz and wait until the kept answers are assessed again."""
    page.reload()
    wait_engine(page)
    wait_results(page)


def share_link(page: Any) -> str:
    """The share link the page gives for its results."""
    click_settled(page, "#kq-share")
    link: str = page.input_value("#kq-share-url")
    return link


@contextmanager
def opened_link(browser: Any, link: str, **options: Any) -> Iterator[Any]:
    """``link`` opened in a fresh browser context (nothing stored), its results shown."""
    with new_page(browser, **options) as (_, other, _log):
        other.goto(link)
        wait_engine(other)
        wait_results(other)
        yield other


def save_answers_file(page: Any, target: Path) -> dict[str, Any]:
    """Download the answers file (JSON) to ``target``; gives its content."""
    download_from(page, "#kq-download-json").save_as(target)
    document: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return document


def erase_then_import(page: Any, file: Path) -> None:
    """Erase everything on the page, then import ``file`` and wait for its results."""
    page.click("#kq-erase")
    page.click("#kq-erase-yes")
    page.set_input_files("#kq-import-file", file)
    wait_results(page)


def cli_output(argv: list[str]) -> str:
    """``kompetensi`` with ``argv`` in this process; it must exit 0; gives what it printed."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(argv) == 0
    return buffer.getvalue()


class RequestLog:
    """Every URL the pages and workers of a context request (until :meth:`stop`)."""

    def __init__(self, context: Any) -> None:
        self.urls: list[str] = []
        self._context = context
        context.on("request", self._record)

    def _record(self, request: Any) -> None:
        self.urls.append(request.url)

    def stop(self) -> None:
        self._context.remove_listener("request", self._record)

    def off_origin(self, origin: str) -> list[str]:
        return [
            url
            for url in self.urls
            if not url.startswith(origin + "/") and not url.startswith(("data:", "blob:"))
        ]


CHROMIUM = os.environ.get("KOMPETENSI_CHROMIUM", "/usr/bin/chromium")


@contextmanager
def persistent_context(playwright_instance: Any, profile: Path, **options: Any) -> Iterator[Any]:
    """A context on a browser profile on disk: its HTTP cache survives between pages, and
    Chromium treats it as an ordinary profile (a new_context() is incognito: never installable)."""
    context = playwright_instance.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        headless=True,
        args=["--no-sandbox"],
        bypass_csp=True,  # see new_page()
        **options,
    )
    try:
        yield context
    finally:
        context.close()


@contextmanager
def new_page(browser: Any, **options: Any) -> Iterator[tuple[Any, Any, RequestLog]]:
    # The site's service worker stays out of the quiz's tests (a first visit, as before it
    # existed): it would fetch the quiz's files again once the engine is ready, into the
    # request logs these tests read. tests/e2e/test_offline.py asks for it.
    options.setdefault("service_workers", "block")
    # The site is the published one, CSP meta tag included, and Playwright's wait_for_function
    # compiles its predicate with eval, which that policy refuses. The quiz under the policy is
    # tested in tests/security (the strict tour answers the whole quiz).
    options.setdefault("bypass_csp", True)
    context = browser.new_context(**options)
    log = RequestLog(context)
    page = context.new_page()
    errors = _watched(page)
    try:
        yield context, page, log
        assert errors == [], errors
    finally:
        context.close()


def _watched(page: Any) -> list[str]:
    """The page's uncaught errors, collected (a test asserts there were none)."""
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@dataclass(frozen=True)
class WarmProfile:
    """A Chromium profile on disk and one loopback server of the real site, for a worker's
    whole session (``warm`` in tests/e2e/conftest.py). A page opened by :func:`warm_page` finds
    nothing stored for the site, as on a first visit, but the profile's disk cache keeps
    Pyodide's files and V8's compiled WebAssembly between tests, as on a reader's return: the
    engine starts for about a third of the CPU of a cold start (an incognito ``new_context()``
    keeps neither). The cold first visit is tested where it matters (``new_page``, and the
    benchmarks)."""

    context: Any
    url: str


@contextmanager
def warm_page(
    warm: WarmProfile, viewport: dict[str, int] | None = None
) -> Iterator[tuple[Any, RequestLog]]:
    """A new page in the warm profile with the site's storage empty: cookies, localStorage,
    sessionStorage (a new tab), IndexedDB and Cache Storage of the server's origin are cleared
    before the page opens and after it closes, so no test sees another's answers. Gives the
    page and the log of every request made while it was open; fails on an uncaught error."""
    context = warm.context
    before = list(context.pages)
    page = context.new_page()
    _forget_site(context, page, warm.url)
    if viewport is not None:
        page.set_viewport_size(viewport)
    errors = _watched(page)
    log = RequestLog(context)
    try:
        yield page, log
        assert errors == [], errors
    finally:
        log.stop()
        for opened in context.pages:
            if opened not in before:
                opened.close()
        _forget_site(context, before[0] if before else context.new_page(), warm.url)


def _forget_site(context: Any, page: Any, origin: str) -> None:
    """Everything the site stored in the profile, gone; the HTTP cache stays."""
    session = context.new_cdp_session(page)
    try:
        session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    finally:
        session.detach()
    context.clear_cookies()
    context.clear_permissions()


__all__ = [
    "CATEGORIES",
    "ENGINE_TIMEOUT_MS",
    "STORAGE_KEY",
    "RequestLog",
    "WarmProfile",
    "answer_by_clicking",
    "assert_page_matches_engine",
    "checked_ratings",
    "expected_plan",
    "expected_results",
    "indicator_ids",
    "new_page",
    "persistent_context",
    "random_ratings",
    "shown_plan",
    "shown_results",
    "site_export_path",
    "stored",
    "wait_engine",
    "wait_results",
    "warm_page",
]
