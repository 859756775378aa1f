"""The adaptive questionnaire in Chromium: levels that can no longer change the estimate are
hidden and left out of the count, focus stays put, the change is announced once, a button shows
them anyway, and the shortened form's result is the full form's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from e2e_quiz import (
    WarmProfile,
    answer_by_clicking,
    asked_ratings,
    random_ratings,
    shown_results,
    submit_and_compare,
    wait_engine,
    warm_page,
)

from generator.engine import assess

COMPETENCY = "integritas"


def _hidden_levels(page: Any, competency: str) -> list[int]:
    levels: list[int] = page.eval_on_selector_all(
        f'[data-kq-competency="{competency}"] [data-kq-indicator]',
        "nodes => [...new Set(nodes.filter((n) => n.hidden).map((n) => Number(n.dataset.kqLevel)))]",
    )
    return levels


def test_skipping_hides_counts_announces_and_comes_back(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    competency = next(c for c in site_export["competencies"] if c["id"] == COMPETENCY)
    first = [indicator["id"] for indicator in competency["levels"][0]["indicators"]]
    total = sum(
        len(level["indicators"]) for c in site_export["competencies"] for level in c["levels"]
    )
    upper = sum(len(level["indicators"]) for level in competency["levels"][1:])
    with warm_page(warm) as (page, _log):
        page.goto(warm.url + "/asesmen/")
        wait_engine(page)
        note = f'[data-kq-competency="{COMPETENCY}"] [data-kq-skip-note]'
        assert page.is_hidden(note)
        # Under the configured rule (majority of three), two misses at level 1 settle it.
        page.click(f'input[name="{first[0]}"][value="1"]')
        assert _hidden_levels(page, COMPETENCY) == []
        page.focus(f'input[name="{first[1]}"][value="1"]')
        page.keyboard.press("Space")
        assert _hidden_levels(page, COMPETENCY) == [2, 3, 4, 5]
        # Focus stays on the statement being answered.
        assert page.evaluate("document.activeElement.name") == first[1]
        assert page.is_visible(note)
        assert page.text_content(f"{note} .kq-skip-text") == (
            "Pernyataan level 2 sampai 5 tidak ditanyakan karena level 1 sudah pasti belum "
            "terpenuhi menurut jawaban Anda, sehingga jawaban level di atasnya tidak mengubah "
            "hasil. Pernyataan itu muncul kembali bila jawaban level 1 berubah."
        )
        assert page.text_content("#kq-progress-text") == (
            f"2 dari {total - upper} pernyataan dijawab"
        )
        assert page.text_content(f'[data-kq-count="{COMPETENCY}"]') == f"2/{len(first)}"
        assert page.text_content("#kq-skip-live") == (
            "Integritas: pernyataan level 2 sampai 5 dilewati karena level 1 sudah pasti belum "
            "terpenuhi."
        )
        assert page.get_attribute("#kq-skip-live", "aria-live") == "polite"
        # Answering the third statement announces nothing new.
        page.click(f'input[name="{first[2]}"][value="4"]')
        assert "dilewati" in (page.text_content("#kq-skip-live") or "")
        # Shown anyway on request, counted while shown; hidden again on a second press.
        toggle = f"{note} [data-kq-show-all]"
        assert page.text_content(toggle) == "Tampilkan juga pernyataan level 2 sampai 5"
        page.click(toggle)
        assert _hidden_levels(page, COMPETENCY) == []
        assert page.get_attribute(toggle, "aria-expanded") == "true"
        assert page.evaluate("document.activeElement.dataset.kqShowAll") == ""
        assert page.text_content("#kq-progress-text") == f"3 dari {total} pernyataan dijawab"
        page.click(toggle)
        assert _hidden_levels(page, COMPETENCY) == [2, 3, 4, 5]
        # Changing a rating back brings the levels back, announced once.
        page.click(f'input[name="{first[1]}"][value="3"]')
        assert _hidden_levels(page, COMPETENCY) == []
        assert page.is_hidden(note)
        assert page.text_content("#kq-progress-text") == f"3 dari {total} pernyataan dijawab"
        assert page.text_content("#kq-skip-live") == (
            "Integritas: semua pernyataan ditampilkan kembali."
        )


def test_the_shortened_form_gives_the_full_forms_result(
    warm: WarmProfile, browser: Any, quiz_site: Path, site_export: dict[str, Any]
) -> None:
    ratings = random_ratings(site_export, seed=16)
    asked = asked_ratings(site_export, ratings)
    assert len(asked) < len(ratings)
    position = site_export["positions"][0]["id"]
    full = assess(site_export, ratings, position=position)
    shown = []
    for answers in (ratings, asked):
        with warm_page(warm) as (page, _log):
            page.goto(warm.url + "/asesmen/")
            page.select_option("#kq-position", position)
            answer_by_clicking(page, answers)
            wait_engine(page)
            hidden = page.eval_on_selector_all(
                "[data-kq-indicator]", "nodes => nodes.filter((n) => n.hidden).length"
            )
            assert hidden == len(ratings) - len(asked)
            result = submit_and_compare(page, site_export, answers, position=position)
            assert {k: v for k, v in result.items() if k != "competencies"} == {
                k: v for k, v in full.items() if k != "competencies"
            }
            for cut, whole in zip(result["competencies"], full["competencies"], strict=True):
                assert cut["explanation"] == whole["explanation"]
                assert (cut["estimated"], cut["gap"], cut["decisive"]) == (
                    whole["estimated"],
                    whole["gap"],
                    whole["decisive"],
                )
            shown.append(shown_results(page))
    assert shown[0] == shown[1]
