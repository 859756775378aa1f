"""Shape validated files into the public export (JSON ``schema_version`` 1) and write CSV.

The export is the one data contract of the project: the site renders from it, the browser engine
receives it, agencies download it. Its format is documented in the maintainer handbook.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.engine.cells import formula_safe
from generator.engine.model import (
    DEFAULT_GROUP_SIZE,
    DEFAULT_LEVEL_RULE,
    DEFAULT_MIN_GROUP,
    StandardModel,
)
from generator.standard.loader import Loaded
from generator.standard.positions import resolved_targets, template_kind
from generator.vocabulary import POSITION_CATEGORY_OF_KIND

SCHEMA_VERSION = 1
CSV_COLUMNS = (
    "indicator_id",
    "competency_id",
    "competency",
    "group",
    "level",
    "level_name",
    "level_description",
    "indicator",
    "definition",
    "dictionary",
    "example",
)
"""``definition`` is filled on a competency's first row only (it is long, and ``kompetensi
import`` reads an empty repeat as the same text); ``dictionary`` is a technical competency's
dictionary id, empty for the others; ``example`` is the indicator's work situation for the
self-assessment (empty when it has none), so an import of the CSV keeps it."""


def build_export(loaded: Loaded) -> dict[str, Any]:
    """The export dict; call only on a folder that validated without problems."""
    assert loaded.framework is not None and loaded.positions is not None
    fw = loaded.framework.value
    group_rank = {g["id"]: i for i, g in enumerate(fw["groups"])}
    competencies = sorted(
        (p.value for p in loaded.competencies),
        key=lambda c: (group_rank[c["group"]], c["order"], c["id"]),
    )
    rank = {c["id"]: i for i, c in enumerate(competencies)}
    activities = [
        {
            "id": activity["id"],
            "competency": p.value["competency"],
            "level": activity["level"],
            "category": activity["category"],
            "form": activity["form"],
            "jp": activity["jp"],
            "arranged_by_agency": activity.get("arranged_by_agency", False),
            "activity": activity["activity"],
        }
        for p in sorted(loaded.learning, key=lambda p: rank.get(p.value["competency"], 0))
        for activity in p.value["activities"]
    ]
    scale = fw["assessment"]["scale"]
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": {
            "title": fw["title"],
            "short_title": fw["short_title"],
            "version": fw["version"],
            "source": fw["source"],
            "levels": fw["levels"],
            "groups": fw["groups"],
        },
        "assessment": {
            "scale": {"min": scale[0]["value"], "max": scale[-1]["value"], "labels": scale},
            "met_threshold": fw["assessment"]["met_threshold"],
            "level_rule": fw["assessment"].get("level_rule", DEFAULT_LEVEL_RULE),
            "default_jp": fw["assessment"]["default_jp"],
            "focus": fw["assessment"].get("focus", 3),
        },
        "recap": {
            "group_size": fw.get("recap", {}).get("group_size", DEFAULT_GROUP_SIZE),
            "min_group": fw.get("recap", {}).get("min_group", DEFAULT_MIN_GROUP),
        },
        "learning": {
            "categories": fw["learning"]["categories"],
            "forms": fw["learning"]["forms"],
            "jp_rule": fw["learning"].get("jp_rule", ""),
            "activities": activities,
        },
        "competencies": [
            {
                "id": c["id"],
                "name": c["name"],
                "group": c["group"],
                "dictionary": c.get("dictionary"),
                "order": c["order"],
                "aliases": c.get("aliases") or [],
                "definition": c["definition"],
                "levels": [
                    {
                        "level": lv["level"],
                        "description": lv["description"],
                        "indicators": [
                            {
                                "id": ind["id"],
                                "text": ind["text"],
                                "example": ind.get("example", ""),
                            }
                            for ind in lv["indicators"]
                        ],
                    }
                    for lv in c["levels"]
                ],
            }
            for c in competencies
        ],
        "dictionaries": [
            {
                "id": d["id"],
                "name": d["name"],
                "owner": d.get("owner"),
                "source": d.get("source"),
                "version": d.get("version"),
                "levels": d["levels"],
                "illustrative": d.get("illustrative", False),
            }
            for d in sorted((p.value for p in loaded.dictionaries), key=lambda d: d["id"])
        ],
        "positions": positions_export(loaded, competencies),
    }


def positions_export(loaded: Loaded, competencies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The templates of positions.yaml, then the real positions of positions/ by id: one shape
    for both (``template`` tells them apart), targets resolved and in competency order."""
    assert loaded.positions is not None
    dictionary_of = {c["id"]: c.get("dictionary") for c in competencies}
    order = [c["id"] for c in competencies]
    templates = {t["id"]: t for t in loaded.positions.value["positions"]}
    entries = []
    for template in loaded.positions.value["positions"]:
        kind, grade = template_kind(template)
        entries.append(
            _position_entry(
                {**template, "summary": template["description"]},
                template["targets"],
                order,
                dictionary_of,
                template=True,
                kind=kind,
                grade=grade,
                category=template["category"],
            )
        )
    for p in sorted((p.value for p in loaded.real_positions), key=lambda p: p["id"]):
        entries.append(
            _position_entry(
                {**p, "description": p["summary"]},
                resolved_targets(templates.get(p.get("extends", "")), p),
                order,
                dictionary_of,
                template=False,
                kind=p["kind"],
                grade=p.get("grade"),
                category=POSITION_CATEGORY_OF_KIND[p["kind"]],
            )
        )
    return entries


