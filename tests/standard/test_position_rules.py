"""Real positions (standards/positions/): each rule reports one located line, all together, and a
valid position reaches the export with its template's targets resolved."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from standard_support import Edit, Outcome, replace, write
from test_dictionary_rules import DICT_FILE, TEKNIS_GROUP, technical

from generator.standard.positions import template_kind

POSITION = """\
# yaml-language-server: $schema=../../../generator/schemas/position.schema.json
id: pelaksana-uji
name: Pelaksana Uji
extends: pelaksana
kind: pelaksana
summary: Jabatan uji untuk data uji.
targets:
  integritas: 2
requirements:
  education: [Diploma tiga]
  training:
    technical: [Pelatihan teknis uji]
    managerial: [Pelatihan manajerial uji]
  experience: [Satu tahun]
sources: [Data uji.]
verified: false
"""
FILE = "positions/pelaksana-uji.yaml"
SHOWN = "std/positions/pelaksana-uji.yaml"


def position(old: str = "", new: str = "", text: str = POSITION, file: str = FILE) -> Edit:
    """The test position, with ``old`` replaced by ``new`` (once)."""
    if old:
        assert text.count(old) == 1, old
    return write(file, text.replace(old, new) if old else text)


def test_a_position_resolves_its_template(load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(position())
    assert outcome.errors == []
    assert outcome.standard is not None
    entries = {p["id"]: p for p in outcome.standard.data["positions"]}
    entry = entries["pelaksana-uji"]
    assert entry["targets"] == {"integritas": 2, "kerjasama": 1, "perekat-bangsa": 1}
    assert {k: entry[k] for k in ("template", "kind", "grade", "extends", "category")} == {
        "template": False,
        "kind": "pelaksana",
        "grade": None,
        "extends": "pelaksana",
        "category": "administrasi",
    }
    assert (entry["illustrative"], entry["agency"], entry["unit"]) == (False, None, None)
    assert entry["summary"] == entry["description"] == "Jabatan uji untuk data uji."
    assert entry["requirements"] == {
        "education": ["Diploma tiga"],
        "training": ["Pelatihan manajerial uji", "Pelatihan teknis uji"],
        "experience": ["Satu tahun"],
        "training_by_type": {
            "managerial": ["Pelatihan manajerial uji"],
            "technical": ["Pelatihan teknis uji"],
            "functional": [],
        },
    }
    assert entry["dictionaries"] == []
    template = entries["jpt-pratama"]
    assert {k: template[k] for k in ("template", "kind", "grade", "extends", "summary")} == {
        "template": True,
        "kind": "jpt",
        "grade": "pratama",
        "extends": None,
        "summary": template["description"],
    }
    assert outcome.standard.sources["position:pelaksana-uji"].name == "pelaksana-uji.yaml"


def test_a_technical_target_names_its_dictionary(load_edited: Callable[..., Outcome]) -> None:
    outcome = load_edited(
        TEKNIS_GROUP,
        DICT_FILE,
        technical(),
        replace("positions.yaml", "      kerjasama: 3\n", "      kerjasama: 2\n"),
        position("  integritas: 2\n", "  integritas: 2\n  kerjasama: 2\n"),
    )
    assert outcome.errors == []
    assert outcome.standard is not None
    entry = next(p for p in outcome.standard.data["positions"] if p["id"] == "pelaksana-uji")
    assert entry["targets"]["kerjasama"] == 2
    assert entry["dictionaries"] == ["contoh-teknis"]


def test_a_position_without_a_template_lists_every_required_target(
    load_edited: Callable[..., Outcome],
) -> None:
    outcome = load_edited(
        position(
            "extends: pelaksana\n",
            "",
            POSITION.replace("  integritas: 2\n", "  integritas: 2\n  kerjasama: null\n"),
        )
    )
    assert outcome.errors == [
        f"{SHOWN}:6:1: targets: no target for perekat-bangsa "
        "Hint: give a level or null under targets:, or extend a position type that has one"
    ]


CASES = [
    pytest.param(
        (position("extends: pelaksana", "extends: pelaksan"),),
        f"{SHOWN}:4:10: extends: unknown position type 'pelaksan' Hint: did you mean 'pelaksana'?",
        id="unknown-template",
    ),
    pytest.param(
        (position(file="positions/pelaksana-lain.yaml"),),
        "std/positions/pelaksana-lain.yaml:2:5: id: the id 'pelaksana-uji' differs from the file "
        "name 'pelaksana-lain.yaml' Hint: rename the file to pelaksana-uji.yaml or fix the id",
        id="id-differs-from-file-name",
    ),
    pytest.param(
        (
            position(
                "id: pelaksana-uji\n",
                "id: pelaksana\n",
                file="positions/pelaksana.yaml",
            ),
        ),
        "std/positions/pelaksana.yaml:2:5: id: the id 'pelaksana' is already used by a position "
        "type in positions.yaml (line 13) Hint: every position id must be unique; choose "
        "another id",
        id="id-of-a-template",
    ),
    pytest.param(
        (position("id: pelaksana-uji\n", "id: index\n", file="positions/index.yaml"),),
        "std/positions/index.yaml:2:5: id: 'index' is reserved for a site page "
        "Hint: choose another id",
        id="reserved-id",
    ),
    pytest.param(
        (position("extends: pelaksana\n", ""),),
        f"{SHOWN}:6:1: targets: no target for kerjasama, perekat-bangsa "
        "Hint: give a level or null under targets:, or extend a position type that has one",
        id="missing-targets",
    ),
    pytest.param(
        (
            position(
                "extends: pelaksana\n", "", POSITION.replace("targets:\n  integritas: 2\n", "")
            ),
        ),
        f"{SHOWN}:2:1: id: no target for integritas, kerjasama, perekat-bangsa "
        "Hint: give a level or null under targets:, or extend a position type that has one",
        id="no-targets-at-all",
    ),
    pytest.param(
        (position("  integritas: 2\n", "  integritas: 2\n  integrity: 2\n"),),
        f"{SHOWN}:9:3: targets.integrity: unknown competency 'integrity' "
        "Hint: did you mean 'integritas'?",
        id="unknown-competency",
    ),
    pytest.param(
        (position("  integritas: 2\n", "  integritas: 5\n"),),
        f"{SHOWN}:8:15: targets.integritas: 'integritas' has no level 5 "
        "Hint: its levels run from 1 to 3",
        id="level-above-the-competency",
    ),
    pytest.param(
        (
            TEKNIS_GROUP,
            DICT_FILE,
            technical(),
            replace("positions.yaml", "      kerjasama: 3\n", "      kerjasama: 2\n"),
            position("  integritas: 2\n", "  integritas: 2\n  kerjasama: 3\n"),
        ),
        f"{SHOWN}:9:14: targets.kerjasama: 'kerjasama' has no level 3 "
        "Hint: its levels run from 1 to 2",
        id="technical-level-above-its-dictionary",
    ),
    pytest.param(
        (
            TEKNIS_GROUP,
            DICT_FILE,
            technical(),
            replace("positions.yaml", "      kerjasama: 3\n", "      kerjasama: 2\n"),
            position("  integritas: 2\n", "  integritas: 2\n  kerjasama: null\n"),
        ),
        f"{SHOWN}:9:14: targets.kerjasama: 'kerjasama' is a technical competency and needs a "
        "level, not null Hint: give a level from 1 to 2, or remove it if the position does not "
        "need it",
        id="technical-target-without-level",
    ),
    pytest.param(
        (position("kind: pelaksana\n", "kind: fungsional\n"),),
        f"{SHOWN}:5:7: kind: a position of kind 'fungsional' needs a grade Hint: add grade: with "
        "one of pemula, terampil, mahir, penyelia, ahli_pertama, ahli_muda, ahli_madya, "
        "ahli_utama",
        id="functional-without-grade",
    ),
    pytest.param(
        (position("kind: pelaksana\n", "kind: jpt\ngrade: ahli_muda\n"),),
        f"{SHOWN}:6:8: grade: 'ahli_muda' is not a grade of kind 'jpt' "
        "Hint: use one of utama, madya, pratama",
        id="grade-of-another-kind",
    ),
    pytest.param(
        (position("kind: pelaksana\n", "kind: pelaksana\ngrade: madya\n"),),
        f"{SHOWN}:6:8: grade: a position of kind 'pelaksana' has no grade "
        "Hint: remove grade:; only jpt and fungsional positions have one",
        id="grade-on-a-kind-without-grades",
    ),
    pytest.param(
        (position("extends: pelaksana\n", "extends: jpt-pratama\n"),),
        f"{SHOWN}:4:10: extends: the position type 'jpt-pratama' is for jpt pratama, this "
        "position is pelaksana Hint: extend a position type of the same kind and grade, or fix "
        "kind and grade",
        id="template-of-another-kind",
    ),
    pytest.param(
        (position("verified: false\n", "verified: true\n"),),
        f"{SHOWN}:16:11: verified: verified is true, but sources lists only 1 distinct source "
        "Hint: name at least two independent sources that give these targets, or set "
        "verified: false",
        id="verified-with-one-source",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), CASES)
def test_position_rule(
    load_edited: Callable[..., Outcome], edits: tuple[Edit, ...], expected: str
) -> None:
    assert load_edited(*edits).errors == [expected]


def test_every_problem_of_every_position_is_reported_together(
    load_edited: Callable[..., Outcome],
) -> None:
    outcome = load_edited(
        position("kind: pelaksana\n", "kind: fungsional\n"),
        position(
            "extends: pelaksana\n",
            "extends: pelaksan\n",
            file="positions/pelaksana-dua.yaml",
            text=POSITION.replace("pelaksana-uji", "pelaksana-dua"),
        ),
        position(
            "id: pelaksana-uji\n",
            "id: pelaksana-tiga\nnama: Salah\n",
            file="positions/pelaksana-tiga.yaml",
        ),
    )
    assert outcome.errors == [
        "std/positions/pelaksana-dua.yaml:4:10: extends: unknown position type 'pelaksan' "
        "Hint: did you mean 'pelaksana'?",
        "std/positions/pelaksana-tiga.yaml:3:1: nama: unknown key 'nama' Hint: did you mean "
        "'name'?",
        f"{SHOWN}:5:7: kind: a position of kind 'fungsional' needs a grade Hint: add grade: "
        "with one of pemula, terampil, mahir, penyelia, ahli_pertama, ahli_muda, ahli_madya, "
        "ahli_utama",
    ]


def test_an_unreadable_positions_file_is_not_blamed_on_each_position(
    load_edited: Callable[..., Outcome],
) -> None:
    outcome = load_edited(
        position(), replace("positions.yaml", "  - id: pelaksana\n", "  - id: [\n")
    )
    assert outcome.errors
    assert [line for line in outcome.errors if line.startswith(SHOWN)] == []


@pytest.mark.parametrize(
    ("category", "ident", "expected"),
    [
        ("pimpinan_tinggi", "jpt-utama", ("jpt", "utama")),
        ("pimpinan_tinggi", "kepala-badan", ("jpt", None)),
        ("administrasi", "pengawas", ("pengawas", None)),
        ("administrasi", "kepala-seksi", (None, None)),
        ("administrasi", "fungsional", (None, None)),
        ("fungsional", "jf-ahli-pertama", ("fungsional", "ahli_pertama")),
        ("fungsional", "jf-ahli", ("fungsional", None)),
        ("lainnya", "pelaksana", (None, None)),
    ],
)
def test_a_templates_kind_and_grade_come_from_its_category_and_id(
    category: str, ident: str, expected: tuple[str | None, str | None]
) -> None:
    assert template_kind({"id": ident, "category": category}) == expected
