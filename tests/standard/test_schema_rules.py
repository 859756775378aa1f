"""The schema-subset validator: one case per rule (see ``malformed_cases.SCHEMA_CASES``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from malformed_cases import SCHEMA_CASES, Case, K, P
from standard_support import Outcome, replace


@pytest.mark.parametrize("case", [c.param() for c in SCHEMA_CASES])
def test_schema_rule(case: Case, load_edited: Callable[..., Outcome]) -> None:
    assert load_edited(*case.edits).errors == list(case.expected)


def test_a_file_with_k_independent_errors_reports_all_k(
    load_edited: Callable[..., Outcome],
) -> None:
    outcome = load_edited(
        replace(K, "group: manajerial\n", "group: manajemen\n"),
        replace(K, "order: 2\n", "order: 0\n"),
        replace(K, "aliases: []\n", "alias: []\n"),
        replace(K, "    description: Kerjasama tingkat dasar.\n", "    description: ''\n"),
        replace(
            K, "        text: Kerjasama indikator satu pada level tiga.\n", "        text: [a]\n"
        ),
        replace(K, "        example: Contoh Kerjasama 3.2.\n", "        contoh: x\n"),
    )
    assert outcome.errors == [
        f"std/{K}:4:8: group: expected one of 'manajerial', 'sosial_kultural', 'teknis', got "
        "'manajemen' Hint: did you mean 'manajerial'?",
        f"std/{K}:5:8: order: expected an integer from 1 to 9999, got 0",
        f"std/{K}:6:1: alias: unknown key 'alias' Hint: did you mean 'aliases'?",
        f"std/{K}:19:18: levels[1].description: expected a non-empty text, got an empty one",
        f"std/{K}:31:15: levels[2].indicators[0].text: expected a text, got a list",
        f"std/{K}:35:9: levels[2].indicators[1].contoh: unknown key 'contoh' "
        "Hint: allowed keys: id, text, example",
    ]


def test_errors_in_several_files_are_all_reported_in_one_run(
    load_edited: Callable[..., Outcome],
) -> None:
    outcome = load_edited(
        replace(K, "order: 2\n", "order: dua\n"),
        replace(P, "    verified: false\n", "    verified: yes\n"),
        replace("framework.yaml", "  default_jp: 20\n", "  default_jp: 0\n"),
    )
    assert outcome.errors == [
        f"std/{K}:5:8: order: expected an integer, got 'dua'",
        "std/framework.yaml:30:15: assessment.default_jp: expected an integer from 1 to 1000, "
        "got 0",
        f"std/{P}:18:15: positions[1].verified: expected true or false, got 'yes' "
        "Hint: write true or false in lower case",
    ]


@pytest.mark.parametrize("empty", ["null", "~", ""])
def test_a_null_target_is_accepted(empty: str, load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(
        replace(P, "      kerjasama: 1\n", f"      kerjasama: {empty}\n".replace(" \n", "\n"))
    )
    assert outcome.errors == []
    assert outcome.standard is not None
    pelaksana = outcome.standard.data["positions"][1]
    assert pelaksana["targets"] == {"integritas": 1, "kerjasama": None, "perekat-bangsa": 1}


def test_quoted_category_and_plain_category_are_the_same_text(
    load_edited: Callable[..., Outcome],
) -> None:
    """``category: 70`` stays the text "70": no integer sneaks in where the schema wants text."""
    outcome = load_edited(
        replace(
            "learning/kerjasama.yaml",
            '  - {level: 1, category: "70"',
            "  - {level: 1, category: 70",
        )
    )
    assert outcome.errors == []
    assert outcome.standard is not None
    categories = {a["category"] for a in outcome.standard.data["learning"]["activities"]}
    assert categories == {"70", "20", "10"}
