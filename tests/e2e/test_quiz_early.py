"""Answers given before the quiz is bound (early.js): counted at once, saved, and kept by the
controller when it binds, over saved, migrated and shared answers.

The controller binds once quiz.js has run: the tests hold every request for quiz.js with
Playwright's routing until they release it, so "before binding" is a state they can act in,
not a race. Answers are given as a person gives them, by real clicks and keys (the shared
``answer`` helper dispatches an event on the form, which the root never sees).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from e2e_quiz import (
    STORAGE_KEY,
    WarmProfile,
    asked_ratings,
    assert_page_matches_engine,
    checked_ratings,
    indicator_ids,
    random_ratings,
    stored,
    submit_and_compare,
    wait_engine,
    wait_results,
    warm_page,
)
from quiz_support import STORAGE_PREFIX, download_from, seed_storage

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EARLY_KEY = STORAGE_PREFIX + "jawaban-awal:"
OLDER_VERSION = "2016.9"
DISABLED = """Object.defineProperty(window, 'localStorage', {
    get() { throw new DOMException('ditolak', 'SecurityError'); } });"""


class HeldQuiz:
    """Holds the requests for quiz.js (module preload and script alike) until released."""

    def __init__(self, page: Any) -> None:
        self.held = True
        self.routes: list[Any] = []
        page.route("**/assets/quiz/*/quiz.js", self._route)

    def _route(self, route: Any) -> None:
        if self.held:
            self.routes.append(route)
        else:
            route.continue_()

    def forget(self) -> None:
        """The page navigated away: its held requests are gone with it."""
        self.routes.clear()

    def release(self) -> None:
        self.held = False
        for route in self.routes:
            route.continue_()
        self.routes.clear()


def open_unbound(page: Any, url: str) -> None:
    """Go to the quiz with quiz.js held: the whole form parsed, the controller not bound."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("[data-kq-root][data-kq-answerable]")
    assert page.evaluate("document.querySelector('[data-kq-root]').dataset.kqBound") is None


def bind(page: Any, held: HeldQuiz) -> None:
    held.release()
    page.wait_for_selector("[data-kq-root][data-kq-bound]")
    page.wait_for_function("document.documentElement.dataset.engine !== undefined")


def early_record(page: Any, version: str) -> Any:
    raw = page.evaluate("(key) => localStorage.getItem(key)", EARLY_KEY + version)
    return None if raw is None else json.loads(raw)


def click(page: Any, indicator: str, rating: int) -> None:
    page.click(f'input[type=radio][name="{indicator}"][value="{rating}"]')


