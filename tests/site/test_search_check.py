"""Material's search (lunr) survives the site's own terms: the build pads the index so lunr's
node keys are unambiguous (generator/search_check.pad), and checks it with a replay of the
shipped worker, which equals the worker run in Node term for term."""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from project_support import Built
from search_break_support import HARMLESS, TICKETS, run_worker, tickets_project, unpadded_copy
from search_support import search, wait_until_ready
from site_support import run_build

from generator import i18n, search_check
from generator.site_files import SiteFiles

ID_LINE = (
    "tiket/index.html:N: pencarian situs tidak akan menemukan apa pun untuk kueri "
    "yang diawali seperti '#936' (di tiket/index.html): lunr, pustaka pencarian tema, "
    "mengacaukannya dengan istilah '#64' di halaman ini dan gagal pada setiap kueri seperti "
    "itu, sejak huruf pertamanya Saran: ubah penulisan '#64' (misalnya tulis angkanya dengan "
    "spasi atau dengan kata) atau angka di dekat istilah yang disebut; setiap perubahan istilah "
    "situs mengubah penomoran graf kata lunr, jadi bangun ulang untuk memeriksanya"
)
EN_LINE = (
    "tiket/index.html:N: the site's search would find nothing for a query beginning "
    "like '#936' (on tiket/index.html): lunr, the theme's search library, confuses them with "
    "the term '#64' on this page and fails on every such query, from its first letter on "
    "Hint: rephrase '#64' (for example write the number with spaces or in words) or a number "
    "near the terms named; any change to the site's terms renumbers lunr's word graph, so "
    "build again to check"
)
# The line Material's worker logs when lunr throws (its query: "#9", or "#" typed alone).
INVALID = r"Invalid query: #9? – see https://bit\.ly/2s3ChXG"


def _built(folder: Path, tickets: list[str]) -> Built:
    built = run_build(tickets_project(folder / "project", tickets), folder / "project/site")
    assert built.code == 0, built.output
    return built


@pytest.fixture(scope="module")
def tickets_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The project whose terms lunr mixes up, built as published (padded)."""
    return _built(tmp_path_factory.mktemp("tickets"), TICKETS)


@pytest.fixture(scope="module")
def broken_site(tickets_site: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site with the index MkDocs wrote: what readers got before the padding."""
    return unpadded_copy(tickets_site.site, tmp_path_factory.mktemp("broken") / "site")


@pytest.fixture(scope="module")
def harmless_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _built(tmp_path_factory.mktemp("harmless"), HARMLESS)


def _lines(site: Path) -> list[str]:
    findings, skipped = search_check.check(SiteFiles(site))
    assert skipped is None
    return [re.sub(r":\d+:", ":N:", str(finding)) for finding in findings]


def test_the_check_names_the_terms_and_the_page(broken_site: Path) -> None:
    assert _lines(broken_site) == [ID_LINE]
    with i18n.speaking("en"):
        assert _lines(broken_site) == [EN_LINE]


def test_the_finding_points_at_the_line_that_shows_the_term(broken_site: Path) -> None:
    (finding,) = search_check.check(SiteFiles(broken_site))[0]
    lines = (broken_site / "tiket/index.html").read_text(encoding="utf-8").splitlines()
    assert "#64" in lines[finding.line - 1]


def test_the_padded_sites_pass(tickets_site: Built, harmless_site: Built, real_site: Built) -> None:
    for built in (tickets_site, harmless_site, real_site):
        assert _lines(built.site) == []
        index = search_check.read_index(SiteFiles(built.site))
        assert index is not None
        padding = [doc for doc in index["docs"] if doc["location"] == "search/padding/"]  # type: ignore[index, union-attr]
        assert len(padding) == 1
        assert search_check.token_set(sorted(search_check.terms(index))).merges == []


