"""The real site in Chromium: phone width without horizontal scrolling or serious axe-core
findings, Indonesian search for both spellings of Kerjasama, and not a single request to another
host."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from search_support import search
from site_support import ROOT, Built

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AXE = ROOT / "node_modules/axe-core/axe.min.js"


def _search(page: Any, url: str, query: str) -> list[str]:
    """The result paths for ``query``, typed into Material's search on a freshly loaded page."""
    page.goto(url)
    return search(page, query)


def test_phone_width_search_and_privacy(
    browser: Any, serve: Callable[..., Any], real_site: Built
) -> None:
    with serve(real_site.site) as server:
        # axe-core is injected as an inline script, which the pages' own CSP meta tag blocks.
        context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        for path in (
            "/kompetensi/kerjasama/",
            "/matriks/",
            "/jabatan/jf-ahli-madya/",
            "/kompetensi/perencanaan-kebutuhan-pegawai/",  # the illustrative dictionary label
        ):
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert widths[0] <= widths[1], (path, widths)
            assert AXE.is_file(), "axe-core is missing: run make setup (npm ci)"
            page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            violations = page.evaluate(
                "axe.run().then(r => r.violations.filter(v => ['serious', 'critical']"
                ".includes(v.impact)).map(v => v.id + ': ' + v.nodes[0].target.join(' ')))"
            )
            assert violations == [], (path, violations)
        context.close()

        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        for query in ("kerja sama", "kerjasama"):
            assert "/kompetensi/kerjasama/" in _search(page, server.url + "/", query), query
        context.close()

        assert requests
        assert [url for url in requests if not url.startswith(server.url + "/")] == []


CLASS_CHANGES = """
(() => {
  window.__classChanges = [];
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target === document.documentElement) {
        window.__classChanges.push([r.oldValue, r.target.className]);
      }
    }
  }).observe(document, { subtree: true, attributeFilter: ["class"], attributeOldValue: true });
})();
"""


def test_theme_script_leaves_the_class_of_html_unchanged(
    browser: Any, serve: Callable[..., Any], real_site: Built
) -> None:
    """Material's stylesheet has ``:not([class])`` rules, so a change of <html>'s class restyles
    the whole page; the head sets the classes the theme's script would set (main.html)."""
    with serve(real_site.site) as server:
        context = browser.new_context()
        context.add_init_script(CLASS_CHANGES)
        page = context.new_page()
        for path in ("/", "/asesmen/"):
            page.goto(server.url + path, wait_until="load")
            page.wait_for_function("document.querySelector('.md-search__form')")
            page.wait_for_load_state("networkidle")
            changes = page.evaluate("window.__classChanges")
            # The head's script is the only change; the theme's own, later, leave it as it is.
            assert changes[0] == ["no-js", "js js-focus-visible"], (path, changes)
            assert [old for old, new in changes[1:] if old != new] == [], (path, changes)
            assert page.evaluate("document.documentElement.className") == "js js-focus-visible"
        context.close()

        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(server.url + "/asesmen/")
        assert page.evaluate("document.documentElement.className") == "no-js"
        context.close()
