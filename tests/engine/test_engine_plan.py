"""The plan on examples: focus, whole activities, the split reached, agency proposals, later."""

from __future__ import annotations

from typing import Any

import pytest
from engine_testdata import up_to

from generator.engine import InputError, assess
from generator.engine.selection import Candidate, best_sums, choose, split_distance


def _items(plan: dict[str, Any]) -> list[tuple[str, int, str, str, int]]:
    return [
        (item["activity_id"], item["level"], item["category"], item["form"], item["jp"])
        for item in plan["items"]
    ]


def _catalogue(dictionary: dict[str, Any]) -> dict[str, int]:
    return {a["id"]: a["jp"] for a in dictionary["learning"]["activities"]}


def test_split_distance() -> None:
    assert split_distance((14, 4, 2), (70, 20, 10)) == 0
    assert split_distance((16, 4, 0), (70, 20, 10)) == 200 + 0 + 200
    assert split_distance((0, 0, 0), (70, 20, 10)) == 0


def test_best_sums_fill_first_then_split() -> None:
    # 70: 8, 6; 20: 4, 3; 10: 8, 2. Budget 20: total 20 is reachable in several ways; the
    # nearest to 14:4:2 is 14 (8 + 6) : 4 : 2.
    candidates = [
        Candidate(0, 0, 8),
        Candidate(0, 0, 6),
        Candidate(0, 1, 4),
        Candidate(0, 1, 3),
        Candidate(0, 2, 8),
        Candidate(0, 2, 2),
    ]
    assert best_sums(candidates, (70, 20, 10), 20) == [(14, 4, 2)]
    assert choose(candidates, 1, (70, 20, 10), 20) == (0, 1, 2, 5)


def test_choose_covers_more_focus_competencies_on_a_tie() -> None:
    # Two ways to 8 : 0 : 0 in category 70; the one that gives both groups an activity wins.
    candidates = [Candidate(0, 0, 4), Candidate(0, 0, 4), Candidate(1, 0, 4)]
    assert choose(candidates, 2, (70, 20, 10), 8) == (0, 2)


def test_choose_prefers_fewer_activities_then_the_first_group() -> None:
    candidates = [Candidate(0, 0, 3), Candidate(0, 0, 3), Candidate(0, 0, 6), Candidate(1, 0, 6)]
    # 12 = 6 + 6 (two activities, both groups) beats 3 + 3 + 6 (three).
    assert choose(candidates, 2, (70, 20, 10), 12) == (2, 3)


def test_choose_refuses_unordered_candidates() -> None:
    with pytest.raises(ValueError, match="ordered by group"):
        choose([Candidate(1, 0, 1), Candidate(0, 0, 1)], 2, (70, 20, 10), 5)


def test_gap_mode_focus_and_whole_activities(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 2)
    ratings.update({key: 1 for key in ratings if key.startswith("kerjasama.")})
    plan = assess(dictionary, ratings, position="administrator")["plan"]
    assert plan["mode"] == "gap"
    # kerjasama: 0 -> target 3 (gap 3) first; integritas: 2 -> 3 (gap 1).
    assert plan["focus"] == ["kerjasama", "integritas"]
    assert plan["budget_jp"] == 20
    assert plan["total_jp"] == 20 == sum(item["jp"] for item in plan["items"])
    catalogue = _catalogue(dictionary)
    assert all(item["jp"] == catalogue[item["activity_id"]] for item in plan["items"])
    assert plan["split"] == "14 : 4 : 2 JP"
    assert plan["categories"] == [
        {"id": "70", "jp": 14},
        {"id": "20", "jp": 4},
        {"id": "10", "jp": 2},
    ]
    assert {item["competency"] for item in plan["items"]} == {"kerjasama", "integritas"}
    assert plan["later"] == []
    assert plan["note"] == (
        "Rencana ini berfokus pada 2 kompetensi yang masih di bawah target, dimulai dari "
        "kesenjangan terbesar: Kerja Sama (3 level) dan Integritas (1 level). Setiap kompetensi "
        "diarahkan ke satu level di atas level perkiraannya. Aktivitas dipilih utuh dari katalog "
        "dengan JP sesuai katalog, tidak pernah sebagian: pilihan ini mengisi alokasi 20 JP "
        "sedekat mungkin tanpa melampauinya (20 JP), lalu sedekat mungkin dengan pembagian "
        "70:20:10 (tercapai 14 : 4 : 2 JP), dengan sebanyak mungkin kompetensi fokus mendapat "
        "aktivitas."
    )


def test_focus_one_names_the_other_gap_as_later(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 2)
    ratings.update({key: 1 for key in ratings if key.startswith("kerjasama.")})
    plan = assess(dictionary, ratings, position="administrator", focus=1)["plan"]
    assert plan["focus"] == ["kerjasama"]
    assert {item["competency"] for item in plan["items"]} == {"kerjasama"}
    assert plan["later"] == [
        {
            "competency": "integritas",
            "gap": 1,
            "reason": (
                "Kesenjangan Integritas (1 level) ditunda ke rencana berikutnya karena rencana ini "
                "dibatasi pada 1 kompetensi dengan kesenjangan terbesar."
            ),
        }
    ]


