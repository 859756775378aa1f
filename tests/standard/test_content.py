"""Coverage of the real dictionary in standards/: what the site, the quiz and agencies rely on."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from standard_support import BASE, REAL_STANDARDS, ROOT

from generator.standard import Standard, load_standard
from generator.standard.schema import SUPPORTED_KEYWORDS

COMPETENCY_IDS = [
    "integritas",
    "kerjasama",
    "komunikasi",
    "orientasi-pada-hasil",
    "pelayanan-publik",
    "pengembangan-diri-dan-orang-lain",
    "mengelola-perubahan",
    "pengambilan-keputusan",
    "perekat-bangsa",
]
LEVEL_NAMES = [(1, "Paham"), (2, "Dasar"), (3, "Menengah"), (4, "Mumpuni"), (5, "Ahli")]
STRUCTURAL_TARGETS = {
    "jpt-madya": 5,
    "jpt-pratama": 4,
    "administrator": 3,
    "pengawas": 2,
    "pelaksana": 1,
}
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SCHEMA_DIR = ROOT / "generator" / "schemas"
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


@pytest.fixture(scope="module")
def standard() -> Standard:
    return load_standard(REAL_STANDARDS)


@pytest.fixture(scope="module")
def data(standard: Standard) -> dict[str, Any]:
    """The regulation's dictionary: the technical example dictionary is checked on its own."""
    return {
        **standard.data,
        "competencies": [c for c in standard.data["competencies"] if c["group"] != "teknis"],
    }


@pytest.fixture(scope="module")
def example(standard: Standard) -> list[dict[str, Any]]:
    return [c for c in standard.data["competencies"] if c["group"] == "teknis"]


def _indicators(data: dict[str, Any]) -> Iterator[tuple[str, int, dict[str, Any]]]:
    for competency in data["competencies"]:
        for level in competency["levels"]:
            for indicator in level["indicators"]:
                yield competency["id"], level["level"], indicator


def test_real_standards_validate_without_warnings(standard: Standard) -> None:
    assert standard.warnings == ()


def test_nine_competencies_in_the_regulation_order(data: dict[str, Any]) -> None:
    assert [c["id"] for c in data["competencies"]] == COMPETENCY_IDS
    groups = {c["id"]: c["group"] for c in data["competencies"]}
    assert groups == {cid: "manajerial" for cid in COMPETENCY_IDS[:8]} | {
        "perekat-bangsa": "sosial_kultural"
    }


def test_45_levels_and_135_indicators(data: dict[str, Any]) -> None:
    assert sum(len(c["levels"]) for c in data["competencies"]) == 45
    assert sum(1 for _ in _indicators(data)) == 135
    for competency in data["competencies"]:
        assert [lv["level"] for lv in competency["levels"]] == [1, 2, 3, 4, 5], competency["id"]
        for level in competency["levels"]:
            assert len(level["indicators"]) == 3, (competency["id"], level["level"])


def test_ids_are_well_formed(data: dict[str, Any]) -> None:
    for competency in data["competencies"]:
        assert SLUG.fullmatch(competency["id"])
    for cid, level, indicator in _indicators(data):
        number = int(indicator["id"].rsplit(".", 1)[1])
        assert indicator["id"] == f"{cid}.{level}.{number}"
        assert 1 <= number <= 3
    for position in data["positions"]:
        assert SLUG.fullmatch(position["id"])
    for form in data["learning"]["forms"]:
        assert SLUG.fullmatch(form["id"])
    ids = [i["id"] for _, _, i in _indicators(data)]
    assert len(set(ids)) == len(ids) == 135


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, f"{path}[{index}]")


def test_every_text_is_non_empty(data: dict[str, Any]) -> None:
    empty = [path for path, text in _strings(data) if not text.strip()]
    assert empty == []
    assert sum(1 for _ in _strings(data)) > 1000  # the walk did reach the texts


def test_every_indicator_has_an_example(data: dict[str, Any]) -> None:
    missing = [i["id"] for _, _, i in _indicators(data) if not i.get("example", "").strip()]
    assert missing == []


def test_no_two_indicators_share_a_text(data: dict[str, Any]) -> None:
    texts = Counter(" ".join(i["text"].casefold().split()) for _, _, i in _indicators(data))
    assert [text for text, count in texts.items() if count > 1] == []


def test_level_descriptions_do_not_all_start_with_mampu(data: dict[str, Any]) -> None:
    monotonous = [
        c["id"]
        for c in data["competencies"]
        if all(lv["description"].startswith("Mampu") for lv in c["levels"])
    ]
    assert monotonous == []


def test_level_names(data: dict[str, Any]) -> None:
    assert [(lv["level"], lv["name"]) for lv in data["framework"]["levels"]] == LEVEL_NAMES


def test_structural_positions_and_their_levels(data: dict[str, Any]) -> None:
    positions = {p["id"]: p for p in data["positions"]}
    for position_id, level in STRUCTURAL_TARGETS.items():
        position = positions[position_id]
        assert position["targets"] == dict.fromkeys(COMPETENCY_IDS, level), position_id


