"""Input checking: one test per rule, each asserting the whole message line."""

from __future__ import annotations

from typing import Any

import pytest

from generator.engine import DictionaryError, InputError, InputProblem, assess, validate_inputs
from generator.engine.dictionary import read_dictionary
from generator.engine.inputs import describe, document_value, key_path

SCALE = "the scale is 1 = Belum pernah, 2 = Kadang-kadang, 3 = Sering, 4 = Selalu"
LEVELS = (
    "levels are 1 = Paham, 2 = Dasar, 3 = Menengah, 4 = Mumpuni, 5 = Ahli; null means no target"
)


def _problems(dictionary: dict[str, Any], ratings: object, **options: object) -> list[str]:
    with pytest.raises(InputError) as caught:
        validate_inputs(dictionary, ratings, **options)
    return [problem.format() for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        (
            "integritas.9.1",
            3,
            "ratings.integritas.9.1: unknown indicator id "
            "Hint: 'integritas' has indicators integritas.1.1 to integritas.5.3",
        ),
        (
            "perekat-bangsa.1.3",
            4,
            "ratings.perekat-bangsa.1.3: unknown indicator id "
            "Hint: 'perekat-bangsa' has indicators perekat-bangsa.1.1 to perekat-bangsa.5.2",
        ),
        (
            "integrity.1.1",
            3,
            "ratings.integrity.1.1: unknown indicator id Hint: did you mean 'integritas.1.1'?",
        ),
        (
            "x y",
            3,
            'ratings["x y"]: unknown indicator id Hint: indicator ids look like '
            "'integritas.1.1' (competency.level.number)",
        ),
        (
            "integritas.1.1",
            5,
            f"ratings.integritas.1.1: expected an integer from 1 to 4, got 5 Hint: {SCALE}",
        ),
        (
            "integritas.1.1",
            0,
            f"ratings.integritas.1.1: expected an integer from 1 to 4, got 0 Hint: {SCALE}",
        ),
        (
            "integritas.1.1",
            3.0,
            f"ratings.integritas.1.1: expected an integer from 1 to 4, got 3.0 Hint: {SCALE}",
        ),
        (
            "integritas.1.1",
            "4",
            f'ratings.integritas.1.1: expected an integer from 1 to 4, got "4" Hint: {SCALE}',
        ),
        (
            "integritas.1.1",
            True,
            f"ratings.integritas.1.1: expected an integer from 1 to 4, got true Hint: {SCALE}",
        ),
        (
            "integritas.1.1",
            [4],
            f"ratings.integritas.1.1: expected an integer from 1 to 4, got a list Hint: {SCALE}",
        ),
        (
            "integritas.1.1",
            None,
            "ratings.integritas.1.1: expected an integer from 1 to 4, got null "
            "Hint: leave an indicator out to mark it unanswered",
        ),
    ],
)
def test_rating_problems(
    dictionary: dict[str, Any], key: str, value: object, expected: str
) -> None:
    assert _problems(dictionary, {key: value}) == [expected]


def test_ratings_must_be_an_object(dictionary: dict[str, Any]) -> None:
    assert _problems(dictionary, [["integritas.1.1", 4]]) == [
        "ratings: expected an object mapping indicator ids to ratings, got a list"
    ]


def test_every_problem_is_reported_in_input_order(dictionary: dict[str, Any]) -> None:
    ratings = {"integritas.1.1": 4, "integritas.7.1": 9, "kerjasama.1.1": "Sering"}
    assert _problems(dictionary, ratings, position="camat", total_jp=0) == [
        "ratings.integritas.7.1: unknown indicator id "
        "Hint: 'integritas' has indicators integritas.1.1 to integritas.5.3",
        f"ratings.integritas.7.1: expected an integer from 1 to 4, got 9 Hint: {SCALE}",
        f'ratings.kerjasama.1.1: expected an integer from 1 to 4, got "Sering" Hint: {SCALE}',
        "position: unknown position 'camat' "
        "Hint: known positions: pelaksana, administrator, jpt-madya",
        "total_jp: expected an integer from 1 to 1000, got 0 "
        "Hint: the default is 20 JP, every civil servant's yearly minimum",
    ]


