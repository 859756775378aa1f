"""The build refuses a site whose own terms break Material's search (generator/search_check.py),
and the replay it relies on equals the shipped worker run in Node, term for term."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from project_support import Built
from search_support import search
from search_break_support import (
    HARMLESS,
    TICKETS,
    run_worker,
    tickets_project,
    unchecked_build,
)
from site_support import run_build

from generator import i18n, search_check
from generator.site_files import SiteFiles

ID_LINES = [
    "ERROR   -  tiket/index.html:N: pencarian situs tidak akan menemukan apa pun untuk kueri "
    "yang diawali seperti '#936' (di tiket/index.html): lunr, pustaka pencarian tema, "
    "mengacaukannya dengan istilah '#64' di halaman ini dan gagal pada setiap kueri seperti "
    "itu, sejak huruf pertamanya Saran: ubah penulisan '#64' (misalnya tulis angkanya dengan "
    "spasi atau dengan kata) atau angka di dekat istilah yang disebut; setiap perubahan istilah "
    "situs mengubah penomoran graf kata lunr, jadi bangun ulang untuk memeriksanya",
    "ERROR   -  1 istilah dalam teks situs merusak pencarian situs.",
]
EN_LINES = [
    "ERROR   -  tiket/index.html:N: the site's search would find nothing for a query beginning "
    "like '#936' (on tiket/index.html): lunr, the theme's search library, confuses them with "
    "the term '#64' on this page and fails on every such query, from its first letter on "
    "Hint: rephrase '#64' (for example write the number with spaces or in words) or a number "
    "near the terms named; any change to the site's terms renumbers lunr's word graph, so "
    "build again to check",
    "ERROR   -  1 term in the site's text breaks the site's search.",
]


def _errors(built: Built) -> list[str]:
    return [re.sub(r":\d+:", ":N:", line) for line in built.lines if line.startswith("ERROR")]


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tickets project built by MkDocs alone: the files readers would get without the
    check (the plugin still fails the build)."""
    folder = tmp_path_factory.mktemp("broken")
    config = tickets_project(folder / "project", TICKETS)
    done = unchecked_build(config, folder / "site")
    assert done.returncode != 0
    assert "#64" in done.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def harmless_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("harmless")
    built = run_build(tickets_project(folder / "project", HARMLESS), folder / "project/site")
    assert built.code == 0, built.output
    return built


def test_a_term_that_breaks_the_search_fails_the_build(tmp_path: Path) -> None:
    config = tickets_project(tmp_path / "project", TICKETS)
    failed = run_build(config, tmp_path / "project/site")
    assert failed.code == 1
    assert _errors(failed) == ID_LINES
    assert not (tmp_path / "project/site").exists()


def test_the_message_in_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tickets_project(tmp_path / "project", TICKETS)
    monkeypatch.setenv("KOMPETENSI_LANG", "en")  # MkDocs' child process
    with i18n.speaking("en"):
        failed = run_build(config, tmp_path / "project/site")
    assert failed.code == 1
    assert _errors(failed) == EN_LINES


def test_the_finding_points_at_the_line_that_shows_the_term(broken_site: Path) -> None:
    findings, skipped = search_check.check(SiteFiles(broken_site))
    assert skipped is None
    assert [(finding.path, "'#64'" in finding.message) for finding in findings] == [
        ("tiket/index.html", True)
    ]
    lines = (broken_site / "tiket/index.html").read_text(encoding="utf-8").splitlines()
    assert "#64" in lines[findings[0].line - 1]


def test_the_project_s_own_content_passes(real_site: Built) -> None:
    files = SiteFiles(real_site.site)
    assert search_check.check(files) == ([], None)
    index = search_check.read_index(files)
    assert index is not None
    assert search_check.token_set(sorted(search_check.terms(index))).merges == []


def test_one_term_fewer_passes(harmless_site: Built) -> None:
    assert _errors(harmless_site) == []


@pytest.mark.parametrize("which", ["broken", "harmless", "real"])
def test_the_replay_equals_the_shipped_worker(
    which: str,
    broken_site: Path,
    harmless_site: Built,
    real_site: Built,
    required: Callable[[bool, str], None],
) -> None:
    required(shutil.which("node") is not None, "node (runs Material's search worker)")
    site = {"broken": broken_site, "harmless": harmless_site.site, "real": real_site.site}[which]
    worker = run_worker(site)
    index = search_check.read_index(SiteFiles(site))
    assert index is not None
    terms = search_check.terms(index)
    assert set(terms) == set(worker["terms"])
    assert search_check.token_set(sorted(terms)).words == set(worker["words"])
    assert (set(worker["words"]) != set(worker["terms"])) == (which == "broken")


def test_the_worker_fails_where_the_check_says(
    broken_site: Path, harmless_site: Built, required: Callable[[bool, str], None]
) -> None:
    required(shutil.which("node") is not None, "node (runs Material's search worker)")
    queries = ["#", "#9", "#936", "#6", "rapat", "tiket"]
    broken = run_worker(broken_site, *queries)["queries"]
    harmless = run_worker(harmless_site.site, *queries)["queries"]
    # "#" and "#9" expand to phantom terms and throw; "#936" itself is lost: no result.
    assert {query for query, result in broken.items() if result["threw"]} == {"#", "#9"}
    assert [query for query, result in broken.items() if not result["groups"]] == queries[:3]
    assert not any(result["threw"] for result in harmless.values())
    assert all(harmless[query]["groups"] > 0 for query in queries)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("which", ["broken", "harmless"])
def test_chromium_searches_as_the_check_says(
    which: str,
    broken_site: Path,
    harmless_site: Built,
    browser: Any,
    serve: Callable[..., Any],
) -> None:
    site = broken_site if which == "broken" else harmless_site.site
    with serve(site) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.goto(server.url + "/kompetensi/integritas/")
        if which == "harmless":
            assert "/tiket/" in search(page, "#936")
            assert not [line for line in console if line.startswith("Invalid query")]
        else:
            meta = page.locator(".md-search-result__meta")
            preparing = meta.text_content()
            page.wait_for_function(
                "([selector, text]) => document.querySelector(selector).textContent !== text",
                arg=[".md-search-result__meta", preparing],
                timeout=120_000,
            )
            page.click("input[data-md-component=search-query]")
            page.keyboard.type("#936")
            page.wait_for_function(
                "() => document.querySelector('.md-search-result__meta').textContent"
                " === 'Tidak ada dokumen yang sesuai'",
                timeout=60_000,
            )
            page.wait_for_timeout(500)  # the worker's answer to the last keystroke
            assert page.locator(".md-search-result__item").count() == 0
            assert "Invalid query: # – see https://bit.ly/2s3ChXG" in console
        context.close()