def test_verified_means_two_named_sources(data: dict[str, Any]) -> None:
    # The fact sheet: JPT Pratama to Pelaksana rest on the Kementerian PANRB publication and
    # one HR application's table (two sources agreeing); JPT Madya on the publication alone.
    templates = [p for p in data["positions"] if p["template"]]
    basis = {p["id"]: (p["basis"]["status"], len(p["sources"])) for p in templates}
    assert {k: v for k, v in basis.items() if not k.startswith("jf-")} == {
        "jpt-madya": ("unverified", 1),
        "jpt-pratama": ("verified", 2),
        "administrator": ("verified", 2),
        "pengawas": ("verified", 2),
        "pelaksana": ("verified", 2),
    }
    for position in data["positions"]:
        assert position["verified"] is (position["basis"]["status"] == "verified")
        if position["verified"]:
            for source in position["sources"]:
                assert source in position["basis"]["text"], position["id"]
    assert "jpt-utama" not in basis  # no source found for it


def test_functional_positions_have_no_target(data: dict[str, Any]) -> None:
    # Each functional position's levels are set by its own standard: a generic target would
    # create false gaps, so the quiz asks for the levels in the person's SKJ document.
    functional = [p for p in data["positions"] if p["category"] == "fungsional" and p["template"]]
    assert len(functional) >= 7
    for position in functional:
        assert position["targets"] == dict.fromkeys(COMPETENCY_IDS), position["id"]
        assert (position["sources"], position["verified"]) == ([], False)
        assert position["basis"]["status"] == "no_target"


def test_learning_catalogue_has_two_activities_per_cell_one_can_take(
    data: dict[str, Any],
) -> None:
    # Placements, exchanges and leadership programmes are the agency's to assign: every cell
    # keeps two activities the employee can take without them.
    cells = Counter(
        (a["competency"], a["level"], a["category"])
        for a in data["learning"]["activities"]
        if not a["arranged_by_agency"]
    )
    thin = [
        (cid, level, category, cells[(cid, level, category)])
        for cid in COMPETENCY_IDS
        for level in range(1, 6)
        for category in ("70", "20", "10")
        if cells[(cid, level, category)] < 2
    ]
    assert thin == []


def test_the_example_technical_dictionary(
    standard: Standard, example: list[dict[str, Any]]
) -> None:
    (dictionary,) = standard.data["dictionaries"]
    assert dictionary["illustrative"] is True
    assert dictionary["levels"] == 5
    assert 4 <= len(example) <= 6
    for competency in example:
        assert competency["dictionary"] == dictionary["id"]
        assert [lv["level"] for lv in competency["levels"]] == [1, 2, 3, 4, 5]
        assert all(len(lv["indicators"]) == 3 for lv in competency["levels"])
    cells = Counter(
        (a["competency"], a["level"], a["category"])
        for a in standard.data["learning"]["activities"]
        if not a["arranged_by_agency"]
    )
    thin = [
        (c["id"], level, category)
        for c in example
        for level in range(1, 6)
        for category in ("70", "20", "10")
        if cells[(c["id"], level, category)] < 2
    ]
    assert thin == []


def test_assigned_forms_are_marked_and_sized_as_they_are(data: dict[str, Any]) -> None:
    activities = data["learning"]["activities"]
    assigned_forms = {"detasering", "pertukaran-pegawai"}
    assert [
        a["id"] for a in activities if a["form"] in assigned_forms and not a["arranged_by_agency"]
    ] == []
    # Months of placement or exchange, hundreds of JP of structural leadership training.
    assert [a["id"] for a in activities if a["form"] in assigned_forms and a["jp"] < 160] == []
    leadership = [a for a in activities if "Pelatihan Kepemimpinan" in a["activity"]]
    assert leadership and all(a["arranged_by_agency"] and a["jp"] >= 300 for a in leadership)
    # A detasering is a placement in another agency.
    for a in activities:
        if a["form"] == "detasering":
            assert "instansi lain" in a["activity"] or "pemerintah daerah" in a["activity"], a["id"]


def test_learning_texts_read_alone(data: dict[str, Any]) -> None:
    # Each activity is read on its own in the plan: no pronoun pointing at another text.
    words = ("tersebut", " ia ", "persekutuan")
    assert [
        a["id"] for a in data["learning"]["activities"] if any(w in a["activity"] for w in words)
    ] == []


def test_foreign_terms_in_learning_texts_are_italic(data: dict[str, Any]) -> None:
    # The pages set foreign terms in italics; the catalogue marks them *coaching*.
    plain = re.compile(r"(?<![*\w-])(coaching|mentoring|e-learning|Corporate)(?![\w-]*\*)", re.I)
    assert [a["id"] for a in data["learning"]["activities"] if plain.search(a["activity"])] == []
    marked = [a for a in data["learning"]["activities"] if "*coaching*" in a["activity"]]
    assert len(marked) >= 9


def test_the_jp_rule_is_stated(data: dict[str, Any]) -> None:
    rule = data["learning"]["jp_rule"]
    assert "45 menit" in rule and "ketentuannya sendiri" in rule