def test_unknown_position_close_to_a_known_one(dictionary: dict[str, Any]) -> None:
    assert _problems(dictionary, {}, position="administrtor") == [
        "position: unknown position 'administrtor' Hint: did you mean 'administrator'?"
    ]


def test_position_must_be_a_string(dictionary: dict[str, Any]) -> None:
    assert _problems(dictionary, {}, position=3) == ["position: expected a position id, got 3"]


def test_own_targets_may_not_override_a_positions_target(dictionary: dict[str, Any]) -> None:
    assert _problems(
        dictionary, {}, position="administrator", targets={"integritas": 1, "perekat-bangsa": 2}
    ) == [
        "targets.integritas: the position 'administrator' already sets level 3 for this "
        "competency Hint: own targets fill only the competencies whose target the position "
        "leaves open (null)"
    ]


def test_own_targets_fill_what_a_position_leaves_open(dictionary: dict[str, Any]) -> None:
    result = assess(
        dictionary,
        {},
        position="administrator",
        targets={"integritas": None, "perekat-bangsa": 2},
    )
    assert result["position"] == "administrator"
    assert {item["id"]: item["target"] for item in result["competencies"]} == {
        "integritas": 3,
        "kerjasama": 3,
        "perekat-bangsa": 2,
    }


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        (
            {"integrity": 3},
            "targets.integrity: unknown competency id Hint: did you mean 'integritas'?",
        ),
        (
            {"leadership": 3},
            "targets.leadership: unknown competency id "
            "Hint: known competencies: integritas, kerjasama, perekat-bangsa",
        ),
        (
            {"integritas": 6},
            f"targets.integritas: expected a level from 1 to 5 or null, got 6 Hint: {LEVELS}",
        ),
        (
            {"integritas": 0},
            f"targets.integritas: expected a level from 1 to 5 or null, got 0 Hint: {LEVELS}",
        ),
        (
            {"integritas": "3"},
            f'targets.integritas: expected a level from 1 to 5 or null, got "3" Hint: {LEVELS}',
        ),
        (
            ["integritas"],
            "targets: expected an object mapping competency ids to target levels, got a list",
        ),
    ],
)
def test_target_problems(dictionary: dict[str, Any], targets: object, expected: str) -> None:
    assert _problems(dictionary, {}, targets=targets) == [expected]


@pytest.mark.parametrize(
    ("total_jp", "shown"), [(0, "0"), (1001, "1001"), ("20", '"20"'), (True, "true"), (2.5, "2.5")]
)
def test_total_jp_problems(dictionary: dict[str, Any], total_jp: object, shown: str) -> None:
    assert _problems(dictionary, {}, total_jp=total_jp) == [
        f"total_jp: expected an integer from 1 to 1000, got {shown} "
        "Hint: the default is 20 JP, every civil servant's yearly minimum"
    ]


def test_valid_inputs_pass(dictionary: dict[str, Any]) -> None:
    validate_inputs(dictionary, {"integritas.1.1": 1}, targets={"integritas": None}, total_jp=1000)
    validate_inputs(dictionary, {}, position="pelaksana", total_jp=1)


def test_assess_raises_the_same_problems(dictionary: dict[str, Any]) -> None:
    with pytest.raises(InputError) as caught:
        assess(dictionary, {"integritas.1.1": 7})
    assert (
        str(caught.value)
        == f"ratings.integritas.1.1: expected an integer from 1 to 4, got 7 Hint: {SCALE}"
    )
    assert caught.value.problems[0].as_dict() == {
        "path": "ratings.integritas.1.1",
        "message": "expected an integer from 1 to 4, got 7",
        "hint": SCALE,
    }


