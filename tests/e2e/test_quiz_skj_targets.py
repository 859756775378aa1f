"""A functional position has no target on the site: the quiz asks for the levels in the reader's
own SKJ document, keeps them with the answers and in every download, and the results equal the
engine's. Keyboard only, at 320 px, checked by axe."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from axe_support import violations
from e2e_quiz import (
    WarmProfile,
    answer_by_clicking,
    assert_page_matches_engine,
    random_ratings,
    stored,
    wait_results,
    warm_page,
)
from quiz_support import click_settled, download_from

pytestmark = [pytest.mark.browser, pytest.mark.slow]

POSITION = "jf-ahli-muda"
SKJ_HINT = (
    "Situs ini tidak memuat target untuk jabatan yang Anda pilih, jadi salin level setiap "
    "kompetensi dari dokumen SKJ jabatan Anda dan biarkan “Tanpa target” bila levelnya tidak "
    "tercantum."
)


def _focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def _tab_to(page: Any, element_id: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page) == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def _choose_by_keyboard(page: Any, element_id: str, value: str) -> None:
    """Arrow keys on a focused, closed select change its value as a reader would."""
    for _ in range(60):
        if page.input_value(f"#{element_id}") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"#{element_id} never showed {value!r}")


def test_a_functional_position_asks_for_the_targets_of_ones_skj(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any], tmp_path: Path
) -> None:
    version = site_export["framework"]["version"]
    ratings = random_ratings(site_export, seed=71)
    targets = {"integritas": 3, "komunikasi": 2}
    expected = {c["id"]: targets.get(c["id"]) for c in site_export["competencies"]}
    viewport = {"width": 320, "height": 640}
    with warm_page(warm, viewport) as (page, log):
        page.goto(warm.url + "/asesmen/")
        page.wait_for_selector("[data-kq-root][data-kq-bound]")
        label = page.eval_on_selector(
            f"select[name=position] option[value='{POSITION}']", "o => o.textContent"
        )
        assert label == "Jabatan Fungsional Ahli Muda (tanpa target)"
        _tab_to(page, "kq-position")
        _choose_by_keyboard(page, "kq-position", POSITION)

        # Asked for, explained in one sentence, every level empty to begin with.
        assert page.is_visible("#kq-targets")
        assert page.inner_text("#kq-targets legend") == "Target level dari dokumen SKJ jabatan Anda"
        assert page.inner_text("#kq-targets-hint") == SKJ_HINT
        selects = page.eval_on_selector_all(
            "[data-kq-target]", "els => els.map(e => [e.dataset.kqTarget, e.value])"
        )
        assert selects == [[c["id"], ""] for c in site_export["competencies"]]
        assert violations(page, "#kq") == [], "targets asked for"

        answer_by_clicking(page, ratings)
        page.focus("#kq-position")
        for competency, level in targets.items():
            _tab_to(page, f"kq-t-{competency}")
            _choose_by_keyboard(page, f"kq-t-{competency}", str(level))
        _tab_to(page, "kq-submit")
        page.keyboard.press("Enter")
        wait_results(page)
        result = assert_page_matches_engine(
            page, site_export, ratings, position=POSITION, targets=targets
        )
        assert [c["target"] for c in result["competencies"]] == list(expected.values())
        assert page.text_content("#kq-meta-basis") == (
            "Jabatan Fungsional Ahli Muda (target dari dokumen SKJ Anda)"
        )
        overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        assert page.evaluate(overflow) <= 0
        assert violations(page, "#kq") == [], "results"
        # Foreign terms of the catalogue in italics, without the asterisks that mark them.
        assert "*" not in page.text_content("#kq-plan")
        italic = page.eval_on_selector_all("#kq-plan em", "els => els.map(e => e.textContent)")
        assert set(italic) <= {"coaching", "mentoring", "e-learning", "Corporate University"}

        # Kept with the saved answers, and in the downloads.
        kept = stored(page, version)
        assert (kept["position"], kept["targets"]) == (POSITION, expected)
        saved = download_from(page, "#kq-download-json")
        saved.save_as(tmp_path / "jawaban.json")
        document = json.loads((tmp_path / "jawaban.json").read_text(encoding="utf-8"))
        assert (document["position"], document["targets"]) == (POSITION, expected)
        assert document["result"] == result
        report = download_from(page, "#kq-download-md")
        report.save_as(tmp_path / "hasil.md")
        assert "target jabatan Jabatan Fungsional Ahli Muda diisi dari dokumen SKJ Anda" in (
            tmp_path / "hasil.md"
        ).read_text(encoding="utf-8")
        page.reload()
        page.wait_for_selector("[data-kq-root][data-kq-bound]")
        assert page.input_value("#kq-position") == POSITION
        assert page.input_value("#kq-t-integritas") == "3"
        assert page.is_visible("#kq-targets")

        # A position with targets of its own hides the entry, and its targets win.
        page.select_option("#kq-position", "pengawas")
        assert page.is_hidden("#kq-targets")
        click_settled(page, "#kq-submit")
        page.wait_for_function(
            "document.getElementById('kq-meta-basis').textContent.startsWith('Jabatan Pengawas')"
        )
        assert_page_matches_engine(page, site_export, ratings, position="pengawas")
        assert page.text_content("#kq-meta-basis") == "Jabatan Pengawas (terverifikasi, 2 sumber)"
        assert log.off_origin(warm.url) == []
