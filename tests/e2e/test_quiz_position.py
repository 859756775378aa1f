"""The quiz by position (issue 17): a real position brings the technical competencies it lists
into the form, the results and the plan; ``/asesmen/?jabatan=<id>`` opens the quiz with it
chosen; a template keeps the managerial and socio-cultural form; the position travels with a
share link and an answers file. Keyboard, 320 px, axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_support import violations
from e2e_quiz import (
    WarmProfile,
    answer_by_clicking,
    assert_page_matches_engine,
    random_ratings,
    save_answers_file,
    share_link,
    stored,
    wait_results,
    warm_page,
)
from quiz_support import click_settled

from generator.engine.scope import assessed_export

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REAL = "analis-sdm-aparatur-ahli-muda-contoh"  # an example position of standards/positions/
TECHNICAL = {
    "perencanaan-kebutuhan-pegawai": 3,
    "pengelolaan-kinerja-pegawai": 3,
    "pengembangan-kompetensi-pegawai": 3,
    "pengelolaan-data-kepegawaian": 2,
}


@pytest.fixture(scope="module")
def position_site(quiz_site: Path) -> Path:
    """The real site: its example positions list the example technical competencies."""
    return quiz_site


@pytest.fixture(scope="module")
def position_export(full_site_export: dict[str, Any]) -> dict[str, Any]:
    return full_site_export


def _visible_technical(page: Any) -> list[str]:
    shown: list[str] = page.eval_on_selector_all(
        "[data-kq-competency][data-kq-technical]:not([hidden])",
        "els => els.map(e => e.dataset.kqCompetency)",
    )
    return shown


def _open_for_position(page: Any, origin: str) -> None:
    """The quiz opened by its link for the example position, the form bound to it."""
    page.goto(origin + f"/asesmen/?jabatan={REAL}")
    page.wait_for_selector("[data-kq-root][data-kq-bound]")
    page.wait_for_function(f"document.querySelector('#kq-position').value === '{REAL}'")


def _progress(page: Any) -> str:
    return str(page.inner_text("#kq-progress-text"))


def test_a_real_position_asks_its_technical_competencies_and_plans_for_them(
    warm: WarmProfile, browser: Any, position_site: Path, position_export: dict[str, Any]
) -> None:
    scope = assessed_export(position_export, REAL)
    ratings = random_ratings(scope, seed=17)
    technical_ids = [i for i in ratings if i.split(".")[0] in TECHNICAL]
    viewport = {"width": 320, "height": 640}
    with warm_page(warm, viewport) as (page, log):
        _open_for_position(page, warm.url)
        assert _visible_technical(page) == list(TECHNICAL)
        assert _progress(page) == "0 dari 195 pernyataan dijawab"
        assert page.inner_text("#kq-position-technical").startswith(
            "Jabatan ini menambahkan 4 kompetensi teknis ke langkah 2: "
        )
        # The statements and their examples are on the page, in their section.
        first = "pengelolaan-data-kepegawaian.1.1"
        assert page.is_visible(f"[id='kq-i-{first}'] legend")
        assert page.text_content(f"[id='kq-x-{first}']").startswith("Contoh: Saat membuka profil")
        assert violations(page, "#kq") == [], "technical statements shown"

        answer_by_clicking(page, ratings)
        click_settled(page, "#kq-submit")
        wait_results(page)
        result = assert_page_matches_engine(page, position_export, ratings, position=REAL)
        shown = [c["id"] for c in result["competencies"]]
        managerial = [c["id"] for c in scope["competencies"] if c["group"] != "teknis"]
        assert shown == [*managerial, *TECHNICAL] and len(managerial) == 9
        assert [c["target"] for c in result["competencies"][9:]] == list(TECHNICAL.values())
        names = page.text_content("#kq-result-list")
        assert "Pengelolaan Data dan Informasi Kepegawaian" in names
        assert result["plan"]["items"], "a plan of whole activities"
        assert violations(page, "#kq") == [], "results of a real position"

        # Kept with the answers: the position and its technical ratings.
        version = position_export["framework"]["version"]
        kept = stored(page, version)
        assert kept["position"] == REAL
        assert {i: kept["ratings"][i] for i in technical_ids} == {
            i: ratings[i] for i in technical_ids
        }
        assert log.off_origin(warm.url) == []


def test_a_template_keeps_the_nine_and_the_keyboard_switches_positions(
    warm: WarmProfile, browser: Any, position_site: Path
) -> None:
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/")
        page.wait_for_selector("[data-kq-root][data-kq-bound]")
        assert _visible_technical(page) == []
        assert _progress(page) == "0 dari 135 pernyataan dijawab"
        groups = page.eval_on_selector_all("#kq-position optgroup", "els => els.map(e => e.label)")
        assert groups[-1] == "SKJ jabatan: Jabatan Fungsional"
        assert all(label.startswith("Kategori umum: ") for label in groups[:-1])
        option = page.eval_on_selector(
            f"#kq-position option[value='{REAL}']",
            "o => [o.parentElement.label, o.textContent]",
        )
        assert option == [
            "SKJ jabatan: Jabatan Fungsional",
            "Analis Sumber Daya Manusia Aparatur Ahli Muda (contoh ilustratif)",
        ]
        page.focus("#kq-position")
        for _ in range(40):
            if page.input_value("#kq-position") == REAL:
                break
            page.keyboard.press("ArrowDown")
        assert page.input_value("#kq-position") == REAL
        page.wait_for_function(
            "document.querySelectorAll('section[data-kq-technical]:not([hidden])').length === 4"
        )
        assert _progress(page) == "0 dari 195 pernyataan dijawab"
        assert page.evaluate("document.activeElement.id") == "kq-position"
        page.select_option("#kq-position", "administrator")
        assert _visible_technical(page) == []
        assert _progress(page) == "0 dari 135 pernyataan dijawab"
        # The index lists the technical competencies only while they are asked.
        hidden = page.eval_on_selector_all(
            "[data-kq-technical-item]", "els => els.map(e => e.hidden)"
        )
        assert hidden == [True] * 4


def test_an_unknown_position_in_the_link_says_so_and_leaves_the_choice(
    warm: WarmProfile, browser: Any, position_site: Path
) -> None:
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/?jabatan=tidak-ada")
        page.wait_for_selector("#kq-position-message:not([hidden])")
        assert page.inner_text("#kq-position-message") == (
            "Jabatan dengan kode “tidak-ada” dari tautan tidak ditemukan di situs ini. "
            "Pilih jabatan Anda dari daftar di atas."
        )
        # Announced politely by screen readers; the selector keeps the reader's choice.
        assert page.get_attribute("#kq-position-message", "role") == "status"
        assert page.input_value("#kq-position") == ""
        assert _visible_technical(page) == []
        assert violations(page, "#kq") == [], "unknown position message"


def test_the_position_travels_with_a_share_link_and_an_answers_file(
    warm: WarmProfile,
    browser: Any,
    position_site: Path,
    position_export: dict[str, Any],
    tmp_path: Path,
) -> None:
    scope = assessed_export(position_export, REAL)
    ratings = random_ratings(scope, seed=5)
    with warm_page(warm) as (page, _log):
        _open_for_position(page, warm.url)
        answer_by_clicking(page, ratings)
        click_settled(page, "#kq-submit")
        wait_results(page)
        link = share_link(page)
        answers_file = tmp_path / "jawaban.json"
        document = save_answers_file(page, answers_file)
        assert document["position"] == REAL
        assert document["result"]["competencies"][-1]["id"] == "pengelolaan-data-kepegawaian"

        # A fresh browser opens the link: the same position, the same technical answers.
        fresh = browser.new_context(service_workers="block")
        try:
            other = fresh.new_page()
            other.goto(link.replace(f"?jabatan={REAL}", ""))
            wait_results(other)
            assert other.input_value("#kq-position") == REAL
            assert_page_matches_engine(other, position_export, ratings, position=REAL)
            # And a third one imports the file.
            third = fresh.new_page()
            third.goto(warm.url + "/asesmen/")
            third.wait_for_selector("[data-kq-root][data-kq-bound]")
            third.evaluate("localStorage.clear()")
            third.set_input_files("#kq-import-file", str(answers_file))
            wait_results(third)
            assert third.input_value("#kq-position") == REAL
            assert len(_visible_technical(third)) == 4
            assert_page_matches_engine(third, position_export, ratings, position=REAL)
        finally:
            fresh.close()


def test_a_switch_to_a_template_drops_marks_on_competencies_it_does_not_ask(
    warm: WarmProfile, browser: Any, position_site: Path, position_export: dict[str, Any]
) -> None:
    scope = assessed_export(position_export, REAL)
    ratings = random_ratings(scope, seed=23)
    ratings.update({i: 1 for i in ratings if i.split(".")[0] in TECHNICAL})  # technical gaps
    managerial = {i: r for i, r in ratings.items() if i.split(".")[0] not in TECHNICAL}
    marked = "pengelolaan-data-kepegawaian"
    with warm_page(warm) as (page, log):
        _open_for_position(page, warm.url)
        answer_by_clicking(page, ratings)
        click_settled(page, "#kq-submit")
        wait_results(page)
        click_settled(page, f"#kq-prio-{marked}")
        page.wait_for_function(
            "() => (document.querySelector('#kq-plan-note').textContent || '')"
            ".includes('prioritas yang Anda tandai')"
        )
        version = position_export["framework"]["version"]
        assert stored(page, version)["priorities"] == [marked]

        # The template does not ask the technical competency: its mark goes, the engine answers.
        page.select_option("#kq-position", "administrator")
        click_settled(page, "#kq-submit")
        page.wait_for_function(
            "() => document.querySelectorAll('#kq-result-list [data-competency]').length === 9"
        )
        assert page.is_hidden("#kq-engine-error") and page.is_hidden("#kq-errors")
        assert_page_matches_engine(page, position_export, managerial, position="administrator")
        assert stored(page, version)["priorities"] == []
        assert log.off_origin(warm.url) == []
