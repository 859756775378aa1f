"""Rules that span files: one case per rule (see ``malformed_cases.CROSS_FILE_CASES``), plus the
warnings, which do not fail a run."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from malformed_cases import CROSS_FILE_CASES, Case, K, L
from standard_support import Outcome, delete, replace, write


@pytest.mark.parametrize("case", [c.param() for c in CROSS_FILE_CASES])
def test_cross_file_rule(case: Case, load_edited: Callable[..., Outcome]) -> None:
    assert load_edited(*case.edits).errors == list(case.expected)


def test_base_folder_is_valid_without_warnings(load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited()
    assert outcome.errors == []
    assert outcome.warnings == []
    assert outcome.standard is not None
    assert outcome.standard.counts() == {
        "competencies": 3,
        "levels": 9,
        "indicators": 18,
        "positions": 2,
        "activities": 27,
    }


def test_missing_learning_cell_is_a_warning(load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(
        replace(
            L,
            '  - {level: 2, category: "20", form: coaching, jp: 2, activity: Coaching Kerjasama '
            "level 2., id: kerjasama-coaching-2}\n",
            "",
        )
    )
    assert outcome.errors == []
    assert outcome.warnings == [
        f"std/{K}:2:5: id: the learning catalogue has no activity for 1 level/category cell(s), "
        "e.g. level 2 category 20 Hint: add activities in standards/learning/kerjasama.yaml"
    ]


def test_missing_learning_file_is_a_warning(load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(delete(L))
    assert outcome.errors == []
    assert outcome.warnings == [
        f"std/{K}:2:5: id: the learning catalogue has no activity for 9 level/category cell(s), "
        "e.g. level 1 category 70 Hint: add activities in standards/learning/kerjasama.yaml"
    ]


def test_hidden_files_are_ignored(load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(
        write("competencies/.kerjasama.yaml.swp", b"\x00binary"),
        write("learning/.DS_Store", b"\x00binary"),
    )
    assert outcome.errors == []


def test_teknis_competency_needs_no_position_target(load_edited: Callable[..., Outcome]) -> None:
    """Agencies add technical competencies later; positions need targets only for the others."""
    outcome = load_edited(
        replace(
            "framework.yaml",
            "assessment:\n",
            "  - id: teknis\n    name: Kompetensi Teknis\n    description: Bidang teknis.\n"
            "assessment:\n",
        ),
        replace(K, "group: manajerial\n", "group: teknis\n"),
    )
    assert outcome.errors == []


@pytest.mark.parametrize("reserved", ["semua", "transisi"])
def test_other_reserved_ids(reserved: str, load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(
        write(
            f"competencies/{reserved}.yaml",
            f"id: {reserved}\nname: Lain\ngroup: teknis\norder: 1\ndefinition: D.\nlevels:\n"
            + "".join(
                f"  - level: {n}\n    description: L{n}.\n    indicators:\n"
                f"      - {{id: {reserved}.{n}.1, text: T{n}.}}\n"
                for n in (1, 2, 3)
            ),
        ),
    )
    assert (
        f"std/competencies/{reserved}.yaml:1:5: id: '{reserved}' is reserved for a site page Hint: choose another id"
        in outcome.errors
    )