def test_equal_gaps_follow_the_dictionary_or_the_priorities(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 2)
    plain = assess(dictionary, ratings, position="administrator", focus=1)["plan"]
    assert plain["focus"] == ["integritas"]
    assert plain["later"][0]["reason"] == (
        "Kesenjangan Kerja Sama (1 level) ditunda ke rencana berikutnya karena rencana ini "
        "dibatasi pada 1 kompetensi dengan kesenjangan terbesar, dan kesenjangan yang sama besar "
        "didahulukan menurut urutan kamus kompetensi."
    )
    marked = assess(
        dictionary, ratings, position="administrator", focus=1, priorities=["kerjasama"]
    )["plan"]
    assert marked["focus"] == ["kerjasama"]
    assert marked["later"][0]["reason"].endswith("didahulukan menurut prioritas yang Anda tandai.")


def test_agency_activities_are_proposed_apart(dictionary: dict[str, Any]) -> None:
    for activity in dictionary["learning"]["activities"]:
        if activity["form"] == "magang":
            activity["arranged_by_agency"] = True
    ratings = up_to(dictionary, 2)
    plan = assess(dictionary, ratings, position="administrator")["plan"]
    assert all(item["form"] != "magang" for item in plan["items"])
    assert [(item["activity_id"], item["form"]) for item in plan["agency"]] == [
        ("integritas-magang-3", "magang"),
        ("kerjasama-magang-3", "magang"),
    ]
    assert plan["note"].endswith(
        "Aktivitas yang hanya dapat diatur instansi tidak dihitung dalam alokasi; aktivitas itu "
        "dicantumkan terpisah untuk diusulkan kepada atasan."
    )
    assert plan["total_jp"] <= 20


def test_a_focus_competency_without_a_fitting_activity_is_named(
    dictionary: dict[str, Any],
) -> None:
    ratings = up_to(dictionary, 2)
    plan = assess(dictionary, ratings, position="administrator", total_jp=2)["plan"]
    assert plan["total_jp"] == 2
    assert plan["later"] == [
        {
            "competency": "kerjasama",
            "gap": 1,
            "reason": (
                "Kerja Sama belum mendapat aktivitas karena tidak ada aktivitas katalog level 3 "
                "yang muat bersama aktivitas lain dalam alokasi 2 JP; tambah alokasi atau kurangi "
                "jumlah fokus."
            ),
        }
    ]


def test_an_empty_catalogue_cell_asks_for_an_activity_with_the_superior(
    dictionary: dict[str, Any],
) -> None:
    dictionary["learning"]["activities"] = [
        activity
        for activity in dictionary["learning"]["activities"]
        if (activity["competency"], activity["level"]) != ("kerjasama", 3)
    ]
    plan = assess(dictionary, up_to(dictionary, 2), position="administrator")["plan"]
    assert plan["later"][0]["reason"] == (
        "Kerja Sama belum mendapat aktivitas karena katalog belum memuat aktivitas level 3 yang "
        "dapat dijalankan sendiri; rancang kegiatan yang sesuai bersama atasan."
    )


def test_growth_and_maintain_modes(dictionary: dict[str, Any]) -> None:
    growth = assess(dictionary, up_to(dictionary, 1), position="pelaksana")["plan"]
    assert growth["mode"] == "growth"
    assert growth["focus"] == ["integritas", "kerjasama", "perekat-bangsa"]
    assert {item["level"] for item in growth["items"]} == {2}
    assert growth["note"].startswith(
        "Tidak ada kesenjangan terhadap target, sehingga rencana ini diarahkan untuk "
        "pengembangan karier pada 3 kompetensi yang belum mencapai level 5 (Integritas, "
        "Kerja Sama, dan Perekat Bangsa), masing-masing menuju satu level di atas level "
        "perkiraannya."
    )
    top = assess(dictionary, up_to(dictionary, 5), position="jpt-madya")["plan"]
    assert top["mode"] == "maintain"
    assert {item["level"] for item in top["items"]} == {5}
    untargeted = assess(dictionary, {})["plan"]
    assert untargeted["note"].startswith("Belum ada target level yang ditetapkan, sehingga")


