"""A technical competency whose dictionary has three levels: targets above them are refused,
and the plan treats level 3 as that competency's top."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from engine_testdata import DICTIONARY, up_to

from generator.engine import InputError, assess


def _with_three_level_technical() -> dict[str, Any]:
    data = copy.deepcopy(DICTIONARY)
    source = next(c for c in data["competencies"] if c["id"] == "integritas")
    levels = []
    for level in source["levels"][:3]:
        number = level["level"]
        indicators = [
            {**ind, "id": f"arsip-digital.{number}.{i}"}
            for i, ind in enumerate(level["indicators"], start=1)
        ]
        levels.append({**level, "indicators": indicators})
    data["competencies"].append(
        {
            **source,
            "id": "arsip-digital",
            "name": "Pengelolaan Arsip Digital",
            "group": "teknis",
            "dictionary": "contoh",
            "levels": levels,
        }
    )
    for activity in [a for a in data["learning"]["activities"] if a["competency"] == "integritas"]:
        if activity["level"] <= 3:
            data["learning"]["activities"].append(
                {**activity, "id": "arsip-" + activity["id"], "competency": "arsip-digital"}
            )
    # A real position that lists the technical competency (open: the person's SKJ sets it), so
    # the assessment covers it (generator.engine.scope).
    data["positions"].append(
        {
            **data["positions"][0],
            "id": "arsiparis-contoh",
            "name": "Arsiparis Contoh",
            "template": False,
            "targets": {"arsip-digital": None},
        }
    )
    return data


REAL = "arsiparis-contoh"


@pytest.fixture(scope="module")
def short() -> dict[str, Any]:
    return _with_three_level_technical()


def test_a_target_above_the_competency_levels_is_refused(short: dict[str, Any]) -> None:
    with pytest.raises(InputError) as caught:
        assess(short, {}, position=REAL, targets={"arsip-digital": 4})
    assert str(caught.value) == (
        "targets.arsip-digital: expected a level from 1 to 3 or null, got 4 "
        "Hint: levels are 1 = Paham, 2 = Dasar, 3 = Menengah; null means no target"
    )
    own = {"arsip-digital": 3}
    assert assess(short, {}, position=REAL, targets=own)["competencies"][-1]["target"] == 3


def test_growth_stops_at_the_competency_top(short: dict[str, Any]) -> None:
    result = assess(short, up_to(short, 3), position=REAL, targets={"arsip-digital": 3})
    technical = next(c for c in result["competencies"] if c["id"] == "arsip-digital")
    assert technical["estimated"] == 3
    assert len(technical["levels"]) == 3
    plan = result["plan"]
    assert plan["mode"] == "growth"
    assert "arsip-digital" not in plan["focus"]
    assert {item["level"] for item in plan["items"]} == {4}
    assert "belum mencapai level tertingginya" in plan["note"]


def test_maintain_uses_each_competency_top(short: dict[str, Any]) -> None:
    plan = assess(short, up_to(short, 5), position=REAL)["plan"]
    assert plan["mode"] == "maintain"
    levels = {item["competency"]: item["level"] for item in plan["items"]}
    assert levels.get("arsip-digital") in (None, 3)
    assert {lv for cid, lv in levels.items() if cid != "arsip-digital"} == {5}
    assert plan["note"].startswith("Semua kompetensi sudah mencapai level tertingginya")
