"""Promise 5: axe-core with the WCAG 2.0/2.1/2.2 A and AA rules and every rule Lighthouse runs
(``tests/axe_support.py``) finds nothing on any page type of the real site (14 of them) or with
the search open on its results, at desktop size and at Lighthouse's phone size; and no page, the
quiz included, scrolls sideways at 320 CSS pixels (WCAG 1.4.10 Reflow).

The quiz's states (intro, questions, error summary, results, engine failure, and the whole page
at phone size before and after a submission) are checked by axe-core in
``tests/e2e/test_quiz_ui.py``, and its keyboard-only completion in
``tests/e2e/test_quiz_flow.py``; the theme around the quiz is the one checked here.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_support import AXE, PHONE, violations
from frames_support import steady
from security_support import (
    PAGE_TYPES,
    Built,
    not_found_override,
    open_search,
    tour,
    watched_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Measured at rest: Material's search opens with a scaling overlay that overflows mid-animation.
SETTLED = "() => Promise.all(document.getAnimations().map(a => a.finished)).then(() => true)"


def _overflow(page: Any) -> float:
    page.evaluate(SETTLED)
    value: float = steady(page, OVERFLOW)
    return value


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_finds_no_violation_on_any_page_type(
    browser: Any, serve: Any, real_site: Built, size: str
) -> None:
    require_axe()
    site = real_site.site
    overrides = {"/tidak/ada/": not_found_override(site)}
    found: dict[str, list[str]] = {}
    with (
        serve(site, overrides=overrides) as server,
        watched_page(browser, bypass_csp=True, **(PHONE if size == "phone" else {})) as (
            _,
            page,
            _watch,
        ),
    ):
        states = []
        for state in tour(page, server.url):
            states.append(state)
            found[state] = violations(page)
    assert len(states) >= 10
    assert {state: items for state, items in found.items() if items} == {}


def test_no_page_scrolls_sideways_at_320_pixels(browser: Any, serve: Any, real_site: Built) -> None:
    site = real_site.site
    overrides = {"/tidak/ada/": not_found_override(site)}
    wide: dict[str, float] = {}
    viewport = {"width": 320, "height": 640}
    with (
        serve(site, overrides=overrides) as server,
        watched_page(browser, viewport=viewport) as (
            _,
            page,
            _watch,
        ),
    ):
        for name, path in PAGE_TYPES.items():
            page.goto(server.url + path)
            page.wait_for_load_state("load")
            if (overflow := _overflow(page)) > 0:
                wide[name] = overflow
        # The search dialog at phone width, with results.
        page.goto(server.url + PAGE_TYPES["competency"])
        page.click("label[for=__search]")
        open_search(page, "integritas")
        if (overflow := _overflow(page)) > 0:
            wide["search"] = overflow
    assert wide == {}


def require_axe() -> None:
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (axe-core is a devDependency)"
