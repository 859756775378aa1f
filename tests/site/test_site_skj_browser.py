"""The SKJ pages of the real site in Chromium: the positions index's filter (under the site's
own CSP, by keyboard, at 320 px, axe clean) and its lists without JavaScript, a position printed
to an A4 PDF by Chromium without navigation and without a table row split over two pages, and
Material's search finding a position by each word of its name."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_support import violations
from search_support import search
from site_support import Built

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PRINTED = "analis-sdm-aparatur-ahli-muda-contoh"
"""A typical position: thirteen competencies (four technical), each with its level's description
and indicators, and every kind of requirement."""
SEARCHED = PRINTED


@pytest.fixture
def server(serve: Callable[..., Any], real_site: Built) -> Iterator[Any]:
    with serve(real_site.site) as running:
        yield running


def _shown(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        ".kompetensi-jabatan-daftar > li:not([hidden]) > strong > a",
        "els => els.map(e => e.getAttribute('href'))",
    )


def test_the_index_filters_by_keyboard_under_the_sites_csp(browser: Any, server: Any) -> None:
    from playwright.sync_api import expect  # the browser fixture has checked it is installed

    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server.url + "/jabatan/")
    form = page.locator("form[data-kompetensi-saring]")
    form.wait_for(state="visible")  # the script ran under the page's own policy
    every = _shown(page)
    assert len(every) == page.locator(".kompetensi-jabatan-daftar > li").count() > 3
    status = page.locator(".kompetensi-saring-hasil")
    assert status.text_content() == f"Menampilkan {len(every)} dari {len(every)} jabatan."

    kinds = page.eval_on_selector_all("#saring-jenis option", "os => os.map(o => o.value)")
    page.focus("#saring-jenis")
    page.keyboard.press("ArrowDown")  # the first kind, without a pointer
    chosen = page.eval_on_selector("#saring-jenis", "e => e.value")
    assert chosen == kinds[1]
    expected = page.eval_on_selector_all(
        f'.kompetensi-jabatan-daftar > li[data-kind="{chosen}"] > strong > a',
        "els => els.map(e => e.getAttribute('href'))",
    )
    assert _shown(page) == expected and 0 < len(expected) < len(every)
    assert status.text_content() == f"Menampilkan {len(expected)} dari {len(every)} jabatan."
    hidden_sections = page.locator(".kompetensi-jabatan-kelompok[hidden]").count()
    assert hidden_sections == page.locator(".kompetensi-jabatan-kelompok").count() - 1
    # The address keeps the choice: the same address opens the same filtered list.
    assert page.url.endswith(f"/jabatan/?jenis={chosen}")
    page.reload()
    page.locator("form[data-kompetensi-saring]").wait_for(state="visible")
    assert page.eval_on_selector("#saring-jenis", "e => e.value") == chosen
    assert _shown(page) == expected
    page.focus("#saring-jenis")

    # Every select, then the reset button, is reachable with Tab; the reset shows everything.
    while page.evaluate("document.activeElement.type") != "reset":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    # Polled by Playwright's own matchers: wait_for_function evaluates its predicate as a
    # string, which the page's policy (no 'unsafe-eval') refuses whenever it has to poll.
    expect(page.locator("#saring-jenis")).to_have_value("")
    expect(page).to_have_url(re.compile(r"/jabatan/$"))
    expect(page.locator(".kompetensi-jabatan-daftar > li:not([hidden])")).to_have_count(
        len(every)
    )
    # Facets combine: a grade and a dictionary leave the one example of that grade.
    page.select_option("#saring-jenjang", "ahli_muda")
    page.select_option("#saring-kamus", "sdm-aparatur-contoh")
    assert _shown(page) == [f"{PRINTED}/"]
    assert page.url.endswith("/jabatan/?jenjang=ahli_muda&kamus=sdm-aparatur-contoh")
    assert status.text_content() == f"Menampilkan 1 dari {len(every)} jabatan."
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    assert problems == []
    context.close()

    # axe-core is injected inline, which the site's policy blocks: bypass it for the audit.
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = context.new_page()
    page.goto(server.url + "/jabatan/")
    page.locator("form[data-kompetensi-saring]").wait_for(state="visible")
    page.select_option("#saring-jenis", kinds[-1])
    assert violations(page) == []
    context.close()


def test_without_javascript_the_index_links_every_facet(browser: Any, server: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "/jabatan/")
    assert not page.is_visible("form[data-kompetensi-saring]")
    links = page.eval_on_selector_all(
        ".kompetensi-saring-statis a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert links
    for href in links:
        assert page.locator(href).count() == 1, href  # each facet value is a list on the page
    assert len(_shown(page)) == page.locator(".kompetensi-jabatan-daftar > li").count()
    context.close()


def test_a_position_page_fits_a_phone_and_passes_axe(browser: Any, server: Any) -> None:
    # axe-core is injected inline, which the site's policy blocks: bypass it for the audit.
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = context.new_page()
    page.goto(server.url + f"/jabatan/{PRINTED}/")
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    assert violations(page) == []
    context.close()


def test_the_position_page_opens_the_quiz_with_the_position_chosen(
    browser: Any, server: Any
) -> None:
    from playwright.sync_api import expect  # the browser fixture has checked it is installed

    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + f"/jabatan/{PRINTED}/")
    page.get_by_role("link", name="Nilai diri terhadap jabatan ini").click()
    expect(page).to_have_url(server.url + f"/asesmen/?jabatan={PRINTED}")
    page.wait_for_selector("[data-kq-root][data-kq-bound]")
    expect(page.locator("#kq-position")).to_have_value(PRINTED)
    context.close()


def _flat(text: str) -> str:
    """PDF text without the line breaks and spaces layout adds (and ligatures undone)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_a_position_prints_on_a4_without_navigation_or_split_rows(
    browser: Any, server: Any, required: Callable[[bool, str], None]
) -> None:
    required(_has_pypdf(), "the pypdf package is not installed (make setup)")
    import pypdf

    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + f"/jabatan/{PRINTED}/")
    # Per row: its heading, level and description cells, and each indicator's text (the
    # number, placed beside it, comes out of the PDF elsewhere in the line).
    rows = page.eval_on_selector_all(
        ".kompetensi-skj-kompetensi tbody tr",
        """rows => rows.map(r => [
            ...Array.from(r.querySelectorAll('th, td:not(:has(li))')).map(c => c.innerText),
            ...Array.from(r.querySelectorAll('li')).map(li => Array.from(li.childNodes)
                .filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('')),
        ])""",
    )
    assert len(rows) == 13
    page.emulate_media(media="print")
    overflowing = page.eval_on_selector_all(
        ".md-content table", "ts => ts.filter(t => t.scrollWidth > t.clientWidth + 1).length"
    )
    assert overflowing == 0
    pdf = page.pdf(format="A4", print_background=True)
    context.close()

    pages = [_flat(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert 1 < len(pages) < 12
    whole = "".join(pages)
    assert _flat("Standar Kompetensi Jabatan") in pages[0]
    assert _flat("Contoh ilustratif, bukan standar resmi") in pages[0]
    for section in (
        "Identitas jabatan",
        "I. Ikhtisar jabatan",
        "C. Kompetensi Teknis",
        "III. Persyaratan jabatan",
        "B.3 Pelatihan fungsional",
    ):
        assert _flat(section) in whole, section
    # No navigation, search, footer or screen-only controls on paper.
    for chrome in (
        "Beranda",
        "Rekap Instansi",
        "Panduan Pengelola",
        "Daftar isi",
        "Isi kamus merupakan parafrase",
        "Nilai diri terhadap jabatan ini",
        "Unduh SKJ ini",
    ):
        assert _flat(chrome) not in whole, chrome
    # Each row of the competency tables lies on one sheet, with all its cells.
    for cells in rows:
        parts = [_flat(cell) for cell in cells if cell.strip()]
        sheets = [i for i, text in enumerate(pages) if all(part in text for part in parts)]
        assert len(sheets) >= 1, cells[0]


def _has_pypdf() -> bool:
    try:
        import pypdf  # noqa: F401
    except ImportError:
        return False
    return True


def _search_all(page: Any, query: str) -> list[str]:
    """The result paths for ``query``, scrolling the list until Material has rendered every
    result (it adds them in batches as the end of the list comes into view)."""
    found = search(page, query)
    while True:
        page.eval_on_selector(".md-search__scrollwrap", "e => { e.scrollTop = e.scrollHeight; }")
        page.wait_for_timeout(200)
        more = page.eval_on_selector_all(
            ".md-search-result__link", "els => els.map(e => new URL(e.href).pathname)"
        )
        if len(more) == len(found):
            return found
        found = more


def test_search_finds_a_position_by_each_word_of_its_name(
    browser: Any, server: Any, real_site: Built
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + f"/jabatan/{SEARCHED}/")
    name = page.eval_on_selector("h1", "h => h.firstChild.textContent").strip()
    assert len(name.split()) > 2, name
    for word in name.split():
        page.goto(server.url + "/")
        assert f"/jabatan/{SEARCHED}/" in _search_all(page, word.lower()), word
    context.close()
