"""Helpers for driving the quiz in Chromium and checking it against the CPython engine."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.engine import assess

ENGINE_TIMEOUT_MS = 60_000
STORAGE_KEY = "kompetensi-asn:jawaban:"
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


def random_ratings(export: dict[str, Any], seed: int, share: float = 1.0) -> dict[str, int]:
    """Ratings for a ``share`` of the indicators, skewed high so levels vary."""
    rng = random.Random(seed)
    ids = indicator_ids(export)
    chosen = ids if share >= 1 else rng.sample(ids, int(len(ids) * share))
    return {i: rng.choice([1, 2, 3, 3, 4, 4]) for i in ids if i in set(chosen)}


def wait_engine(page: Any, state: str = "ready", timeout: int = ENGINE_TIMEOUT_MS) -> None:
    """Wait until ``data-engine`` leaves ``loading``; fail with the page's message if not ``state``."""
    page.wait_for_function(
        "() => ['ready', 'error'].includes(document.documentElement.dataset.engine)",
        timeout=timeout,
    )
    actual = page.evaluate("document.documentElement.dataset.engine")
    if actual != state:
        message = page.text_content("#kq-engine-error")
        raise AssertionError(f"engine is {actual}, expected {state}: {message}")


def checked_ratings(page: Any) -> dict[str, int]:
    ratings: dict[str, int] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(
               '#kq-form input[type=radio]:checked')].map(i => [i.name, Number(i.value)]))"""
    )
    return ratings


def answer_by_clicking(page: Any, ratings: dict[str, int]) -> None:
    page.evaluate(
        """(ratings) => { for (const [name, value] of Object.entries(ratings)) {
               const input = document.querySelector(
                   `input[name="${CSS.escape(name)}"][value="${value}"]`);
               input.checked = true; }
           document.querySelector('#kq-form').dispatchEvent(new Event('change')); }""",
        ratings,
    )


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


def wait_results(page: Any) -> None:
    page.wait_for_selector("#kq-hasil:not([hidden]) #kq-result-list [data-competency]")


def stored(page: Any, version: str) -> Any:
    raw = page.evaluate("(key) => localStorage.getItem(key)", STORAGE_KEY + version)
    return None if raw is None else json.loads(raw)


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


@contextmanager
def new_page(browser: Any, **options: Any) -> Iterator[tuple[Any, Any, RequestLog]]:
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
