"""Material's search in Chromium, typed as a person types it: the helper the site and security
tests share. Importable as ``search_support`` from any test folder (``tests/`` holds the root
conftest, so pytest puts it on ``sys.path``)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

META = ".md-search-result__meta"


def wait_until_ready(page: Any) -> None:
    """Wait until the theme replaces its "preparing search" line: the worker built its index."""
    # The line as the HTML has it (read from the page it may already be the "ready" one).
    html = page.request.get(page.url).text()
    preparing = re.search(r'class="md-search-result__meta">\s*([^<]*?)\s*<', html)
    assert preparing, "no search result line in the page"
    page.wait_for_function(
        "([selector, text]) => document.querySelector(selector).textContent.trim() !== text",
        arg=[META, preparing.group(1)],
        timeout=120_000,
    )


def search(page: Any, query: str) -> list[str]:
    """Type ``query`` into the search of the page ``page`` shows; the result paths.

    The index is built in a worker, slowly under load: wait until the theme replaces its
    "preparing search" line. Even then a query can be dropped, and the search ignores the same
    query typed again (fill("") then fill(query) left it stuck on "type to start searching"):
    each retry adds or removes a trailing space, which changes the query but not its results."""
    # Imported here: modules that import this one also serve tests without a browser.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    wait_until_ready(page)
    page.click("input[data-md-component=search-query]")
    page.keyboard.type(query)
    for attempt in range(8):
        try:
            page.wait_for_selector(".md-search-result__item", timeout=15_000)
            break
        except PlaywrightTimeout:
            if attempt == 7:
                message = page.text_content(META)
                raise AssertionError(f"no results for {query!r}: {message!r}") from None
            page.keyboard.press("End")
            page.keyboard.press("Backspace" if attempt % 2 else "Space")
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    return [urlsplit(link).path for link in links]
