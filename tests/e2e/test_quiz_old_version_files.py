"""Files and share links made under an older standards version are refused, saying which.

Answers kept in the browser are carried over to a new version (test_quiz_storage); a file or a
link is not, so an old result is never read against indicators whose meaning has changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from e2e_quiz import (
    WarmProfile,
    answer_by_clicking,
    checked_ratings,
    indicator_ids,
    random_ratings,
    wait_engine,
    warm_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OLDER = "2016.9"


def _refusal(version: str) -> str:
    return f"dibuat untuk versi standar {OLDER}, sedangkan halaman ini memakai versi {version}"


def test_an_older_versions_file_is_refused_and_changes_nothing(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any], tmp_path: Path
) -> None:
    version = site_export["framework"]["version"]
    mine = random_ratings(site_export, seed=61, share=0.3)
    old = {
        "format": "kompetensi-asn/jawaban",
        "format_version": 1,
        "standards_version": OLDER,
        "position": "pelaksana",
        "targets": {},
        "total_jp": 20,
        "ratings": random_ratings(site_export, seed=62),
    }
    path = tmp_path / "penilaian-kompetensi.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/")
        wait_engine(page)
        answer_by_clicking(page, mine)
        before = checked_ratings(page)
        assert before
        page.set_input_files("#kq-import-file", path)
        page.wait_for_selector("#kq-errors:not([hidden])")
        assert f"standards_version: {_refusal(version)}" in (page.text_content("#kq-errors") or "")
        assert checked_ratings(page) == before


def test_an_older_versions_share_link_is_refused(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    version = site_export["framework"]["version"]
    digits = "3" * len(indicator_ids(site_export))
    targets = "0" * len(site_export["competencies"])
    fragment = f"#jawaban=1~{OLDER}~pelaksana~20~{digits}~{targets}"
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/" + fragment)
        page.wait_for_selector("[data-kq-notice=share-invalid]")
        text = page.text_content("[data-kq-notice=share-invalid]") or ""
        assert f"Tautan berbagi tidak dapat dibuka: standards_version: {_refusal(version)}" in text
        assert checked_ratings(page) == {}