def test_an_edited_plan_is_checked_and_retotalled(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 2)
    edited = {"items": [{"activity_id": "kerjasama-penugasan-3", "jp": 6}]}
    plan = assess(dictionary, ratings, position="administrator", plan=edited)["plan"]
    assert plan["edited"] is True
    assert [item["activity_id"] for item in plan["items"]] == ["kerjasama-penugasan-3"]
    assert (plan["total_jp"], plan["split"]) == (6, "6 : 0 : 0 JP")
    assert plan["note"].endswith(
        "Rencana ini telah Anda ubah: 1 aktivitas utuh dari katalog berjumlah 6 dari alokasi "
        "20 JP, dengan pembagian 6 : 0 : 0 JP."
    )
    activities = dictionary["learning"]["activities"][:6]
    over = {"items": [{"activity_id": a["id"], "jp": a["jp"]} for a in activities]}
    plan = assess(dictionary, ratings, position="administrator", total_jp=10, plan=over)["plan"]
    assert plan["total_jp"] == sum(a["jp"] for a in activities) == 21
    assert plan["note"].endswith("Jumlah ini melampaui alokasi sebesar 11 JP.")


def test_an_edited_plan_reports_every_problem(dictionary: dict[str, Any]) -> None:
    dictionary["learning"]["activities"][0]["arranged_by_agency"] = True
    edited = {
        "items": [
            {"activity_id": "kerjasama-penugasan-3", "jp": 5},
            {"activity_id": "kerjasama-penugasan-33", "jp": 6},
            {"activity_id": "kerjasama-penugasan-3", "jp": 6},
            {"activity_id": "integritas-penugasan-1", "jp": 6},
            "x",
            {"jp": 2},
        ]
    }
    with pytest.raises(InputError) as caught:
        assess(dictionary, {}, plan=edited)
    assert str(caught.value).splitlines() == [
        "plan.items[0].jp: expected 6 (the catalogue's JP of 'kerjasama-penugasan-3'), got 5 "
        "Hint: a plan takes whole activities with the JP the catalogue lists",
        "plan.items[1].activity_id: unknown activity id 'kerjasama-penugasan-33' "
        "Hint: did you mean 'kerjasama-penugasan-3'?",
        "plan.items[2].activity_id: activity 'kerjasama-penugasan-3' is already in "
        "plan.items[0] Hint: a plan takes each activity once",
        "plan.items[3].activity_id: activity 'integritas-penugasan-1' is arranged by the agency "
        "Hint: propose it to your superior; it is not part of the JP allowance",
        'plan.items[4]: expected an object like {"activity_id": "...", "jp": 8}, got "x"',
        "plan.items[5].activity_id: expected an activity id, got null "
        "Hint: every item names a catalogue activity by its id",
    ]


@pytest.mark.parametrize(
    ("plan", "line"),
    [
        ([], "plan: expected an object with items, got a list"),
        (
            {"items": 3},
            'plan.items: expected a list, got 3 Hint: a plan looks like {"items": '
            '[{"activity_id": "...", "jp": 8}]}',
        ),
    ],
)
def test_an_edited_plan_of_the_wrong_shape(
    dictionary: dict[str, Any], plan: object, line: str
) -> None:
    with pytest.raises(InputError) as caught:
        assess(dictionary, {}, plan=plan)  # type: ignore[arg-type]
    assert str(caught.value) == line


@pytest.mark.parametrize(
    ("kwargs", "line"),
    [
        (
            {"focus": 0},
            "focus: expected an integer from 1 to 9, got 0 Hint: the default is 3 competencies "
            "a year",
        ),
        (
            {"priorities": ["kerjasam"]},
            "priorities[0]: unknown competency id \"kerjasam\" Hint: did you mean 'kerjasama'?",
        ),
        (
            {"priorities": ["kerjasama", "kerjasama"]},
            "priorities[1]: 'kerjasama' is listed twice Hint: list each once",
        ),
        (
            {"priorities": "kerjasama"},
            'priorities: expected a list of competency ids, got "kerjasama"',
        ),
    ],
)
def test_focus_and_priorities_are_checked(
    dictionary: dict[str, Any], kwargs: dict[str, Any], line: str
) -> None:
    with pytest.raises(InputError) as caught:
        assess(dictionary, {}, **kwargs)
    assert str(caught.value) == line


def test_the_plan_document_schedules_the_year_by_jp() -> None:
    from generator.engine.plan_document import identity_rows, scheduled

    items = [
        {"category": "70", "form": "penugasan", "jp": 8},
        {"category": "20", "form": "mentoring", "jp": 4},
        {"category": "70", "form": "magang", "jp": 6},
        {"category": "10", "form": "e-learning", "jp": 2},
    ]
    rows = scheduled(["70", "20", "10"], {"mentoring": "Catatan pertemuan"}, items)
    # Formal first, then from others, then work: each quarter holds about a quarter of the JP.
    assert [(row["form"], row["quarter"]) for row in rows] == [
        ("e-learning", "Triwulan I"),
        ("mentoring", "Triwulan I"),
        ("penugasan", "Triwulan II"),
        ("magang", "Triwulan III"),
    ]
    assert rows[1]["evidence"] == "Catatan pertemuan"
    assert rows[0]["evidence"] == "Laporan singkat yang diketahui atasan"
    assert identity_rows({"name": " Ayu ", "nip": ""})[:2] == [("Nama", "Ayu"), ("NIP", "…")]
