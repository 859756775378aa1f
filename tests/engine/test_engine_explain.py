"""Explanations: exact Indonesian sentences, naming the indicators that decided the level."""

from __future__ import annotations

from typing import Any

import pytest
from engine_testdata import up_to

from generator.browser import report as quiz_report
from generator.engine import assess, report
from generator.engine.explain import join_id, level_label, level_span


def _explanation(dictionary: dict[str, Any], ratings: dict[str, int], competency: str) -> str:
    result = assess(dictionary, ratings)
    return next(c for c in result["competencies"] if c["id"] == competency)["explanation"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [([], ""), (["a"], "a"), (["a", "b"], "a dan b"), (["a", "b", "c"], "a, b, dan c")],
)
def test_join_id(words: list[str], expected: str) -> None:
    assert join_id(words) == expected


def test_level_span() -> None:
    assert (level_span(1, 1), level_span(1, 3)) == ("1", "1–3")


def test_one_level_label_for_the_engine_the_report_and_the_quiz() -> None:
    names = {1: "Paham", 2: "Dasar"}
    assert [level_label(level, names) for level in (2, 5, 0, None)] == [
        "2 (Dasar)",
        "5",
        "0 (belum mencapai level 1)",
        "—",
    ]
    assert level_label(None, names, none="–") == "–"
    assert quiz_report.level_label is level_label
    assert report.level_label is level_label


def test_stopped_by_one_indicator(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 3, low=1)
    ratings["integritas.3.2"] = 2
    assert _explanation(dictionary, ratings, "integritas") == (
        "Level 2 (Dasar) tercapai: semua indikator level 1–2 dinilai minimal Sering. "
        "Level 3 belum tercapai karena indikator integritas.3.2 dinilai Kadang-kadang: "
        "2 dari 3 indikator level 3 terpenuhi; aturan: semua indikator minimal Sering. "
        "Hasil ini bergantung pada satu jawaban: jika indikator integritas.3.2 dinilai Sering, "
        "level 3 tercapai."
    )


def test_level_one_only(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 1, low=2)
    assert _explanation(dictionary, ratings, "perekat-bangsa") == (
        "Level 1 (Paham) tercapai: semua indikator level 1 dinilai minimal Sering. "
        "Level 2 belum tercapai karena indikator perekat-bangsa.2.1 dan perekat-bangsa.2.2 "
        "dinilai Kadang-kadang: 0 dari 2 indikator level 2 terpenuhi; aturan: semua indikator "
        "minimal Sering."
    )


def test_level_zero_grouped_by_rating_and_incomplete(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 5)
    ratings["integritas.1.1"] = 1
    ratings["integritas.1.2"] = 2
    del ratings["integritas.1.3"]
    assert _explanation(dictionary, ratings, "integritas") == (
        "Belum mencapai level 1 (Paham) karena indikator integritas.1.1 dinilai Belum pernah, "
        "integritas.1.2 dinilai Kadang-kadang, serta integritas.1.3 belum dijawab: 0 dari 3 "
        "indikator level 1 terpenuhi; aturan: semua indikator minimal Sering. "
        "Penilaian belum lengkap: 1 dari 15 indikator belum dijawab."
    )


def test_nothing_answered(dictionary: dict[str, Any]) -> None:
    assert _explanation(dictionary, {}, "kerjasama") == (
        "Belum mencapai level 1 (Paham) karena indikator kerjasama.1.1, kerjasama.1.2, dan "
        "kerjasama.1.3 belum dijawab: 0 dari 3 indikator level 1 terpenuhi; aturan: semua "
        "indikator minimal Sering. Penilaian belum lengkap: 15 dari 15 indikator belum dijawab."
    )


def test_top_level(dictionary: dict[str, Any]) -> None:
    assert _explanation(dictionary, up_to(dictionary, 5, high=4), "integritas") == (
        "Level 5 (Ahli) tercapai: semua indikator level 1–5 dinilai minimal Sering."
    )
    # At exactly the threshold, every answer is one step from losing its level.
    assert _explanation(dictionary, up_to(dictionary, 5, high=3), "kerjasama").endswith(
        "Hasil ini bergantung pada satu jawaban: jika indikator kerjasama.1.1 dinilai "
        "Kadang-kadang, level Anda menjadi 0; jika indikator kerjasama.1.2 dinilai Kadang-kadang, "
        "level Anda menjadi 0; jika indikator kerjasama.1.3 dinilai Kadang-kadang, level Anda "
        "menjadi 0; hal serupa berlaku untuk 12 jawaban lain."
    )


def test_names_follow_the_data(dictionary: dict[str, Any]) -> None:
    dictionary["framework"]["levels"][1]["name"] = "Tingkat Dua"
    dictionary["assessment"]["scale"]["labels"][2]["label"] = "Sering sekali"
    assert _explanation(dictionary, up_to(dictionary, 2), "integritas").startswith(
        "Level 2 (Tingkat Dua) tercapai: semua indikator level 1–2 dinilai minimal Sering sekali."
    )


def test_decided_by_names_what_the_explanation_names(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 3, low=2)
    result = assess(dictionary, ratings)
    for competency in result["competencies"]:
        for indicator in competency["decided_by"]:
            assert indicator in competency["explanation"]
