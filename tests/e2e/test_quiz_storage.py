"""Answers survive what storage can do: corruption, a full quota, no storage, a new version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from e2e_quiz import (
    STORAGE_KEY,
    WarmProfile,
    answer_by_clicking,
    assert_page_matches_engine,
    checked_ratings,
    random_ratings,
    stored,
    submit_and_compare,
    wait_engine,
    wait_results,
    warm_page,
)
from quiz_support import click_settled

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUOTA = """Storage.prototype.setItem = function () {
    throw new DOMException('penuh', 'QuotaExceededError'); };"""
DISABLED = """Object.defineProperty(window, 'localStorage', {
    get() { throw new DOMException('ditolak', 'SecurityError'); } });"""


def _seed(key: str, value: str) -> str:
    """An init script that puts ``value`` under ``key`` once, before the page's scripts run."""
    return (
        "if (!sessionStorage.getItem('seeded')) {"
        f" localStorage.setItem({json.dumps(key)}, {json.dumps(value)});"
        " sessionStorage.setItem('seeded', '1'); }"
    )


@pytest.mark.parametrize(
    ("name", "script", "notice", "fragment"),
    [
        ("corrupt", None, "corrupt", "rusak"),
        ("quota", QUOTA, "storage-quota", "penuh"),
        ("disabled", DISABLED, "storage-disabled", "tidak tersedia"),
    ],
)
def test_storage_problem_shows_a_notice_and_keeps_answers_in_memory(
    warm: WarmProfile,
    name: str,
    script: str | None,
    notice: str,
    fragment: str,
    browser: Any,
    quiz_site: Path,
    site_export: dict[str, Any],
) -> None:
    version = site_export["framework"]["version"]
    ratings = random_ratings(site_export, seed=41)
    with warm_page(warm) as (page, _log):
        page.add_init_script(script or _seed(STORAGE_KEY + version, '{"format": "kompe'))
        page.goto(warm.url + "/asesmen/")
        answer_by_clicking(page, ratings)
        selector = f"[data-kq-notice={notice}]"
        page.wait_for_selector(selector)
        assert fragment in page.text_content(selector)
        assert checked_ratings(page) == ratings
        if name == "corrupt":
            # The broken entry is replaced by the new answers.
            assert stored(page, version)["ratings"] == ratings
        if name == "disabled":
            # Answers kept in memory only still go to the engine.
            click_settled(page, "#kq-submit")
            wait_engine(page)
            wait_results(page)
            assert checked_ratings(page) == ratings
            assert_page_matches_engine(page, site_export, ratings)


def test_a_new_standards_version_migrates_answers_with_a_warning(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    version = site_export["framework"]["version"]
    ratings = random_ratings(site_export, seed=43, share=0.5)
    old = {
        "format": "kompetensi-asn/jawaban",
        "format_version": 1,
        "standards_version": "2016.9",
        "position": "pengawas",
        "targets": {},
        "total_jp": 24,
        "ratings": {**ratings, "integritas.6.1": 4},
        "submitted": True,
    }
    with warm_page(warm) as (page, _log):
        page.add_init_script(_seed(STORAGE_KEY + "2016.9", json.dumps(old)))
        page.goto(warm.url + "/asesmen/")
        page.wait_for_selector("[data-kq-notice=migrated]")
        text = page.text_content("[data-kq-notice=migrated]")
        assert f"dari versi 2016.9 ke versi {version}" in text
        assert "1 isian tidak berlaku lagi dan dibuang" in text
        assert checked_ratings(page) == ratings
        assert page.input_value("select[name=position]") == "pengawas"
        assert stored(page, version)["ratings"] == ratings
        keys = page.evaluate("Object.keys(localStorage)")
        assert STORAGE_KEY + "2016.9" not in keys
        # The old result is not shown as if it were current: the person looks again first.
        wait_engine(page)
        assert page.is_hidden("#kq-hasil")
        submit_and_compare(page, site_export, ratings, position="pengawas", total_jp=24)
