"""The typed model of the export: every field of the real export is read, shapes are checked
with the key path, and an export made before a field existed still reads."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.engine.dictionary import read_dictionary
from generator.engine.model import DictionaryError, read_standard
from generator.standard import load_export

ROOT = Path(__file__).resolve().parents[2]
REAL: dict[str, Any] = load_export(ROOT / "standards")


def _fields(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_the_model_reads_every_field_of_the_real_export() -> None:
    model = read_standard(REAL)
    competency, position = model.competencies[0], model.positions[0]
    level = competency.levels[0]
    # Each export key is a field of the model (the activity's text is ``activity`` there).
    pairs: list[tuple[dict[str, Any], object, set[str]]] = [
        (REAL["framework"], model.framework, set()),
        (REAL["framework"]["levels"][0], model.framework.levels[0], set()),
        (REAL["framework"]["groups"][0], model.framework.groups[0], set()),
        (REAL["competencies"][0], competency, set()),
        (REAL["competencies"][0]["levels"][0], level, set()),
        (REAL["competencies"][0]["levels"][0]["indicators"][0], level.indicators[0], set()),
        (REAL["positions"][0], position, set()),
        (REAL["positions"][0]["basis"], position.basis, set()),
        (REAL["positions"][0]["requirements"], position.requirements, set()),
        (REAL["dictionaries"][0], model.dictionaries[0], set()),
        (REAL["learning"]["categories"][0], model.learning.categories[0], set()),
        (REAL["learning"]["forms"][0], model.learning.forms[0], set()),
        (REAL["learning"]["activities"][0], model.learning.activities[0], {"activity"}),
        (REAL["assessment"]["scale"]["labels"][0], model.assessment.scale[0], set()),
    ]
    pairs += [
        (REAL["assessment"], model.assessment, set()),
        (REAL["learning"], model.learning, set()),
        (REAL["recap"], model.recap, set()),
        (REAL, model, set()),
    ]
    for exported, typed, renamed in pairs:
        assert set(exported) - renamed <= _fields(type(typed)), type(typed).__name__
    assert model.learning.activities[0].text == REAL["learning"]["activities"][0]["activity"]
    # The model's counts are the export's.
    assert model.counts()["indicators"] == sum(
        len(lv["indicators"]) for c in REAL["competencies"] for lv in c["levels"]
    )
    assert (model.assessment.scale_min, model.assessment.scale_max) == (
        REAL["assessment"]["scale"]["min"],
        REAL["assessment"]["scale"]["max"],
    )


def test_the_engine_index_is_built_from_the_model() -> None:
    view = read_dictionary(REAL)
    model = read_standard(REAL)
    assert view.competencies == model.competencies
    assert view.position_targets == {p.id: p.targets for p in model.positions}
    assert view.competency_by_id["integritas"].indicator_levels[0] == tuple(
        i["id"] for i in REAL["competencies"][0]["levels"][0]["indicators"]
    )


def test_an_export_made_before_positions_had_kinds_reads_as_templates(
    dictionary: dict[str, Any],
) -> None:
    # The engine's fixture: no kind, template, basis, requirements or dictionaries.
    position = read_standard(dictionary).positions[0]
    assert (position.template, position.basis, position.dictionaries) == (True, None, None)
    assert position.requirements.education == ()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["positions"][0]["basis"].update(label=1),
            "positions[0].basis.label: expected str, got int",
        ),
        (
            lambda d: d["competencies"][0].update(aliases=["a", 2]),
            "competencies[0].aliases[1]: expected str, got int",
        ),
        (
            lambda d: d["framework"]["groups"][1].pop("name"),
            "framework.groups[1].name: missing from the exported dictionary",
        ),
        (
            lambda d: d["dictionaries"][0].update(levels="5"),
            "dictionaries[0].levels: expected int, got str",
        ),
        (
            lambda d: d["positions"][-1]["requirements"]["training_by_type"].update(
                managerial=[None]
            ),
            f"positions[{len(REAL['positions']) - 1}].requirements.training_by_type.managerial[0]: "
            "expected str, got NoneType",
        ),
        (
            lambda d: d["positions"][0].update(template="ya"),
            "positions[0].template: expected bool, got str",
        ),
        (
            lambda d: d["framework"]["source"].update(note=None),
            "framework.source.note: expected str, got NoneType",
        ),
    ],
)
def test_a_broken_field_names_its_path(change: Callable[[Any], None], expected: str) -> None:
    data = copy.deepcopy(REAL)
    change(data)
    with pytest.raises(DictionaryError) as caught:
        read_standard(data)
    assert str(caught.value) == expected
