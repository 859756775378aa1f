"""A position's Standar Kompetensi Jabatan (SKJ) as data: its labels, its required competencies
with the texts of their required levels, its own JSON and CSV downloads, and the facets the
positions index filters by (kind, grade, agency, technical dictionary).

Plain functions over the typed model (:mod:`generator.engine.model`); the page renderers in
:mod:`generator.render.pages` turn them into pages, the downloads are written as they are (the
JSON download copies the position's entry of the export itself).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from generator.engine.cells import formula_safe
from generator.engine.model import Competency, CompetencyLevel, Position, StandardModel
from generator.vocabulary import (
    POSITION_GRADE_LABELS,
    POSITION_KIND_LABELS,
    POSITION_LISTING_ORDER,
    position_category_label,
)

KIND_NAMES = POSITION_KIND_LABELS
"""The kinds in the order the index and the filters list them (:mod:`generator.vocabulary`)."""
GRADE_NAMES = POSITION_GRADE_LABELS
"""Grades (jenjang), highest first within each kind (:mod:`generator.vocabulary`)."""
TRAINING_TYPES = (
    ("managerial", "manajerial"),
    ("technical", "teknis"),
    ("functional", "fungsional"),
)
CSV_COLUMNS = (
    "position_id",
    "position",
    "competency_id",
    "competency",
    "group",
    "dictionary",
    "level",
    "level_name",
    "level_description",
    "indicators",
)
"""One row per competency the position requires; ``indicators`` holds the required level's
indicators, one per line, each after its id."""


def kind_key(position: Position) -> str:
    """What the position is grouped and filtered by: its kind, or its category in an export
    made before positions had kinds."""
    return position.kind or position.category


def kind_name(key: str) -> str:
    """The kind's heading; an export without kinds groups by category (the vocabulary's)."""
    return KIND_NAMES.get(key) or position_category_label(key)


_KIND_ORDER = POSITION_LISTING_ORDER


def kind_rank(key: str) -> tuple[int, str]:
    order = list(_KIND_ORDER)
    return (order.index(key) if key in order else len(order), key)


def grade_name(grade: str | None) -> str:
    return GRADE_NAMES.get(grade, grade) if grade else ""


def by_kind(positions: tuple[Position, ...]) -> list[tuple[str, str, list[Position]]]:
    """``(key, name, members)`` per kind in the kinds' order, members in data order."""
    keys = sorted({kind_key(p) for p in positions}, key=kind_rank)
    return [(k, kind_name(k), [p for p in positions if kind_key(p) == k]) for k in keys]


def requirements(position: Position) -> dict[str, Any]:
    """Education, training by type and experience, each a list (empty when not given)."""
    given = position.requirements
    return {
        "education": list(given.education),
        "training": [
            {"type": key, "name": name, "entries": list(given.training_by_type.get(key, ()))}
            for key, name in TRAINING_TYPES
        ],
        "experience": list(given.experience),
    }


def unnamed_sources(position: Position) -> list[str]:
    """The sources the position's basis sentence does not already name (it names one source,
    or every source when they agree): the page lists these under its own heading."""
    text = position.basis.text if position.basis else ""
    sources = [" ".join(s.split()) for s in position.sources]
    if all(s.rstrip(".") in text for s in sources):
        return []
    return sources


def has_requirements(position: Position) -> bool:
    needed = requirements(position)
    return bool(
        needed["education"] or needed["experience"] or any(t["entries"] for t in needed["training"])
    )


def required(
    standard: StandardModel, position: Position
) -> Iterator[tuple[Competency, int | None, CompetencyLevel | None]]:
    """Each competency the position requires, in the standard's order: the competency, the
    required level (``None`` when not known) and that level's entry (``None`` likewise)."""
    targets = position.targets
    for competency in standard.competencies:
        if competency.id not in targets:
            continue
        level = targets[competency.id]
        yield competency, level, competency.level_entry(level)


def dictionaries_used(standard: StandardModel, position: Position) -> list[str]:
    """The ids of the technical dictionaries the position's targets use, in order."""
    if position.dictionaries is not None:
        return list(position.dictionaries)
    seen: list[str] = []
    for competency, _, _ in required(standard, position):
        name = competency.dictionary
        if name and name not in seen:
            seen.append(name)
    return seen


def document(
    data: Mapping[str, Any], standard: StandardModel, position: Position
) -> dict[str, Any]:
    """The position's own JSON download: its entry of the export (``data``, copied as it is),
    and for each competency it requires the texts a reader of the SKJ needs (definition, level
    description, indicators)."""
    names = standard.framework.level_names
    used = dictionaries_used(standard, position)
    framework = data["framework"]
    return {
        "schema_version": standard.schema_version,
        "framework": {
            "title": framework["title"],
            "short_title": framework["short_title"],
            "version": framework["version"],
            "source": framework["source"],
        },
        "position": dict(next(p for p in data["positions"] if p["id"] == position.id)),
        "competencies": [
            {
                "id": competency.id,
                "name": competency.name,
                "group": competency.group,
                "dictionary": competency.dictionary,
                "definition": competency.definition,
                "level": level,
                "level_name": names.get(level) if level is not None else None,
                "level_description": entry.description if entry else None,
                "indicators": [{"id": ind.id, "text": ind.text} for ind in entry.indicators]
                if entry
                else [],
            }
            for competency, level, entry in required(standard, position)
        ],
        "dictionaries": [d for d in data.get("dictionaries") or [] if d["id"] in used],
    }


def document_json(data: Mapping[str, Any], standard: StandardModel, position: Position) -> str:
    return json.dumps(document(data, standard, position), ensure_ascii=False, indent=2) + "\n"


def document_csv(standard: StandardModel, position: Position) -> str:
    """One row per required competency, UTF-8 with BOM like the site's CSV export."""
    names = standard.framework.level_names
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for competency, level, entry in required(standard, position):
        indicators = "\n".join(
            f"{ind.id} {ind.text}" for ind in (entry.indicators if entry else ())
        )
        writer.writerow(
            formula_safe(value)
            for value in (
                position.id,
                position.name,
                competency.id,
                competency.name,
                competency.group,
                competency.dictionary or "",
                "" if level is None else level,
                names.get(level, "") if level is not None else "",
                entry.description if entry else "",
                indicators,
            )
        )
    return "\ufeff" + out.getvalue()