def tab_to(page: Any, selector: str, limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def progress(page: Any) -> str:
    return str(page.text_content("#kq-progress-text"))


def badge(page: Any, competency: str) -> str:
    return str(page.text_content(f'[data-kq-count="{competency}"]'))


def saved_doc(version: str, ratings: dict[str, int]) -> dict[str, Any]:
    return {
        "format": "kompetensi-asn/jawaban",
        "format_version": 1,
        "standards_version": version,
        "position": "pengawas",
        "targets": {},
        "total_jp": 24,
        "ratings": ratings,
        "submitted": False,
    }


@pytest.mark.parametrize("before", ["nothing", "saved", "older-version"])
def test_answers_before_binding_are_counted_saved_and_win_when_the_quiz_binds(
    warm: WarmProfile,
    before: str,
    browser: Any,
    quiz_site: Path,
    site_export: dict[str, Any],
    tmp_path: Path,
) -> None:
    version = site_export["framework"]["version"]
    ids = indicator_ids(site_export)
    first, last = ids[0], ids[-1]
    first_competency = site_export["competencies"][0]["id"]
    last_competency = site_export["competencies"][-1]["id"]
    earlier = random_ratings(site_export, seed=61, share=0.5)
    earlier[first] = 1  # answered before, answered again (3) before binding: 3 must win
    earlier.pop(last, None)
    seeds = {
        "nothing": {},
        "saved": {STORAGE_KEY + version: json.dumps(saved_doc(version, earlier))},
        "older-version": {
            STORAGE_KEY + OLDER_VERSION: json.dumps(saved_doc(OLDER_VERSION, earlier))
        },
    }[before]
    with warm_page(warm) as (page, _log):
        page.add_init_script(seed_storage(seeds))
        held = HeldQuiz(page)
        open_unbound(page, warm.url + "/asesmen/")

        # Keyboard only for the first question (Tab to its group, two arrows: the third
        # option), a click for the last one.
        tab_to(page, f'input[type=radio][name="{first}"]')
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        click(page, last, 4)
        # Counted at once, and saved before the controller exists.
        assert progress(page) == "2 dari 135 pernyataan dijawab"
        assert page.evaluate("document.querySelector('#kq-progress').value") == 2
        assert badge(page, first_competency).startswith("1/")
        assert badge(page, last_competency).startswith("1/")
        assert early_record(page, version) == {"ratings": {first: 3, last: 4}, "targets": {}}
        assert page.evaluate("document.querySelector('[data-kq-root]').dataset.kqBound") is None

        bind(page, held)
        expected = {first: 3, last: 4} if before == "nothing" else {**earlier, first: 3, last: 4}
        # Counted as the adaptive form counts: answers on levels it no longer asks are kept
        # (checked below) but not counted.
        page.wait_for_function(
            "(n) => document.querySelector('#kq-progress').value === n",
            arg=len(asked_ratings(site_export, expected)),
        )
        assert checked_ratings(page) == expected
        assert stored(page, version)["ratings"] == expected
        assert early_record(page, version) is None
        keys = page.evaluate("Object.keys(localStorage)")
        assert keys == [STORAGE_KEY + version]  # older version migrated, early copy gone
        position = None if before == "nothing" else "pengawas"
        assert page.input_value("select[name=position]") == (position or "")
        if before == "older-version":
            assert page.is_visible("[data-kq-notice=migrated]")

        # The answers given before binding reach the engine and the downloaded file.
        if position is None:
            page.select_option("select[name=position]", "pengawas")
        wait_engine(page)
        total_jp = 20 if before == "nothing" else 24
        submit_and_compare(page, site_export, expected, position="pengawas", total_jp=total_jp)
        download_from(page, "#kq-download-json").save_as(tmp_path / "jawaban.json")
        assert json.loads((tmp_path / "jawaban.json").read_text("utf-8"))["ratings"] == expected


def test_answers_before_binding_survive_a_reload_before_binding(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    version = site_export["framework"]["version"]
    ids = indicator_ids(site_export)
    with warm_page(warm) as (page, _log):
        held = HeldQuiz(page)
        open_unbound(page, warm.url + "/asesmen/")
        click(page, ids[5], 2)
        click(page, ids[40], 3)
        assert early_record(page, version)["ratings"] == {ids[5]: 2, ids[40]: 3}

        held.forget()
        page.reload(wait_until="domcontentloaded")
        page.wait_for_selector("[data-kq-root][data-kq-answerable]")
        click(page, ids[40], 1)  # changed after the reload: the newer answer
        click(page, ids[90], 4)
        # Storage keeps the earlier page's answers beside the new ones.
        expected = {ids[5]: 2, ids[40]: 1, ids[90]: 4}
        assert early_record(page, version)["ratings"] == expected
        assert progress(page) == "2 dari 135 pernyataan dijawab"  # what this page shows

        bind(page, held)
        page.wait_for_function("document.querySelector('#kq-progress').value === 3")
        assert checked_ratings(page) == expected
        assert stored(page, version)["ratings"] == expected
        assert early_record(page, version) is None


def test_without_storage_answers_before_binding_are_kept_in_memory(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    ids = indicator_ids(site_export)
    ratings = {ids[0]: 4, ids[70]: 2}
    with warm_page(warm) as (page, _log):
        page.add_init_script(DISABLED)
        held = HeldQuiz(page)
        open_unbound(page, warm.url + "/asesmen/")
        for indicator, rating in ratings.items():
            click(page, indicator, rating)
        assert progress(page) == "2 dari 135 pernyataan dijawab"

        bind(page, held)
        page.wait_for_selector("[data-kq-notice=storage-disabled]")
        assert checked_ratings(page) == ratings
        wait_engine(page)
        submit_and_compare(page, site_export, ratings)


def test_a_share_link_asks_before_replacing_answers_given_before_binding(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    version = site_export["framework"]["version"]
    ids = indicator_ids(site_export)
    theirs = random_ratings(site_export, seed=62)
    digits = "".join(str(theirs.get(i, 0)) for i in ids)
    targets = "0" * len(site_export["competencies"])
    link = f"/asesmen/#jawaban=1~{version}~-~20~{digits}~{targets}"
    mine = {ids[3]: 1 if theirs[ids[3]] != 1 else 2}
    with warm_page(warm) as (page, _log):
        held = HeldQuiz(page)
        open_unbound(page, warm.url + link)
        click(page, ids[3], mine[ids[3]])

        bind(page, held)
        page.wait_for_selector("[data-kq-notice=share-choice]")
        assert checked_ratings(page) == mine
        assert stored(page, version)["ratings"] == mine
        page.click("text=Ganti dengan jawaban dari tautan")
        assert checked_ratings(page) == theirs
        wait_results(page)
        assert_page_matches_engine(page, site_export, theirs)
