"""Helpers for driving the quiz in Chromium and checking it against the CPython engine."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from quiz_support import (
    ANSWERS_KEY,
    ENGINE_TIMEOUT_MS,
    answer,
    checked_ratings,
    click_settled,
    stored_answers,
    wait_engine,
    wait_results,
)

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


class RequestLog:
    """Every URL the pages and workers of a context request."""

    def __init__(self, context: Any) -> None:
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def off_origin(self, origin: str) -> list[str]:
        return [
            url
            for url in self.urls
            if not url.startswith(origin + "/") and not url.startswith(("data:", "blob:"))
        ]


CHROMIUM = os.environ.get("KOMPETENSI_CHROMIUM", "/usr/bin/chromium")


@contextmanager
def persistent_context(playwright_instance: Any, profile: Path) -> Iterator[Any]:
    """A context on a browser profile on disk: its HTTP cache survives between pages, and
    Chromium treats it as an ordinary profile (a new_context() is incognito: never installable)."""
    context = playwright_instance.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        headless=True,
        args=["--no-sandbox"],
        bypass_csp=True,  # see new_page()
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
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield context, page, log
        assert errors == [], errors
    finally:
        context.close()


__all__ = [
    "CATEGORIES",
    "ENGINE_TIMEOUT_MS",
    "STORAGE_KEY",
    "RequestLog",
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
]