def _position_entry(
    p: dict[str, Any],
    targets: dict[str, int | None],
    order: list[str],
    dictionary_of: dict[str, str | None],
    *,
    template: bool,
    kind: str | None,
    grade: str | None,
    category: str,
) -> dict[str, Any]:
    ordered = {cid: targets[cid] for cid in order if cid in targets}
    requirements = p.get("requirements") or {}
    training = requirements.get("training") or {}
    by_type = {kind_of: list(training.get(kind_of) or []) for kind_of in TRAINING_TYPES}
    return {
        "id": p["id"],
        "name": p["name"],
        "category": category,
        "description": p["description"],
        "sources": p["sources"],
        "verified": p["verified"],
        "basis": target_basis({**p, "targets": ordered}),
        "targets": ordered,
        "template": template,
        "kind": kind,
        "grade": grade,
        "extends": p.get("extends"),
        "illustrative": p.get("illustrative", False),
        "agency": p.get("agency"),
        "unit": p.get("unit"),
        "summary": p["summary"],
        "requirements": {
            "education": list(requirements.get("education") or []),
            "training": [text for kind_of in TRAINING_TYPES for text in by_type[kind_of]],
            "experience": list(requirements.get("experience") or []),
            "training_by_type": by_type,
        },
        "dictionaries": list(
            dict.fromkeys(d for cid in ordered if (d := dictionary_of.get(cid)) is not None)
        ),
    }


TRAINING_TYPES = ("managerial", "technical", "functional")
"""The kinds of training an SKJ lists, in its order (manajerial, teknis, fungsional)."""


def target_basis(position: dict[str, Any]) -> dict[str, str]:
    """What a position's targets rest on, worded once for every surface (position pages, the
    quiz, its downloads): ``status`` is ``verified`` (at least two independent sources agree,
    checked by the validator), ``unverified`` or ``no_target``; ``label`` is the short badge
    and ``text`` the sentence that names the sources."""
    sources = [" ".join(source.split()) for source in position["sources"]]
    if all(target is None for target in position["targets"].values()):
        return {
            "status": "no_target",
            "label": "tanpa target",
            "text": (
                "Situs ini tidak memuat target untuk jabatan ini; pakailah level yang tercantum "
                "dalam dokumen SKJ jabatan Anda."
            ),
        }
    if position.get("illustrative"):
        # An example is never verified: the label says so, the sentence names what it rests on.
        return {
            "status": "unverified",
            "label": "contoh, belum terverifikasi",
            "text": "Target jabatan contoh ini bukan target resmi"
            + (f"; sumbernya: {'; '.join(s.rstrip('.') for s in sources)}." if sources else "."),
        }
    if position["verified"]:
        return {
            "status": "verified",
            "label": f"terverifikasi, {len(sources)} sumber",
            "text": (
                f"{_NUMBERS.get(len(sources), str(len(sources)))} sumber yang saling independen "
                f"memberikan target yang sama, yaitu {_listed(sources)}."
            ),
        }
    return {
        "status": "unverified",
        "label": "satu sumber, belum terverifikasi" if len(sources) == 1 else "belum terverifikasi",
        "text": (
            f"Target ini hanya bersandar pada satu sumber, yaitu {_listed(sources)}."
            if len(sources) == 1
            else "Sumber-sumber target ini belum dicocokkan satu sama lain."
            if sources
            else "Sumber target ini belum dicantumkan."
        ),
    }


_NUMBERS = {2: "Dua", 3: "Tiga", 4: "Empat", 5: "Lima"}


def _listed(items: list[str]) -> str:
    """ "A", "A dan B", "A, B, dan C" (items keep their own punctuation trimmed)."""
    items = [item.rstrip(".") for item in items]
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def to_json(data: dict[str, Any]) -> str:
    """Stable, readable JSON (no timestamps: two exports of the same data are identical)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(model: StandardModel) -> str:
    """One row per indicator, UTF-8 with BOM so spreadsheet programs pick the right encoding."""
    names = model.framework.level_names
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for competency in model.competencies:
        definition = competency.definition
        for level in competency.levels:
            for indicator in level.indicators:
                writer.writerow(
                    formula_safe(v)
                    for v in (
                        indicator.id,
                        competency.id,
                        competency.name,
                        competency.group,
                        level.level,
                        names.get(level.level, ""),
                        level.description,
                        indicator.text,
                        definition,
                        competency.dictionary or "",
                        indicator.example,
                    )
                )
                definition = ""
    return "\ufeff" + out.getvalue()
