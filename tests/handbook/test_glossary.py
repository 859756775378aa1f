"""The handbook's glossary lists every property of every schema, with its term and meaning."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import markdown
from handbook_support import ROOT, page_text

from generator import glossary

SCHEMAS = ROOT / "generator" / "schemas"


def _naive_properties(node: Any) -> list[tuple[str, dict[str, Any]]]:
    """Every entry of every ``properties`` mapping anywhere in a schema (no grammar, no $ref)."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found.extend(value.items())
            found.extend(_naive_properties(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_naive_properties(item))
    return found


def test_every_schema_is_in_the_glossary() -> None:
    files = sorted(p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json"))
    assert sorted(glossary.schema_names()) == files
    assert set(glossary.SCHEMA_FILES) <= set(files), "no stale file label"


def test_every_property_of_every_schema_has_a_row() -> None:
    for name in glossary.schema_names():
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        rows = glossary.rows([name])
        properties = _naive_properties(schema)
        named_rows = [r for r in rows if not r.key_path.endswith(glossary.FREE_KEY)]
        assert len(named_rows) == len(properties), name
        for key, prop in properties:
            matching = [
                r
                for r in named_rows
                if r.key_path.rsplit(".", 1)[-1] == key
                and r.term == prop.get("x-term")
                and r.meaning == prop.get("description")
            ]
            assert matching, f"{name}: no glossary row for '{key}'"


def test_every_property_has_an_indonesian_term_and_meaning() -> None:
    for row in glossary.rows():
        assert row.term, f"{row.file} {row.key_path}: add an x-term to the schema"
        assert row.meaning, f"{row.file} {row.key_path}: add a description to the schema"


def test_rows_know_types_and_required_keys() -> None:
    rows = {(r.file, r.key_path): r for r in glossary.rows()}
    level = rows[("competencies/<kode>.yaml", "levels[].level")]
    assert (level.type, level.required) == ("bilangan bulat 1–5", True)
    example = rows[("competencies/<kode>.yaml", "levels[].indicators[].example")]
    assert (example.type, example.required) == ("teks", False)
    group = rows[("competencies/<kode>.yaml", "group")]
    assert group.type == "salah satu dari `manajerial`, `sosial_kultural`, `teknis`"
    target = rows[("positions.yaml", "positions[].targets.<kode>")]
    assert target.type == "bilangan bulat 1–5 atau `null`"
    assert rows[("framework.yaml", "learning.categories")].type == "daftar (3 butir)"


def test_the_table_renders_with_one_row_per_key_and_no_raw_html() -> None:
    table = glossary.render_glossary()
    rendered = markdown.markdown(table, extensions=["tables"])
    assert rendered.count("<tr>") == len(glossary.rows()) + 1
    # "<kode kompetensi>" in a meaning must show as text, not vanish as an unknown HTML tag.
    assert "&lt;kode kompetensi&gt;" in rendered
    assert "<kode" not in rendered.replace("<code>", "")


def test_the_handbook_page_has_the_marker_the_plugin_replaces() -> None:
    page = page_text("struktur-data.md")
    assert [line for line in page.splitlines() if line.strip() == glossary.MARKER] == [
        glossary.MARKER
    ]
    replaced = glossary.replace_marker(page)
    assert glossary.MARKER not in replaced
    assert glossary.render_glossary() in replaced
    assert re.search(r"^## Glosarium$", replaced, re.MULTILINE)


def test_the_glossary_imports_no_mkdocs() -> None:
    code = (
        "import sys, generator.glossary as g; g.render_glossary(); "
        "sys.exit(any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0
