"""The closed lists exist once (``generator/vocabulary.py``): the schemas carry them as written
there, and a label reads the same on the reference pages and in the quiz."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator import vocabulary
from generator.quiz import page as quiz_page
from generator.render import pages
from generator.render.links import position_page
from generator.standard import load_export

ROOT = Path(__file__).resolve().parents[2]


def _enums(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if "enum" in node else []
        return found + [item for value in node.values() for item in _enums(value)]
    if isinstance(node, list):
        return [item for value in node for item in _enums(value)]
    return []


def test_every_schema_enum_is_written_from_the_vocabulary() -> None:
    assert vocabulary.stale_schemas() == {}, "run: .venv/bin/python -m generator.vocabulary"


def test_no_schema_spells_a_closed_list_itself() -> None:
    codes = {code for codes in vocabulary.CLOSED_LISTS.values() for code in codes}
    marked = set()
    for path in sorted(vocabulary.SCHEMA_DIR.glob("*.schema.json")):
        for node in _enums(json.loads(path.read_text(encoding="utf-8"))):
            if codes & {str(value) for value in node["enum"]}:
                assert "x-vocabulary" in node, f"{path.name}: enum {node['enum']} is not marked"
                marked.add(node["x-vocabulary"])
    assert {"competency-group", "learning-category", "position-category"} <= marked


def test_a_drifted_schema_is_reported_and_rewritten(tmp_path: Path) -> None:
    for path in vocabulary.SCHEMA_DIR.glob("*.schema.json"):
        shutil.copy(path, tmp_path / path.name)
    drifted = tmp_path / "competency.schema.json"
    original = drifted.read_text(encoding="utf-8")
    edited = original.replace('        "teknis"\n', '        "teknis",\n        "lain"\n', 1)
    assert edited != original
    drifted.write_text(edited, encoding="utf-8")
    assert vocabulary.stale_schemas(tmp_path) == {drifted: original}


def test_an_unknown_list_name_is_refused() -> None:
    with pytest.raises(KeyError):
        vocabulary.with_enums({"x-vocabulary": "position-colour", "enum": []})


def test_lainnya_reads_the_same_on_the_pages_and_in_the_quiz() -> None:
    data = load_export(ROOT / "standards")
    position = data["positions"][0]
    # What the export gives a template of category lainnya: it stands for no single kind.
    position.update(category="lainnya", kind=None, grade=None)
    label = vocabulary.position_category_label("lainnya")
    assert label == "Jabatan Lainnya"

    files = {f.uri: f.content + "".join(f.parts) for f in pages.render_site(data, {})}
    index = files["jabatan/index.md"]
    assert re.search(rf"^## {label} ", index, flags=re.MULTILINE), index
    assert label in files[position_page(position["id"])]

    quiz = quiz_page.render_html(data)
    # The quiz prefixes the group ("Kategori umum: Jabatan Lainnya"); the label is the same.
    groups = re.findall(r'<optgroup label="([^"]*)">', quiz)
    assert [group for group in groups if group.endswith(label)] == [f"Kategori umum: {label}"]
    assert not [group for group in groups if group.endswith("lainnya")]


def test_every_kind_and_grade_has_one_label() -> None:
    assert tuple(vocabulary.POSITION_KIND_LABELS) == vocabulary.POSITION_KINDS
    grades = vocabulary.CLOSED_LISTS["position-grade"]
    assert sorted(vocabulary.POSITION_GRADE_LABELS) == sorted(grades)
    assert len(set(grades)) == len(grades)


def test_kinds_are_listed_before_their_category() -> None:
    assert vocabulary.POSITION_LISTING_ORDER == (
        "jpt",
        "pimpinan_tinggi",
        "administrator",
        "pengawas",
        "pelaksana",
        "administrasi",
        "fungsional",
        "lainnya",
    )


def test_a_position_without_category_is_listed_with_lainnya() -> None:
    assert vocabulary.position_category_label(None) == vocabulary.position_category_label("lainnya")
