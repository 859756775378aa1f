"""``assess`` as the browser and the CLI call it: the shape and meaning of the result."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from engine_testdata import up_to

from generator.engine import RESULT_SCHEMA_VERSION, InputError, assess
from generator.engine.dictionary import read_dictionary
from generator.engine.report import to_markdown


def _by_id(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {competency["id"]: competency for competency in result["competencies"]}


def test_result_shape_and_key_order(dictionary: dict[str, Any]) -> None:
    result = assess(dictionary, up_to(dictionary, 2), position="administrator")
    assert list(result) == [
        "schema_version",
        "standards_version",
        "position",
        "total_jp",
        "competencies",
        "plan",
    ]
    assert (result["schema_version"], RESULT_SCHEMA_VERSION) == (1, 1)
    assert (result["standards_version"], result["position"], result["total_jp"]) == (
        "2017.1",
        "administrator",
        20,
    )
    assert [c["id"] for c in result["competencies"]] == [
        "integritas",
        "kerjasama",
        "perekat-bangsa",
    ]
    assert list(result["competencies"][0]) == [
        "id",
        "name",
        "target",
        "estimated",
        "gap",
        "status",
        "complete",
        "unanswered",
        "explanation",
        "decided_by",
        "levels",
        "borderline",
        "decisive",
    ]
    assert list(result["competencies"][0]["levels"][0]) == ["level", "met", "total", "missing"]
    # Today's keys first and in their order, then what the focused plan adds.
    assert list(result["plan"]) == [
        "total_jp",
        "mode",
        "note",
        "categories",
        "items",
        "focus",
        "budget_jp",
        "split",
        "edited",
        "agency",
        "later",
    ]
    assert list(result["plan"]["items"][0]) == [
        "competency",
        "level",
        "category",
        "form",
        "form_name",
        "activity",
        "jp",
        "activity_id",
    ]
    assert json.loads(json.dumps(result)) == result  # plain JSON data, nothing else


def test_statuses(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 3)
    ratings["kerjasama.2.1"] = 2
    competencies = _by_id(assess(dictionary, ratings, targets={"integritas": 2, "kerjasama": 3}))
    integritas, kerjasama, perekat = (
        competencies["integritas"],
        competencies["kerjasama"],
        competencies["perekat-bangsa"],
    )
    assert (integritas["estimated"], integritas["gap"], integritas["status"]) == (3, 0, "strength")
    assert (kerjasama["estimated"], kerjasama["gap"], kerjasama["status"]) == (1, 2, "gap")
    assert (perekat["target"], perekat["gap"], perekat["status"]) == (None, None, "no_target")
    assert kerjasama["name"] == "Kerja Sama"
    assert kerjasama["decided_by"] == ["kerjasama.2.1"]
    assert all(c["complete"] and c["unanswered"] == [] for c in competencies.values())


def test_target_met_exactly(dictionary: dict[str, Any]) -> None:
    competency = _by_id(assess(dictionary, up_to(dictionary, 3), position="administrator"))
    assert (competency["integritas"]["gap"], competency["integritas"]["status"]) == (0, "met")


def test_a_null_target_of_a_position_is_no_target(dictionary: dict[str, Any]) -> None:
    perekat = _by_id(assess(dictionary, {}, position="administrator"))["perekat-bangsa"]
    assert (perekat["target"], perekat["status"]) == (None, "no_target")


def test_targets_may_leave_competencies_out(dictionary: dict[str, Any]) -> None:
    result = assess(dictionary, {}, targets={"kerjasama": 2})
    assert [c["target"] for c in result["competencies"]] == [None, 2, None]
    assert result["position"] is None
    assert result["plan"]["mode"] == "gap"


def test_partial_answers_are_reported_not_guessed(dictionary: dict[str, Any]) -> None:
    ratings = up_to(dictionary, 5)
    del ratings["integritas.2.2"], ratings["integritas.4.1"]
    integritas = _by_id(assess(dictionary, ratings, position="jpt-madya"))["integritas"]
    assert integritas["estimated"] == 1
    assert integritas["complete"] is False
    assert integritas["unanswered"] == ["integritas.2.2", "integritas.4.1"]
    assert integritas["decided_by"] == ["integritas.2.2"]


def test_total_jp_defaults_to_the_dictionary(dictionary: dict[str, Any]) -> None:
    dictionary["assessment"]["default_jp"] = 24
    result = assess(dictionary, {})
    assert (result["total_jp"], result["plan"]["budget_jp"]) == (24, 24)
    assert result["plan"]["total_jp"] == sum(item["jp"] for item in result["plan"]["items"])
    assert assess(dictionary, {}, total_jp=40)["plan"]["budget_jp"] == 40


def test_inputs_are_not_modified(dictionary: dict[str, Any]) -> None:
    before = copy.deepcopy(dictionary)
    ratings = {"integritas.1.1": 4}
    targets: dict[str, int | None] = {"integritas": 3}
    assess(dictionary, ratings, targets=targets, total_jp=30)
    assert (dictionary, ratings, targets) == (before, {"integritas.1.1": 4}, {"integritas": 3})


def test_a_dictionary_read_once_gives_the_same_results(dictionary: dict[str, Any]) -> None:
    """Callers that assess many times (the browser's bridge) read the export once."""
    view = read_dictionary(dictionary)
    assert read_dictionary(view) is view
    ratings = up_to(dictionary, 2)
    for kwargs in ({"position": "administrator"}, {"targets": {"integritas": 3}}, {}):
        result = assess(view, ratings, total_jp=30, **kwargs)  # type: ignore[arg-type]
        assert result == assess(dictionary, ratings, total_jp=30, **kwargs)  # type: ignore[arg-type]
        assert to_markdown(view, result) == to_markdown(dictionary, result)
    with pytest.raises(InputError):
        assess(view, {"nothing.1.1": 4})
