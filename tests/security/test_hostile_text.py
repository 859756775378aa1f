"""Promise 2: hostile text in every YAML text field renders inert, verified in Chromium.

A copy of the three-competency fixture gets a payload in every free-text field (names,
definitions, level descriptions, indicator texts and examples, position names, descriptions and
sources, activity texts, framework title, labels and notes): script tags, event-handler
attributes, attr_list ``{ onclick=... }``, ``javascript:`` and ``data:`` links, ``</script>`` and
other end tags that close raw-text contexts, ``srcdoc`` frames. Each vector would set
``window.__pwned``; a dialog fails the test too. Every page of the built site, the navigation,
Material's search results (and the highlighted page a result opens) and the quiz, from the form
to the results and its downloads, are checked: nothing runs, no element carries an event handler
or a script URL, and each payload a page shows is shown whole, as text.

The browser bypasses the site's Content-Security-Policy here: the policy would block most of these
vectors even if they reached the page as markup, and this suite must catch the markup itself
(``test_csp_browser`` tests the policy as the second line of defence).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
from security_support import (
    SEARCH_WORD,
    Hostile,
    click_settled,
    download_from,
    not_found_override,
    open_search,
    wait_engine,
    wait_results,
    watched_page,
)

from generator.site_check import check_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Runs in the page: every trace a payload would leave in the live DOM.
DOM_TRACES = """() => {
  const found = [];
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster'];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`<${tag} ${name}>`);
      if (name === 'srcdoc') found.push(`<${tag} srcdoc>`);
      if (urlAttributes.includes(name) && /^(javascript|vbscript):/.test(value)) {
        found.push(`<${tag} ${name}=${value.slice(0, 40)}>`);
      }
      if (urlAttributes.includes(name) && value.startsWith('data:')
          && !(tag === 'img' && value.startsWith('data:image/'))) {
        found.push(`<${tag} ${name}=${value.slice(0, 40)}>`);
      }
    }
    if (['iframe', 'object', 'embed', 'frame'].includes(tag)) found.push(`<${tag}>`);
    if (tag === 'script' && element.textContent.includes('__pwned')) found.push('<script>');
  }
  return found;
}"""

# Hovering and focusing everything: a handler that slipped into an attribute would now run.
PROVOKE = """() => {
  for (const element of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin']) {
      element.dispatchEvent(new Event(type, {bubbles: type !== 'mouseenter'}));
    }
  }
}"""


def _assert_inert(page: Any, where: str) -> None:
    page.evaluate(PROVOKE)
    page.wait_for_timeout(100)  # an <img onerror> fires after its failed load
    assert page.evaluate("window.__pwned") is None, (where, page.evaluate("window.__pwned"))
    assert page.evaluate(DOM_TRACES) == [], where


def _as_text(payload: str, text: str) -> bool:
    """The payload appears whole, or cut short with an ellipsis (the plan's "add" list shortens
    long activity texts): either way as its own characters, nothing parsed."""
    if payload in text:
        return True
    lead = payload[:30]
    start = text.find(lead)
    while start != -1:
        cut = text.find("\u2026", start)
        if cut != -1 and payload.startswith(text[start:cut]):
            return True
        start = text.find(lead, start + 1)
    return False


def _shown_whole(page: Any, payloads: dict[int, str], where: str) -> set[int]:
    """The payloads the page shows; each must appear whole, as text (nothing was parsed)."""
    text = " ".join(page.evaluate("document.body.textContent").split())
    shown = {int(n) for n in re.findall(rf"{SEARCH_WORD}(\d+)", text)}
    broken = [n for n in sorted(shown) if not _as_text(payloads[n], text)]
    assert broken == [], (where, [payloads[n][:60] for n in broken])
    return shown


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _page_urls(site: Path) -> list[str]:
    return sorted(
        "/" + p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("*.html")
        if p.name != "404.html"
    )


def _html_payloads(hostile: Hostile) -> set[int]:
    """The payloads the built HTML carries as text, each one whole."""
    text = ""
    for path in hostile.built.site.rglob("*.html"):
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        text += " ".join("".join(parser.parts).split()) + "\n"
    return {n for n, value in hostile.payloads.items() if value in text}


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def test_every_payload_is_published(hostile_site: Hostile) -> None:
    """The fixture is not vacuous: each poisoned field reaches the pages or the exported data
    (the quiz shows the rest, such as learning categories, from that export)."""
    exported = json.loads(
        (hostile_site.built.site / "unduh" / "kompetensi.json").read_text(encoding="utf-8")
    )
    in_data = {n for n, value in hostile_site.payloads.items() if value in set(_strings(exported))}
    assert in_data == set(hostile_site.payloads)
    assert len(_html_payloads(hostile_site)) >= 0.6 * len(hostile_site.payloads)


def test_no_page_runs_hostile_text(browser: Any, serve: Any, hostile_site: Hostile) -> None:
    site = hostile_site.built.site
    urls = _page_urls(site)
    assert len(urls) >= 15, urls
    overrides = {"/tidak/ada/": not_found_override(site)}
    shown: set[int] = set()
    with (
        serve(site, overrides=overrides) as server,
        watched_page(browser, bypass_csp=True) as (_, page, watch),
    ):
        for url in [*urls, "/tidak/ada/"]:
            page.goto(server.url + url)
            # The quiz and the recap keep loading the engine (their own tests wait for it).
            if url not in ("/asesmen/", "/rekap/"):
                page.wait_for_load_state("networkidle")
            _assert_inert(page, url)
            shown |= _shown_whole(page, hostile_site.payloads, url)
        assert watch.dialogs == []
        assert watch.page_errors == []
        # An <img src=x> that became markup would have requested ".../x".
        assert [u for u in watch.requests if u.rstrip("/").endswith("/x")] == []
    # Navigation, headings, tables, the quiz form: the browser shows every payload the HTML
    # carries, whole.
    assert shown == _html_payloads(hostile_site)


def test_search_results_and_highlighted_pages_stay_inert(
    browser: Any, serve: Any, hostile_site: Hostile
) -> None:
    site = hostile_site.built.site
    with serve(site) as server, watched_page(browser, bypass_csp=True) as (_, page, watch):
        # A payload's own word, and a word every payload contains as markup text.
        for query in (f"{SEARCH_WORD}1", "script"):
            page.goto(server.url + "/")
            open_search(page, query)
            page.wait_for_timeout(300)
            _assert_inert(page, f"search results for {query}")
            results = page.text_content(".md-search-result") or ""
            assert "<script>" in results  # shown as text, not markup
            page.click(".md-search-result__link")  # opens the page with ?h=... highlighting
            page.wait_for_load_state("networkidle")
            assert "h=" in page.url
            _assert_inert(page, page.url)
        assert watch.dialogs == [] and watch.page_errors == []


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def _risky(cells: list[str]) -> list[str]:
    return [cell[:40] for cell in cells if cell.startswith(("=", "+", "-", "@"))]


def test_the_published_csv_disarms_formulas(hostile_site: Hostile) -> None:
    text = (hostile_site.built.site / "unduh" / "kompetensi.csv").read_text(encoding="utf-8")
    cells = _csv_cells(text)
    assert _risky(cells) == []
    assert any(cell.startswith("'=HYPERLINK(1)") for cell in cells)


@dataclass
class QuizRun:
    """What the hostile quiz showed and produced."""

    form_payloads: set[int] = field(default_factory=set)
    result_payloads: set[int] = field(default_factory=set)
    downloads: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="module")
def hostile_quiz(browser: Any, serve_module: Any, hostile_site: Hostile) -> QuizRun:
    """The quiz on the hostile site, from the form to the results and the three downloads,
    checked for inertness at every step."""
    site = hostile_site.built.site
    run = QuizRun()
    with (
        serve_module(site) as server,
        watched_page(browser, bypass_csp=True, accept_downloads=True) as (_, page, watch),
    ):
        page.goto(server.url + "/asesmen/")
        _assert_inert(page, "quiz form")
        run.form_payloads = _shown_whole(page, hostile_site.payloads, "quiz form")
        names = page.eval_on_selector_all(
            "[data-kq-indicator]", "els => els.map(e => e.dataset.kqIndicator)"
        )
        for index, name in enumerate(names):
            # The adaptive form hides the levels it no longer asks: answer what it shows.
            if page.is_visible(f'[data-kq-indicator="{name}"]'):
                page.check(f'input[name="{name}"][value="{1 + index % 4}"]')
        page.select_option("select[name=position]", "pelaksana")  # a hostile name
        wait_engine(page)
        click_settled(page, "#kq-submit")
        wait_results(page)
        _assert_inert(page, "quiz results")
        results = page.text_content("#kq-hasil") or ""
        run.result_payloads = {int(n) for n in re.findall(rf"{SEARCH_WORD}(\d+)", results)}
        _shown_whole(page, hostile_site.payloads, "quiz results")
        for button in ("csv", "json", "md"):
            saved = download_from(page, f"#kq-download-{button}").path()
            run.downloads[button] = Path(saved).read_text(encoding="utf-8")
        _assert_inert(page, "quiz after downloads")
        assert watch.dialogs == [] and watch.page_errors == []
    return run


def test_the_quiz_form_and_results_stay_inert(hostile_quiz: QuizRun) -> None:
    # Names, definitions, indicator texts and examples, scale labels in the form; competency
    # and position names, level names and activities in the results, back from Python whole.
    assert len(hostile_quiz.form_payloads) >= 40
    assert len(hostile_quiz.result_payloads) >= 5


def test_the_quiz_csv_disarms_formulas(hostile_quiz: QuizRun) -> None:
    cells = _csv_cells(hostile_quiz.downloads["csv"])
    assert _risky(cells) == []
    assert any(cell.startswith("'=HYPERLINK(1)") for cell in cells)


def test_the_quiz_markdown_renders_inert(hostile_quiz: QuizRun) -> None:
    html = markdown.markdown(
        hostile_quiz.downloads["md"], extensions=["attr_list", "md_in_html", "tables"]
    )
    assert [str(finding) for finding in check_text(html, ".html", "report.html")] == []
    assert "<script" not in html.lower()


def test_the_preview_servers_own_address_is_not_another_host() -> None:
    """`mkdocs serve` gives the pages it serves its own address as site_url; links to it are
    this site. Any other host, or the same host on another port, is still refused."""
    page = (
        '<link rel="canonical" href="http://127.0.0.1:8000/asesmen/">'
        '<link rel="stylesheet" href="http://127.0.0.1:8001/x.css">'
        '<img src="https://example.org/x.png">'
    )
    own = check_text(page, ".html", "p.html", own_origin="http://127.0.0.1:8000/")
    assert [f.message for f in own] == [
        "<link href> URL ke host lain: http://127.0.0.1:8001/x.css",
        "<img src> URL ke host lain: https://example.org/x.png",
    ]
    assert len(check_text(page, ".html", "p.html")) == 3  # a build has no own origin