def test_a_search_breaking_index_fails_the_build(
    tickets_site: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the padding gone, the post-build step would refuse the index."""
    from generator import postbuild

    monkeypatch.setattr(search_check, "pad", lambda files: None)
    site = unpadded_copy(tickets_site.site, tmp_path / "site")
    outcome = postbuild.finish(site, quiz_files=[], offline_files=False, serving=True)
    assert [re.sub(r":\d+:", ":N:", str(finding)) for finding in outcome.findings] == [ID_LINE]
    assert outcome.failure == "1 istilah dalam teks situs merusak pencarian situs."


@pytest.mark.parametrize("which", ["broken", "tickets", "harmless", "real"])
def test_the_replay_equals_the_shipped_worker(
    which: str,
    broken_site: Path,
    tickets_site: Built,
    harmless_site: Built,
    real_site: Built,
    required: Callable[[bool, str], None],
) -> None:
    required(shutil.which("node") is not None, "node (runs Material's search worker)")
    site = {
        "broken": broken_site,
        "tickets": tickets_site.site,
        "harmless": harmless_site.site,
        "real": real_site.site,
    }[which]
    worker = run_worker(site)
    index = search_check.read_index(SiteFiles(site))
    assert index is not None
    terms = search_check.terms(index)
    assert set(terms) == set(worker["terms"])
    assert search_check.token_set(sorted(terms)).words == set(worker["words"])
    assert (set(worker["words"]) != set(worker["terms"])) == (which == "broken")


def test_the_worker_fails_only_without_the_padding(
    broken_site: Path, tickets_site: Built, required: Callable[[bool, str], None]
) -> None:
    required(shutil.which("node") is not None, "node (runs Material's search worker)")
    queries = ["#", "#9", "#936", "#6", "rapat", "tiket"]
    broken = run_worker(broken_site, *queries)["queries"]
    padded = run_worker(tickets_site.site, *queries)["queries"]
    # "#" and "#9" expand to phantom terms and throw; "#936" itself is lost: no result.
    assert {query for query, result in broken.items() if result["threw"]} == {"#", "#9"}
    assert [query for query, result in broken.items() if not result["groups"]] == queries[:3]
    assert not any(result["threw"] for result in padded.values())
    assert all(padded[query]["groups"] > 0 for query in queries)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("which", ["broken", "tickets"])
def test_chromium_searches_as_the_check_says(
    which: str,
    broken_site: Path,
    tickets_site: Built,
    browser: Any,
    serve: Callable[..., Any],
) -> None:
    site = broken_site if which == "broken" else tickets_site.site
    with serve(site) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.goto(server.url + "/kompetensi/integritas/")
        if which == "tickets":
            assert "/tiket/" in search(page, "#936")
            assert not [line for line in console if line.startswith("Invalid query")]
        else:
            wait_until_ready(page)
            # "#9" (and "#", if the theme sent it alone) expands to a phantom term: the worker
            # throws and the theme shows nothing.
            page.click("input[data-md-component=search-query]")
            with page.expect_console_message(
                lambda message: re.fullmatch(INVALID, message.text) is not None,
                timeout=60_000,
            ):
                page.keyboard.type("#9")
            page.wait_for_function(
                "() => document.querySelector('.md-search-result__meta').textContent"
                " === 'Tidak ada dokumen yang sesuai'",
                timeout=60_000,
            )
            assert page.locator(".md-search-result__item").count() == 0
        context.close()


def _ticket_index(tickets: set[str]) -> dict[str, Any]:
    return {
        "config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": [], "fields": {"text": {}}},
        "docs": [{"location": "tiket/", "title": "", "text": " ".join(sorted(tickets))}],
    }


def _merges(index: dict[str, Any]) -> list[search_check.Merge]:
    return search_check.token_set(sorted(search_check.terms(index))).merges


def test_padding_removes_every_collision(tmp_path: Path) -> None:
    """Two sets that collide unpadded (the tickets; "#0" with two leaves against "#9" whose
    child is node 424) and seeded random ones: none collides once padded."""
    rng = random.Random(11)
    colliding = [set(TICKETS), {"#01", "#02", "#915", *(f"#5{n:03d}" for n in range(374))}]
    cases = colliding + [
        {
            "#" + "".join(rng.choice("0123456789.") for _ in range(rng.randint(1, 5)))
            for _ in range(rng.randint(4, 400))
        }
        for _ in range(100)
    ]
    for number, tickets in enumerate(cases):
        index = _ticket_index(tickets)
        assert bool(_merges(index)) == (number < len(colliding)), tickets
        site = tmp_path / str(number)
        (site / "search").mkdir(parents=True)
        (site / search_check.INDEX_FILE).write_text(json.dumps(index), encoding="utf-8")
        files = SiteFiles(site)
        padded_terms = search_check.pad(files)
        padded = search_check.read_index(files)
        assert padded is not None
        # What pad hands the check is exactly what the padded index, read back, holds.
        assert padded_terms == search_check.terms(padded), tickets
        assert _merges(padded) == [], tickets


def test_a_configuration_the_replay_does_not_model_is_said(tmp_path: Path) -> None:
    index = _ticket_index(set(TICKETS))
    index["config"]["pipeline"] = ["stemmer"]
    (tmp_path / "search").mkdir()
    (tmp_path / search_check.INDEX_FILE).write_text(json.dumps(index), encoding="utf-8")
    files = SiteFiles(tmp_path)
    assert not search_check.pad(files)
    assert search_check.check(files) == (
        [],
        "Indeks pencarian tidak diberi pengisi dan tidak diperiksa: konfigurasi pencarian bukan "
        "lunr biasa (a language or pipeline function besides plain lunr)",
    )
    with i18n.speaking("en"):
        assert search_check.check(files)[1] == (
            "Search index neither padded nor checked: the search configuration is not plain "
            "lunr (a language or pipeline function besides plain lunr)"
        )
