"""The 70:20:10 plan on examples: the arithmetic, the three modes, the catalogue edge cases."""

from __future__ import annotations

from typing import Any

import pytest
from engine_testdata import up_to

from generator.engine import assess
from generator.engine.plan import largest_remainder, spread_over_activities


def _items(plan: dict[str, Any]) -> list[tuple[str, int, str, str | None, int]]:
    return [
        (item["competency"], item["level"], item["category"], item["form"], item["jp"])
        for item in plan["items"]
    ]


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (20, [70, 20, 10], [14, 4, 2]),
        (16, [70, 20, 10], [11, 3, 2]),  # the worked example on content/metode-penilaian.md
        (1, [70, 20, 10], [1, 0, 0]),
        (1000, [70, 20, 10], [700, 200, 100]),
        (14, [1, 3], [4, 10]),  # remainders tie: the earlier one gets the JP
        (2, [1, 1, 1], [1, 1, 0]),
        (5, [0, 2, 0], [0, 5, 0]),
        (0, [3, 1], [0, 0]),
    ],
)
def test_largest_remainder(total: int, weights: list[int], expected: list[int]) -> None:
    assert largest_remainder(total, weights) == expected


@pytest.mark.parametrize(("total", "weights"), [(5, []), (5, [0, 0]), (-1, [1]), (5, [2, -1])])
def test_largest_remainder_refuses_nonsense(total: int, weights: list[int]) -> None:
    with pytest.raises(ValueError, match="largest_remainder needs"):
        largest_remainder(total, weights)


@pytest.mark.parametrize(
    ("budget", "indicative", "expected"),
    [
        (3, [6, 4], [3, 0]),  # the first activity first, up to its indicative JP
        (8, [6, 4], [6, 2]),
        (10, [6, 4], [6, 4]),
        (70, [6, 4], [42, 28]),  # beyond the indicative JP: spread in proportion
        (11, [6, 4, 2], [6, 4, 1]),
        (13, [6, 4], [8, 5]),  # 3 extra: 1.8 and 1.2 -> 1 + 1, the larger remainder (0.8) +1
    ],
)
def test_spread_over_activities(budget: int, indicative: list[int], expected: list[int]) -> None:
    assert spread_over_activities(budget, indicative) == expected


def test_gap_mode_weights_by_gap(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 2)
    ratings.update({key: 1 for key in ratings if key.startswith("kerjasama.")})
    plan = assess(dictionary, ratings, position="administrator")["plan"]
    assert plan["mode"] == "gap"
    assert plan["categories"] == [
        {"id": "70", "jp": 14},
        {"id": "20", "jp": 4},
        {"id": "10", "jp": 2},
    ]
    # integritas: 2 -> target 3 (gap 1); kerjasama: 0 -> 3 (gap 3); perekat-bangsa: no target.
    assert _items(plan) == [
        ("integritas", 3, "70", "penugasan", 4),
        ("integritas", 3, "20", "coaching", 1),
        ("integritas", 3, "10", "pelatihan-klasikal", 1),
        # Forms already in the plan come last, so kerjasama leads with magang and mentoring.
        ("kerjasama", 1, "70", "magang", 4),
        ("kerjasama", 1, "70", "penugasan", 6),
        ("kerjasama", 1, "20", "mentoring", 2),
        ("kerjasama", 1, "20", "coaching", 1),
        ("kerjasama", 1, "10", "e-learning", 1),
    ]
    assert plan["note"] == (
        "Rencana ini menutup kesenjangan: total 20 JP dibagi 70:20:10 menjadi 14, 4, dan 2 JP, "
        "lalu setiap bagian dibagi ke 2 kompetensi yang masih di bawah target, sebanding dengan "
        "besar kesenjangannya. Aktivitas diarahkan ke satu level di atas level perkiraan."
    )
    first = plan["items"][0]
    assert first["form_name"] == "Perluasan dan Pengayaan Tugas"
    assert first["activity"] == "Aktivitas uji penugasan untuk integritas level 3."


