"""The position decides which competencies an assessment covers (generator.engine.scope): every
managerial and socio-cultural one, plus the technical ones a real position lists; a template,
own targets or no position cover no technical competency."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from engine_testdata import DICTIONARY, indicator_ids, up_to

from generator.engine import InputError, assess
from generator.engine.dictionary import read_dictionary
from generator.engine.levels import asked_levels, rule_of
from generator.engine.scope import assessed_export, scoped

REAL = "analis-contoh"
LEFT_OUT = "arsip-digital"  # technical, listed by no position
LISTED = "data-pegawai"  # technical, 3 levels, listed by REAL, no catalogue activity


def _technical(data: dict[str, Any], key: str, levels: int) -> dict[str, Any]:
    source = next(c for c in data["competencies"] if c["id"] == "integritas")
    return {
        **source,
        "id": key,
        "name": key.replace("-", " ").title(),
        "group": "teknis",
        "dictionary": "contoh",
        "levels": [
            {
                **level,
                "indicators": [
                    {**ind, "id": f"{key}.{level['level']}.{i}"}
                    for i, ind in enumerate(level["indicators"], start=1)
                ],
            }
            for level in source["levels"][:levels]
        ],
    }


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    data = copy.deepcopy(DICTIONARY)
    data["competencies"] += [_technical(data, LEFT_OUT, 5), _technical(data, LISTED, 3)]
    administrator = next(p for p in data["positions"] if p["id"] == "administrator")
    data["positions"].append(
        {
            **administrator,
            "id": REAL,
            "name": "Analis Contoh Ahli Muda",
            "template": False,
            "kind": "fungsional",
            "targets": {**administrator["targets"], "perekat-bangsa": 2, LISTED: 3},
        }
    )
    return data


def _ids(result: dict[str, Any]) -> list[str]:
    return [c["id"] for c in result["competencies"]]


BASE = ["integritas", "kerjasama", "perekat-bangsa"]


@pytest.mark.parametrize(
    "arguments",
    [{}, {"position": "administrator"}, {"targets": {"integritas": 2}}],
    ids=["no position", "template", "own targets"],
)
def test_without_a_real_position_no_technical_competency_is_assessed(
    data: dict[str, Any], arguments: dict[str, Any]
) -> None:
    assert _ids(assess(data, {}, **arguments)) == BASE


def test_a_real_position_brings_exactly_the_technical_competencies_it_lists(
    data: dict[str, Any],
) -> None:
    result = assess(data, up_to(assessed_export(data, REAL), 1), position=REAL)
    assert _ids(result) == [*BASE, LISTED]
    listed = result["competencies"][-1]
    assert (listed["target"], listed["estimated"], listed["gap"]) == (3, 1, 2)
    assert len(listed["levels"]) == 3
    # No catalogue activity for it: the plan says so, as it does for any such gap.
    reasons = [later["reason"] for later in result["plan"]["later"]]
    assert any(
        r.startswith("Data Pegawai belum mendapat aktivitas karena katalog") for r in reasons
    )


def test_ratings_of_a_technical_competency_outside_the_position_are_refused(
    data: dict[str, Any],
) -> None:
    with pytest.raises(InputError) as caught:
        assess(data, {f"{LISTED}.1.1": 4, f"{LEFT_OUT}.1.1": 4}, position="administrator")
    assert str(caught.value).splitlines() == [
        "ratings.data-pegawai.1.1: 'data-pegawai' is not a competency of the chosen position "
        "Hint: technical competencies are assessed only for a position whose targets list them; "
        "choose that position",
        "ratings.arsip-digital.1.1: 'arsip-digital' is not a competency of the chosen position "
        "Hint: technical competencies are assessed only for a position whose targets list them; "
        "choose that position",
    ]
    with pytest.raises(InputError) as caught:
        assess(data, {}, targets={LISTED: 2})
    assert str(caught.value) == (
        "targets.data-pegawai: not a competency of the chosen position Hint: technical "
        "competencies are assessed only for a position whose targets list them; choose that "
        "position"
    )


def test_the_real_position_accepts_its_technical_ratings(data: dict[str, Any]) -> None:
    ratings = {i: 4 for i in indicator_ids(data, LISTED)}
    result = assess(data, ratings, position=REAL)
    assert result["competencies"][-1]["estimated"] == 3


def test_the_export_helper_and_the_engine_agree_on_the_scope(data: dict[str, Any]) -> None:
    view = read_dictionary(data)
    for position in (None, "administrator", REAL, "no-such-position"):
        engine = [c.id for c in scoped(view, position).competencies]
        export = [c["id"] for c in assessed_export(data, position)["competencies"]]
        assert engine == export
    assert scoped(view, REAL) is scoped(view, REAL)  # kept per position


def test_the_adaptive_form_stops_early_in_a_three_level_competency(data: dict[str, Any]) -> None:
    view = scoped(read_dictionary(data), REAL)
    competency = view.competency_by_id[LISTED]
    rule = rule_of(view)
    low = {f"{LISTED}.2.1": 1}
    assert asked_levels(competency, low, rule) == 2
    assert asked_levels(competency, {}, rule) == 3
    result = assess(data, {**up_to(assessed_export(data, REAL), 1), **low}, position=REAL)
    listed = result["competencies"][-1]
    assert not [i for i in listed["unanswered"] if i.startswith(f"{LISTED}.3.")]
