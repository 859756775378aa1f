"""What the quiz shows and exports, built from the engine's result: the view and the CSV.

The Markdown download is the engine's own report (:func:`generator.engine.report.to_markdown`),
the very file ``kompetensi assess --format markdown`` writes for the same answers.

Runs in the browser (shipped in the engine wheel), so standard library only. The browser's
JavaScript only copies these strings into the page; every label, sum and sentence is made here,
in Python, and tested on CPython.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.browser.plan_choices import plan_choices
from generator.engine.cells import formula_safe
from generator.engine.dictionary import Dictionary, read_dictionary
from generator.engine.explain import level_label
from generator.engine.model import Competency, Indicator
from generator.engine.plan_document import identity_rows, scheduled
from generator.engine.report import (
    STATUS_LABELS,
    basis_label,
    position_info,
    uncertain_gaps,
    without_emphasis,
)

TITLE = "Rencana Pengembangan Kompetensi"


MODE_LABELS = {
    "gap": "Menutup kesenjangan",
    "growth": "Pengembangan karier",
    "maintain": "Menjaga dan menularkan kompetensi",
}


def form_statements(competency: Competency) -> list[Indicator]:
    """A competency's indicators in the order the form asks them, numbered from 1 there:
    level by level, as the export lists them (the page and the results share this order)."""
    return [indicator for level in competency.levels for indicator in level.indicators]


def _decisive(competency: Competency | None, ids: list[str]) -> list[dict[str, Any]]:
    """The indicators that decided an estimate, as the form shows them: number and statement.

    The explanation names indicators by id ("integritas.3.2"); the form numbers its statements
    per competency. This list joins the two, so a reader can find and reconsider them."""
    if competency is None:
        return []
    numbered = {
        indicator.id: (number, indicator.text)
        for number, indicator in enumerate(form_statements(competency), start=1)
    }
    return [
        {"id": key, "number": numbered[key][0], "text": numbered[key][1]}
        for key in ids
        if key in numbered
    ]


def _summary(competencies: list[dict[str, Any]], position_name: str | None) -> str:
    """One or two sentences worded as what to do next, not as a verdict."""
    total = len(competencies)
    below = sum(1 for item in competencies if item["status"] == "gap")
    incomplete = sum(1 for item in competencies if not item["complete"])
    with_target = [item for item in competencies if item["target"] is not None]
    if not with_target:
        text = (
            f"Level perkiraan dihitung untuk {total} kompetensi tanpa target. Langkah berikutnya: "
            f"pilih kompetensi yang ingin Anda kembangkan, lalu mulailah dari pernyataan yang "
            f"belum terpenuhi pada level terendahnya."
        )
    else:
        basis = f"target {position_name}" if position_name else "target yang Anda tetapkan"
        if below:
            text = (
                f"Langkah berikutnya: kembangkan {below} dari {total} kompetensi menuju {basis}, "
                f"dimulai dari pernyataan yang belum terpenuhi pada level terendahnya; rencana "
                f"pengembangan di bawah disusun untuk itu."
            )
        else:
            text = (
                f"Semua kompetensi yang bertarget sudah memenuhi {basis}. Langkah berikutnya: "
                f"pertahankan kekuatan itu dan siapkan level berikutnya."
            )
    if incomplete:
        text += (
            f" Penilaian {incomplete} kompetensi belum lengkap; indikator yang belum dijawab "
            f"dihitung belum terpenuhi."
        )
    return text


def _levels(item: Mapping[str, Any], competency: Competency | None) -> list[dict[str, Any]]:
    """Per level: "Level 1: 2 dari 3 terpenuhi" and the statements not met, as the form
    numbers them. Levels above the first unmet one do not count yet (and the adaptive form may
    not have asked them): they say so instead of showing counts."""
    first_unmet = item["estimated"] + 1
    return [
        {
            "level": level["level"],
            "met": level["met"],
            "total": level["total"],
            "label": (
                f"Level {level['level']}: {level['met']} dari {level['total']} terpenuhi"
                if level["level"] <= first_unmet
                else f"Level {level['level']}: belum dihitung"
            ),
            "missing": (
                _decisive(competency, level["missing"]) if level["level"] <= first_unmet else []
            ),
        }
        for level in item["levels"]
    ]


def _next_step(item: Mapping[str, Any], top: int) -> str:
    """What to work on for this competency, from the first level not reached."""
    k = item["estimated"]
    if k >= top:
        return "Semua level tercapai; langkah berikutnya adalah menjaga dan menularkannya."
    level = item["levels"][k]
    return (
        f"Langkah berikutnya menuju level {k + 1}: {level['met']} dari {level['total']} "
        f"pernyataan level {k + 1} sudah terpenuhi; perkuat pernyataan yang belum terpenuhi "
        f"di bawah ini."
    )


def view(result: Mapping[str, Any], dictionary: Mapping[str, Any] | Dictionary) -> dict[str, Any]:
    """The result with every label the page and the exports show, in Bahasa Indonesia.

    ``dictionary`` is the export or the engine's view of all of it (the bridge keeps one)."""
    standard = read_dictionary(dictionary)
    level_names = standard.level_names
    competency_names = {c.id: c.name for c in standard.competencies}
    exported = standard.competency_by_id
    category_info = {category.id: category for category in standard.categories}
    position = result.get("position")
    position_name = standard.position_names.get(position) if position else None

    competencies = [
        {
            "id": item["id"],
            "name": item["name"],
            "estimated": item["estimated"],
            "target": item["target"],
            "gap": item["gap"],
            "status": item["status"],
            "status_label": STATUS_LABELS.get(item["status"], item["status"]),
            "estimated_label": level_label(item["estimated"], level_names),
            "target_label": (
                "Tanpa target"
                if item["target"] is None
                else level_label(item["target"], level_names)
            ),
            "gap_label": "—" if item["gap"] is None else f"{item['gap']} level",
            "complete": item["complete"],
            "unanswered_count": len(item["unanswered"]),
            "explanation": item["explanation"],
            "decisive": _decisive(exported.get(item["id"]), item["decided_by"]),
            "levels": _levels(item, exported.get(item["id"])),
            "next_step": _next_step(item, len(item["levels"])),
            "borderline": item["borderline"],
            "borderline_statements": _decisive(exported.get(item["id"]), item["decisive"]),
        }
        for item in result["competencies"]
    ]

    plan = result["plan"]
    choices = plan_choices(result, standard)

    def plan_item(item: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "alternatives": choices["alternatives"].get(item["activity_id"], []),
            "activity_id": item["activity_id"],
            "competency": item["competency"],
            "competency_name": competency_names.get(item["competency"], item["competency"]),
            "level": item["level"],
            "level_label": level_label(item["level"], level_names),
            "category": item["category"],
            "form": item["form"],
            "form_name": item["form_name"],
            "activity": item["activity"],
            "jp": item["jp"],
        }

    categories = []
    for category in plan["categories"]:
        info = category_info.get(category["id"])
        categories.append(
            {
                "id": category["id"],
                "name": info.name if info else category["id"],
                "percent": info.percent if info else None,
                "description": info.description if info else "",
                "jp": category["jp"],
                "items": [
                    plan_item(item) for item in plan["items"] if item["category"] == category["id"]
                ],
            }
        )
    by_id = {item["id"]: item for item in competencies}
    return {
        "title": TITLE,
        "standards_version": result["standards_version"],
        "position": position,
        "position_name": position_name,
        "basis": basis_label(
            position_info(standard, position) if position in standard.position_names else None,
            result,
        ),
        "summary": _summary(competencies, position_name),
        "competencies": competencies,
        "plan": {
            "budget_jp": plan["budget_jp"],
            "total_jp": plan["total_jp"],
            "totals_label": f"{plan['total_jp']} dari {plan['budget_jp']} JP",
            "split": plan["split"],
            "edited": plan["edited"],
            "mode": plan["mode"],
            "mode_label": MODE_LABELS.get(plan["mode"], plan["mode"]),
            "note": plan["note"],
            "focus": [by_id[key] for key in plan["focus"] if key in by_id],
            "uncertain": uncertain_gaps(result),
            "categories": categories,
            "agency": [plan_item(item) for item in plan["agency"]],
            "addable": choices["addable"],
            "schedule": [
                plan_item(item) | {"quarter": item["quarter"], "evidence": item["evidence"]}
                for item in scheduled(
                    [category.id for category in standard.categories],
                    standard.form_evidence,
                    plan["items"],
                )
            ],
            "later": [
                {
                    "competency": item["competency"],
                    "competency_name": competency_names.get(item["competency"], ""),
                    "reason": item["reason"],
                }
                for item in plan["later"]
            ],
        },
    }