def test_growth_mode_when_every_target_is_met(dictionary: dict[str, Any]) -> None:
    plan = assess(dictionary, up_to(dictionary, 1), position="pelaksana")["plan"]
    assert plan["mode"] == "growth"
    assert _items(plan) == [
        ("integritas", 2, "70", "penugasan", 5),
        ("integritas", 2, "20", "coaching", 2),
        ("integritas", 2, "10", "pelatihan-klasikal", 1),
        ("kerjasama", 2, "70", "magang", 4),
        ("kerjasama", 2, "70", "penugasan", 1),
        ("kerjasama", 2, "20", "mentoring", 1),
        ("kerjasama", 2, "10", "e-learning", 1),
        ("perekat-bangsa", 2, "70", "magang", 4),
        ("perekat-bangsa", 2, "20", "coaching", 1),
    ]
    assert plan["note"] == (
        "Tidak ada kesenjangan terhadap target, sehingga rencana ini diarahkan untuk "
        "pengembangan karier: total 20 JP dibagi 70:20:10 menjadi 14, 4, dan 2 JP, lalu setiap "
        "bagian dibagi rata ke 3 kompetensi yang belum mencapai level 5, masing-masing menuju "
        "satu level di atas level perkiraannya."
    )


def test_growth_skips_competencies_at_the_top(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 5)
    ratings["kerjasama.4.1"] = 2
    plan = assess(dictionary, ratings, position="pelaksana", total_jp=10)["plan"]
    assert plan["mode"] == "growth"
    assert {(item["competency"], item["level"]) for item in plan["items"]} == {("kerjasama", 4)}
    assert sum(item["jp"] for item in plan["items"]) == 10


def test_growth_without_any_target_says_so(dictionary: dict[str, Any]) -> None:
    plan = assess(dictionary, {})["plan"]
    assert plan["mode"] == "growth"
    assert plan["note"].startswith(
        "Belum ada target level yang ditetapkan, sehingga rencana ini diarahkan untuk "
        "pengembangan karier: "
    )
    assert {item["level"] for item in plan["items"]} == {1}


def test_maintain_mode_when_everything_is_at_the_top(dictionary: dict[str, Any]) -> None:
    plan = assess(dictionary, up_to(dictionary, 5), position="jpt-madya")["plan"]
    assert plan["mode"] == "maintain"
    assert {item["level"] for item in plan["items"]} == {5}
    assert sum(item["jp"] for item in plan["items"]) == 20
    assert plan["note"] == (
        "Semua kompetensi sudah mencapai level 5, sehingga rencana ini menjaga dan menularkan "
        "kompetensi: total 20 JP dibagi 70:20:10 menjadi 14, 4, dan 2 JP, lalu setiap bagian "
        "dibagi rata ke 3 kompetensi dengan aktivitas level 5."
    )


def test_one_jp_gives_one_item(dictionary: dict[str, Any]) -> None:
    plan = assess(dictionary, {}, position="pelaksana", total_jp=1)["plan"]
    assert plan["categories"] == [
        {"id": "70", "jp": 1},
        {"id": "20", "jp": 0},
        {"id": "10", "jp": 0},
    ]
    assert _items(plan) == [("integritas", 1, "70", "penugasan", 1)]


def test_a_large_total_goes_beyond_the_indicative_jp(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 3)
    ratings["kerjasama.3.1"] = 1
    plan = assess(dictionary, ratings, position="administrator", total_jp=100)["plan"]
    assert _items(plan) == [
        ("kerjasama", 3, "70", "penugasan", 42),
        ("kerjasama", 3, "70", "magang", 28),
        ("kerjasama", 3, "20", "coaching", 12),
        ("kerjasama", 3, "20", "mentoring", 8),
        ("kerjasama", 3, "10", "pelatihan-klasikal", 7),
        ("kerjasama", 3, "10", "e-learning", 3),
    ]


def test_an_empty_catalogue_cell_still_adds_up(dictionary: dict[str, Any]) -> None:
    dictionary["learning"]["activities"] = [
        activity
        for activity in dictionary["learning"]["activities"]
        if (activity["competency"], activity["level"], activity["category"])
        != ("kerjasama", 1, "20")
    ]
    ratings = up_to(dictionary, 1)
    ratings.update({key: 1 for key in ratings if key.startswith("kerjasama.")})
    plan = assess(dictionary, ratings, position="administrator")["plan"]
    placeholder = [item for item in plan["items"] if item["form"] is None]
    assert placeholder == [
        {
            "competency": "kerjasama",
            "level": 1,
            "category": "20",
            "form": None,
            "form_name": None,
            "activity": (
                "Katalog belum memuat aktivitas kategori 20 untuk level 1; rancang kegiatan yang "
                "sesuai bersama atasan."
            ),
            "jp": 2,
        }
    ]
    assert sum(item["jp"] for item in plan["items"]) == 20
