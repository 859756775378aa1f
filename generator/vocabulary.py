"""The closed lists of the standard, each written once.

A closed list is a set of codes the code itself relies on (a rule, a page, the quiz): the
competency groups, the 70:20:10 learning categories, the position categories. Everything else
derives from here:

- the ``enum`` of every schema property marked ``"x-vocabulary": "<list>"`` in
  ``generator/schemas/*.json`` is written by ``python -m generator.vocabulary`` (editors read the
  schema files as they are, so the lists must be in them), and ``tests/standard/test_vocabulary.py``
  fails when a schema drifts from this module;
- the rules, the pages, the importer and the quiz import the codes and labels from here.

Names the maintainers word themselves (a group's or a learning category's ``name`` and
``description``) stay in ``standards/framework.yaml``; only their codes are closed here. Labels
that no data file carries (the position categories) are here, and reach the browser through the
page's data, never as JavaScript literals.

Standard library only: nothing here may pull in MkDocs, Jinja2 or PyYAML.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# The group of the technical competencies (``standards/dictionaries/``): written once, in the
# engine's model, because the code shipped to the browser cannot import this module.
from generator.engine.model import TECHNICAL_GROUP as TECHNICAL_GROUP

CORE_GROUPS = ("manajerial", "sosial_kultural")
"""The groups of the regulation's nine competencies: every position requires each of them."""
COMPETENCY_GROUPS = (*CORE_GROUPS, TECHNICAL_GROUP)

LEARNING_CATEGORIES = ("70", "20", "10")
"""The 70:20:10 categories, by id (the id is the category's share in percent)."""

POSITION_CATEGORY_LABELS = {
    "pimpinan_tinggi": "Jabatan Pimpinan Tinggi",
    "administrasi": "Jabatan Administrasi",
    "fungsional": "Jabatan Fungsional",
    "lainnya": "Jabatan Lainnya",
}
"""The category of a position in ``positions.yaml``, with the heading it is listed under."""
POSITION_CATEGORIES = tuple(POSITION_CATEGORY_LABELS)
NO_POSITION_CATEGORY_LABEL = "Jabatan Lainnya"
"""The heading of positions without a category (same as ``lainnya``: one reading everywhere)."""

POSITION_KIND_LABELS = {
    "jpt": "Jabatan Pimpinan Tinggi",
    "administrator": "Jabatan Administrator",
    "pengawas": "Jabatan Pengawas",
    "pelaksana": "Jabatan Pelaksana",
    "fungsional": "Jabatan Fungsional",
}
"""The kind of a real position (``standards/positions/``) with its heading, in the order the
index and its filters list them."""
POSITION_KINDS = tuple(POSITION_KIND_LABELS)
POSITION_GRADES: dict[str, tuple[str, ...]] = {
    "jpt": ("utama", "madya", "pratama"),
    "fungsional": (
        "pemula",
        "terampil",
        "mahir",
        "penyelia",
        "ahli_pertama",
        "ahli_muda",
        "ahli_madya",
        "ahli_utama",
    ),
}
"""The grades (jenjang) of the kinds that have them, lowest first; the other kinds have none."""
POSITION_GRADE_LABELS = {
    "utama": "Utama",
    "madya": "Madya",
    "pratama": "Pratama",
    "ahli_utama": "Ahli Utama",
    "ahli_madya": "Ahli Madya",
    "ahli_muda": "Ahli Muda",
    "ahli_pertama": "Ahli Pertama",
    "penyelia": "Penyelia",
    "mahir": "Mahir",
    "terampil": "Terampil",
    "pemula": "Pemula",
}
"""Each grade's name as pages show it, highest first within each kind (the filters' order)."""
POSITION_CATEGORY_OF_KIND = {
    "jpt": "pimpinan_tinggi",
    "administrator": "administrasi",
    "pengawas": "administrasi",
    "pelaksana": "administrasi",
    "fungsional": "fungsional",
}
"""The category a real position of each kind is listed under, beside the templates."""
POSITION_LISTING_ORDER = tuple(
    dict.fromkeys(
        key
        for category in POSITION_CATEGORIES
        for key in (
            *(kind for kind, of in POSITION_CATEGORY_OF_KIND.items() if of == category),
            category,
        )
    )
)
"""Kinds and categories in the order lists show them: each category after its kinds."""

CLOSED_LISTS: dict[str, tuple[str, ...]] = {
    "competency-group": COMPETENCY_GROUPS,
    "learning-category": LEARNING_CATEGORIES,
    "position-category": POSITION_CATEGORIES,
    "position-kind": POSITION_KINDS,
    "position-grade": tuple(grade for grades in POSITION_GRADES.values() for grade in grades),
}
"""Every closed list a schema may name with ``"x-vocabulary"``."""

SCHEMA_DIR = Path(__file__).parent / "schemas"


def position_category_label(category: str | None) -> str:
    """The heading a position of ``category`` is listed under, on the pages and in the quiz."""
    if not category:
        return NO_POSITION_CATEGORY_LABEL
    return POSITION_CATEGORY_LABELS.get(category, category)


def _marked(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema object (at any depth) that names a closed list with ``x-vocabulary``."""
    if isinstance(node, dict):
        if "x-vocabulary" in node:
            yield node
        for value in node.values():
            yield from _marked(value)
    elif isinstance(node, list):
        for value in node:
            yield from _marked(value)


def with_enums(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with the ``enum`` of every ``x-vocabulary`` property set from this module.

    Raises ``KeyError`` for a list this module does not define."""
    result: dict[str, Any] = json.loads(json.dumps(schema))
    for node in _marked(result):
        node["enum"] = list(CLOSED_LISTS[node["x-vocabulary"]])
    return result


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the files in ``generator/schemas/`` are written."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale_schemas(directory: Path = SCHEMA_DIR) -> dict[Path, str]:
    """The schema files whose enums differ from this module, each with its corrected text."""
    stale = {}
    for path in sorted(directory.glob("*.schema.json")):
        text = path.read_text(encoding="utf-8")
        wanted = schema_text(with_enums(json.loads(text)))
        if wanted != text:
            stale[path] = wanted
    return stale


def main() -> int:
    """Writes the closed lists into the schema files (``python -m generator.vocabulary``)."""
    for path, text in stale_schemas().items():
        path.write_text(text, encoding="utf-8")
        print(f"{path}: enums rewritten from generator/vocabulary.py")  # a developer tool
    return 0


if __name__ == "__main__":
    sys.exit(main())