def test_problem_format_with_a_location() -> None:
    problem = InputProblem("ratings.a", "unknown indicator id", "did you mean 'b'?")
    assert problem.format("answers.json") == (
        "answers.json: ratings.a: unknown indicator id Hint: did you mean 'b'?"
    )
    assert InputProblem("", "missing", "").format("answers.json") == "answers.json: missing"
    assert str(InputProblem("position", "unknown")) == "position: unknown"


@pytest.mark.parametrize(
    ("prefix", "key", "expected"),
    [
        ("ratings", "integritas.1.1", "ratings.integritas.1.1"),
        ("", "ratings", "ratings"),
        ("ratings", "", 'ratings[""]'),
        ("ratings", "a b", 'ratings["a b"]'),
        ("ratings", "a..b", 'ratings["a..b"]'),
        ("", "__proto__", "__proto__"),
    ],
)
def test_key_path(prefix: str, key: str, expected: str) -> None:
    assert key_path(prefix, key) == expected


def test_describe_shortens_long_values() -> None:
    assert describe("x" * 100) == '"' + "x" * 36 + "..."
    assert (describe({}), describe(None), describe(False)) == ("an object", "null", "false")


@pytest.mark.parametrize(
    ("document", "value", "expected"),
    [
        ({"ratings": {"a": 1}}, {"a": 1}, []),
        (
            [],
            None,
            [
                'expected an object like {"ratings": {...}}, got a list '
                'Hint: the file looks like {"ratings": {}}'
            ],
        ),
        ({}, None, ['missing key "ratings" Hint: the file looks like {"ratings": {}}']),
        (
            {"ratings": None},
            None,
            ['ratings: expected an object, got null Hint: the file looks like {"ratings": {}}'],
        ),
        (
            {"ratings": {}, "version": 1},
            None,
            ['version: unknown key Hint: the file holds only "ratings"'],
        ),
    ],
)
def test_document_value(document: object, value: object, expected: list[str]) -> None:
    found, problems = document_value(document, "ratings", '{"ratings": {}}')
    assert (found, [problem.format() for problem in problems]) == (value, expected)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(schema_version=2), "schema_version: expected 1, got 2"),
        (lambda d: d.pop("assessment"), "assessment: missing from the exported dictionary"),
        (
            lambda d: d["competencies"][1]["levels"][0].update(indicators="x"),
            "competencies[1].levels[0].indicators: expected list, got str",
        ),
        (
            lambda d: d["learning"]["activities"][0].update(jp=True),
            "learning.activities[0].jp: expected int, got bool",
        ),
        (
            lambda d: d["learning"]["activities"][0].pop("id"),
            "learning.activities[0].id: missing from the exported dictionary",
        ),
        (
            lambda d: d["learning"]["activities"][2].update(arranged_by_agency="ya"),
            "learning.activities[2].arranged_by_agency: expected bool, got str",
        ),
        (
            lambda d: d["positions"][0]["targets"].update(integritas="3"),
            "positions[0].targets.integritas: expected int or null",
        ),
        (
            lambda d: d["learning"].update(categories=[]),
            "learning.categories: expected non-negative percents summing above 0",
        ),
    ],
)
def test_unusable_dictionary(dictionary: dict[str, Any], change: Any, expected: str) -> None:
    change(dictionary)
    with pytest.raises(DictionaryError) as caught:
        assess(dictionary, {})
    assert str(caught.value) == expected


def test_activities_keep_their_id_and_agency_flag(dictionary: dict[str, Any]) -> None:
    dictionary["learning"]["activities"][1]["arranged_by_agency"] = True
    del dictionary["learning"]["activities"][2]["arranged_by_agency"]
    first, second, third = (
        read_dictionary(dictionary).activities[("integritas", 1, "70")]
        + read_dictionary(dictionary).activities[("integritas", 1, "20")]
    )[:3]
    assert (first.id, first.arranged_by_agency) == ("integritas-penugasan-1", False)
    assert (second.id, second.arranged_by_agency) == ("integritas-magang-1", True)
    # An export made before the flag existed reads as "the employee can take it".
    assert (third.id, third.arranged_by_agency) == ("integritas-coaching-1", False)