SCHEMA_OF_FOLDER = {
    "competencies": "competency",
    "learning": "learning",
    "dictionaries": "dictionary",
    "positions": "position",
}
YAML_FILES = sorted(REAL_STANDARDS.rglob("*.yaml")) + sorted(BASE.rglob("*.yaml"))


@pytest.mark.parametrize("file", YAML_FILES, ids=lambda f: str(f.relative_to(ROOT)))
def test_yaml_file_names_its_schema_on_the_first_line(file: Path) -> None:
    first_line = file.read_text(encoding="utf-8").split("\n", 1)[0]
    match = SCHEMA_LINE.fullmatch(first_line)
    assert match, first_line
    schema = (file.parent / match.group(1)).resolve()
    kind = SCHEMA_OF_FOLDER.get(file.parent.name, file.stem)
    assert schema == SCHEMA_DIR / f"{kind}.schema.json"
    assert schema.is_file()


def _keywords(schema: dict[str, Any], where: str) -> Iterator[tuple[str, str]]:
    """Every keyword used anywhere in a schema (property names are names, not keywords)."""
    for key, value in schema.items():
        yield where, key
        if key in ("properties", "$defs"):
            for name, child in value.items():
                yield from _keywords(child, f"{where}/{key}/{name}")
        elif key in ("items", "additionalProperties", "propertyNames") and isinstance(value, dict):
            yield from _keywords(value, f"{where}/{key}")


@pytest.mark.parametrize(
    "schema_file", sorted(SCHEMA_DIR.glob("*.schema.json")), ids=lambda f: f.name
)
def test_schemas_use_only_supported_keywords(schema_file: Path) -> None:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    unsupported = [
        (where, key) for where, key in _keywords(schema, "#") if key not in SUPPORTED_KEYWORDS
    ]
    assert unsupported == []


def test_every_schema_is_shipped() -> None:
    assert sorted(f.name for f in SCHEMA_DIR.glob("*.schema.json")) == [
        "competency.schema.json",
        "dictionary.schema.json",
        "framework.schema.json",
        "learning.schema.json",
        "position.schema.json",
        "positions.schema.json",
    ]


EXAMPLE_POSITIONS = {
    "analis-sdm-aparatur-ahli-pertama-contoh": ("fungsional", "ahli_pertama", 2),
    "analis-sdm-aparatur-ahli-muda-contoh": ("fungsional", "ahli_muda", 3),
    "analis-sdm-aparatur-ahli-madya-contoh": ("fungsional", "ahli_madya", 4),
    "pranata-sdm-aparatur-terampil-contoh": ("fungsional", "terampil", None),
}


def test_templates_have_a_kind_and_grade(data: dict[str, Any]) -> None:
    templates = {p["id"]: (p["kind"], p["grade"]) for p in data["positions"] if p["template"]}
    assert templates == {
        "jpt-madya": ("jpt", "madya"),
        "jpt-pratama": ("jpt", "pratama"),
        "administrator": ("administrator", None),
        "pengawas": ("pengawas", None),
        "pelaksana": ("pelaksana", None),
        "jf-ahli-utama": ("fungsional", "ahli_utama"),
        "jf-ahli-madya": ("fungsional", "ahli_madya"),
        "jf-ahli-muda": ("fungsional", "ahli_muda"),
        "jf-ahli-pertama": ("fungsional", "ahli_pertama"),
        "jf-penyelia": ("fungsional", "penyelia"),
        "jf-mahir": ("fungsional", "mahir"),
        "jf-terampil": ("fungsional", "terampil"),
        "jf-pemula": ("fungsional", "pemula"),
    }


def test_example_positions_are_complete_illustrative_skjs(standard: Standard) -> None:
    # The example family: SDM Aparatur positions at different grades, each a complete SKJ
    # labelled as an example (the fact sheet's one secondary source for the managerial levels).
    real = {p["id"]: p for p in standard.data["positions"] if not p["template"]}
    assert set(real) == set(EXAMPLE_POSITIONS)
    technical = {c["id"] for c in standard.data["competencies"] if c["group"] == "teknis"}
    for ident, (kind, grade, level) in EXAMPLE_POSITIONS.items():
        position = real[ident]
        assert (position["kind"], position["grade"]) == (kind, grade)
        assert position["extends"] == "jf-" + grade.replace("_", "-")
        assert position["illustrative"] is True and position["verified"] is False
        assert position["basis"]["label"] == "contoh, belum terverifikasi"
        assert any("Contoh ilustratif" in s for s in position["sources"])
        assert position["summary"] and position["agency"] and position["unit"]
        managerial = {k: v for k, v in position["targets"].items() if k not in technical}
        assert set(managerial) == set(COMPETENCY_IDS)
        if level is not None:
            assert set(managerial.values()) == {level}
        assert all(isinstance(v, int) for v in position["targets"].values())
        assert len(set(position["targets"]) & technical) >= 2
        assert position["dictionaries"] == ["sdm-aparatur-contoh"]
        requirements = position["requirements"]
        assert requirements["education"] and requirements["experience"]
        assert requirements["training_by_type"]["technical"]
        assert requirements["training_by_type"]["functional"]