CSV_HEADER = (
    "bagian",
    "kompetensi_id",
    "kompetensi",
    "level_perkiraan",
    "target",
    "kesenjangan",
    "status",
    "kategori",
    "bentuk",
    "level_tujuan",
    "jp",
    "uraian",
    "kode",
    "triwulan",
    "bukti_penyelesaian",
)


def csv_text(report: Mapping[str, Any], identity: Mapping[str, str] | None = None) -> str:
    """Results and plan in one CSV table (UTF-8 with BOM so spreadsheets read the accents):
    the identity typed, the results and their deciding statements, the plan in the year's
    order with quarter and evidence, the proposals to the superior and the gaps left for
    later."""
    # Imported on the first download, not with the engine: in the browser the csv module is
    # compiled from source on first import, and most readers never download the table.
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    rows: list[tuple[object, ...]] = [
        ("identitas", "", label, *("",) * 8, value if value != "…" else "", "")
        for label, value in identity_rows(identity)
    ]
    blank = ("",) * 4
    for item in report["competencies"]:
        rows.append(
            (
                "hasil",
                item["id"],
                item["name"],
                item["estimated"],
                item["target"],
                item["gap"],
                item["status_label"],
                *blank,
                item["explanation"],
                "",
            )
        )
        rows += [
            ("penentu", item["id"], item["name"], *("",) * 8, statement["text"], statement["id"])
            for statement in item["decisive"]
        ]
    plan = report["plan"]
    sections = [("rencana", plan["schedule"]), ("usulan_atasan", plan["agency"])]
    for section, items in sections:
        rows += [
            (
                section,
                plan_item["competency"],
                plan_item["competency_name"],
                "",
                "",
                "",
                "",
                plan_item["category"],
                plan_item["form_name"],
                plan_item["level"],
                plan_item["jp"],
                without_emphasis(plan_item["activity"]),
                plan_item["activity_id"],
                plan_item.get("quarter", ""),
                plan_item.get("evidence", ""),
            )
            for plan_item in items
        ]
    rows += [
        ("ditunda", item["competency"], item["competency_name"], *("",) * 8, item["reason"], "")
        for item in plan["later"]
    ]
    writer.writerows([formula_safe(value) for value in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def _difference_label(difference: int | None) -> str:
    """ "sama", "+1" (the other result is higher) or "−2" (with a minus sign)."""
    if difference is None:
        return "—"
    if difference == 0:
        return "sama"
    return f"+{difference}" if difference > 0 else f"−{-difference}"


def comparison(
    own: Mapping[str, Any], other: Mapping[str, Any], other_label: str
) -> dict[str, Any]:
    """Rows that set two results of the same standard side by side, competency by competency."""
    others = {item["id"]: item for item in other["competencies"]}
    rows = []
    for item in own["competencies"]:
        match = others.get(item["id"])
        other_level = None if match is None else match["estimated"]
        rows.append(
            {
                "id": item["id"],
                "name": item["name"],
                "own": item["estimated"],
                "other": other_level,
                "difference": None if other_level is None else other_level - item["estimated"],
                "target": item["target"],
                "own_label": item["estimated_label"],
                "other_label": "—" if match is None else match["estimated_label"],
                "target_label": item["target_label"],
                "difference_label": _difference_label(
                    None if other_level is None else other_level - item["estimated"]
                ),
            }
        )
    differing = sum(1 for row in rows if row["difference"])
    summary = (
        f"Hasil Anda dan {other_label} sama pada semua kompetensi."
        if not differing
        else f"Hasil Anda dan {other_label} berbeda pada {differing} dari {len(rows)} kompetensi."
    )
    return {"label": other_label, "summary": summary, "rows": rows}
