"""Promise 4, in Chromium: under the strict policy the build publishes, no page type, no search,
and no step of the quiz causes a single Content-Security-Policy violation.

The policy comes from the build (``csp.txt``, the hashes ``generator/csp.py`` computed) and is sent
as a header on every response, workers included (the session's strict tour, shared with the
privacy suite). Violations are caught twice: by a ``securitypolicyviolation`` listener installed
before any page script, and by the console messages Chromium writes for documents and workers.
Each run ends with a positive control, an injected inline script that must be blocked and
reported, so "zero violations" cannot come from a listener that never worked.
"""

from __future__ import annotations

from typing import Any

import pytest
from security_support import (
    INJECT,
    PAGE_TYPES,
    Built,
    TourRecord,
    violations,
    visit,
    wait_engine,
    watched_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_page_type_search_and_the_quiz_under_the_header(strict_tour: TourRecord) -> None:
    assert set(strict_tour.states) >= set(PAGE_TYPES) | {"search"}
    assert {state: found for state, found in strict_tour.violations.items() if found} == {}
    assert strict_tour.csp_console == []  # documents and the engine's worker
    assert strict_tour.watch.page_errors == []
    # The positive control at the end: an unknown inline script was blocked and reported.
    assert strict_tour.control_blocked
    assert any("script-src" in v for v in strict_tour.control_reported)


def test_the_meta_tag_alone_protects_pages_on_a_static_host(
    browser: Any, serve: Any, real_site: Built
) -> None:
    """GitHub Pages sends no CSP header: the published meta tag is the policy, and the pages and
    the quiz's engine still work under it without a violation."""
    site = real_site.site
    with serve(site) as server, watched_page(browser) as (_, page, watch):
        page.goto(server.url + PAGE_TYPES["quiz"])
        wait_engine(page)
        assert violations(page) == []
        for path in (PAGE_TYPES["home"], PAGE_TYPES["competency"]):
            visit(page, server.url + path)
            assert violations(page) == [], path
        assert watch.csp_console() == []
        assert page.evaluate(INJECT) is True  # blocked: the meta policy is in force
        page.wait_for_function("window.__violations.length > 0")
        assert "script-src" in violations(page)[-1]
