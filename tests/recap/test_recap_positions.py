"""A recap of people in different positions: a real position's result file carries its technical
ratings and counts for its technical competencies; the others are not counted there."""

from __future__ import annotations

import copy
import json
from typing import Any

from recap_support import DICTIONARY

from generator.engine import assess
from generator.engine.recap import Recap
from generator.engine.scope import assessed_export

REAL = "analis-uji"
TECHNICAL = "arsip-digital"


def _data() -> dict[str, Any]:
    data = copy.deepcopy(DICTIONARY)
    source = next(c for c in data["competencies"] if c["id"] == "integritas")
    data["competencies"].append(
        {
            **source,
            "id": TECHNICAL,
            "name": "Pengelolaan Arsip Digital",
            "group": "teknis",
            "levels": [
                {
                    **level,
                    "indicators": [
                        {**ind, "id": f"{TECHNICAL}.{level['level']}.{n}"}
                        for n, ind in enumerate(level["indicators"], start=1)
                    ],
                }
                for level in source["levels"][:3]
            ],
        }
    )
    administrator = next(p for p in data["positions"] if p["id"] == "administrator")
    data["positions"].append(
        {**administrator, "id": REAL, "targets": {**administrator["targets"], TECHNICAL: 2}}
    )
    return data


def _file(data: dict[str, Any], position: str, nip: str, level: int) -> bytes:
    scope = assessed_export(data, position)
    ratings = {
        i["id"]: 4 if lv["level"] <= level else 1
        for c in scope["competencies"]
        for lv in c["levels"]
        for i in lv["indicators"]
    }
    document = {
        "format": "kompetensi-asn/jawaban",
        "format_version": 1,
        "standards_version": data["framework"]["version"],
        "position": position,
        "targets": {},
        "total_jp": 20,
        "ratings": ratings,
        "submitted": True,
        "identity": {"nip": nip, "unit": "Biro Umum"},
        "result": assess(data, ratings, position=position),
    }
    return json.dumps(document).encode()


def test_technical_competencies_count_the_people_whose_position_lists_them() -> None:
    data = _data()
    recap = Recap(data, min_group=1)
    assert recap.add("a.json", _file(data, REAL, "198001012005011001", 1))
    assert recap.add("b.json", _file(data, "administrator", "198001012005011002", 3))
    summary = recap.summary(detail=True)
    assert summary["files"]["used"] == 2
    rows = {row["id"]: row for row in summary["competencies"]}
    assert rows["integritas"]["respondents"] == 2
    technical = rows[TECHNICAL]
    assert (technical["respondents"], technical["below_target"]) == (1, 1)
    assert technical["level_counts"]["1"] == 1
    people = summary["people"]
    assert [p[f"{TECHNICAL}.estimated"] for p in people] == [1, None]


def test_no_technical_row_when_nobody_was_assessed_on_it() -> None:
    data = _data()
    recap = Recap(data, min_group=1)
    assert recap.add("b.json", _file(data, "administrator", "198001012005011002", 3))
    summary = recap.summary(detail=True)
    assert TECHNICAL not in {row["id"] for row in summary["competencies"]}
    assert f"{TECHNICAL}.estimated" not in summary["people"][0]


def test_a_unit_shows_a_technical_competency_only_when_enough_people_were_assessed_on_it() -> None:
    """Inside a unit of six, the two holders of the one position that lists the technical
    competency are a group as small as any other: their row is left out of the unit's (and the
    position group's) table, while the agency-wide table keeps it."""
    data = _data()
    recap = Recap(data, min_group=3)
    for n, (position, level) in enumerate(
        [(REAL, 1), (REAL, 2), *[("administrator", 3)] * 4], start=1
    ):
        assert recap.add(f"{n}.json", _file(data, position, f"19800101200501100{n}", level))
    summary = recap.summary()
    (unit,) = summary["units"]
    assert unit["respondents"] == 6
    assert TECHNICAL not in {row["id"] for row in unit["competencies"]}
    assert "integritas" in {row["id"] for row in unit["competencies"]}
    for group in summary["positions"]:  # the fixture's position shares the template's name
        assert TECHNICAL not in {row["id"] for row in group["competencies"] or ()}
    overall = {row["id"]: row["respondents"] for row in summary["competencies"]}
    assert overall[TECHNICAL] == 2

    recap.add("7.json", _file(data, REAL, "198001012005011007", 2))  # a third holder
    (unit,) = recap.summary()["units"]
    rows = {row["id"]: row for row in unit["competencies"]}
    assert rows[TECHNICAL]["respondents"] == 3
