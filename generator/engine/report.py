"""A result of :func:`generator.engine.assess` as a Markdown report in Indonesian."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .dictionary import Dictionary, read_dictionary
from .explain import join_id, level_title

STATUS_LABELS = {
    "gap": "Di bawah target",
    "met": "Sesuai target",
    "strength": "Di atas target (kekuatan)",
    "no_target": "Tanpa target",
}
DISCLAIMER = (
    "Hasil ini adalah perkiraan dari penilaian mandiri. Hasil ini tidak menggantikan penilaian "
    "kompetensi oleh Assessment Center atau asesor yang berwenang."
)


# Data text must stay text in any Markdown viewer: no links ([...](...)), attribute lists
# ({ onclick=... }), code spans or raw HTML (<...>), and no pipe breaking a table row.
_INERT = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "[": "\\[",
        "]": "\\]",
        "{": "\\{",
        "}": "\\}",
        ">": "\\>",
        "|": "\\|",
        "<": "&lt;",
        "&": "&amp;",
    }
)


def _cell(text: object) -> str:
    """Table-safe, inert text: one line, Markdown and HTML syntax escaped."""
    return " ".join(str(text).split()).translate(_INERT)


def _level(view: Dictionary, level: int | None) -> str:
    if level is None:
        return "–"
    return "0 (belum mencapai level 1)" if level == 0 else level_title(view, level)


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return lines


def uncertain_gaps(result: Mapping[str, Any]) -> list[str]:
    """One sentence per gap that a single answer could change (a borderline estimate), so the
    employee and the supervisor look at that statement together before acting on the plan."""
    return [
        f"Kesenjangan {c['name']} ini bergantung pada satu jawaban: tinjau bersama atasan "
        f"indikator {join_id(c['decisive'])}."
        for c in result["competencies"]
        if c["status"] == "gap" and c["borderline"]
    ]


def to_markdown(dictionary: Mapping[str, Any] | Dictionary, result: Mapping[str, Any]) -> str:
    """The report: levels and gaps, explanations, the plan, and the limits of a self-assessment.

    ``dictionary`` is the export or the :class:`Dictionary` already read from it.
    """
    view = read_dictionary(dictionary)
    position = result["position"]
    if position is None:
        basis = (
            "target ditetapkan sendiri"
            if any(c["target"] is not None for c in result["competencies"])
            else "tanpa target"
        )
    else:
        basis = f"target jabatan {view.position_names.get(position, position)}"
    names = {c["id"]: c["name"] for c in result["competencies"]}
    plan = result["plan"]
    category_names = {category.id: category.name for category in view.categories}

    lines = [
        "# Hasil penilaian mandiri kompetensi",
        "",
        f"Standar kompetensi versi {_cell(result['standards_version'])}; {_cell(basis)}.",
        "",
    ]
    lines += _table(
        ["Kompetensi", "Target", "Perkiraan", "Kesenjangan", "Status"],
        [
            [
                c["name"],
                _level(view, c["target"]),
                _level(view, c["estimated"]),
                "–" if c["gap"] is None else c["gap"],
                STATUS_LABELS.get(c["status"], c["status"]),
            ]
            for c in result["competencies"]
        ],
    )
    lines += ["", "## Penjelasan", ""]
    lines += [
        f"- **{_cell(c['name'])}**: {_cell(c['explanation'])}" for c in result["competencies"]
    ]
    lines += ["", f"## Rencana pengembangan ({plan['total_jp']} JP)", "", _cell(plan["note"]), ""]
    lines += [
        f"- {category['id']} ({_cell(category_names.get(category['id'], ''))}): {category['jp']} JP"
        for category in plan["categories"]
    ]
    lines.append("")
    lines += _table(
        ["Kompetensi", "Menuju level", "Kategori", "Bentuk", "Aktivitas", "JP"],
        [
            [
                names.get(item["competency"], item["competency"]),
                _level(view, item["level"]),
                item["category"],
                item["form_name"] or "–",
                item["activity"],
                item["jp"],
            ]
            for item in plan["items"]
        ],
    )
    uncertain = uncertain_gaps(result)
    if uncertain:
        lines += ["", *[f"- {_cell(sentence)}" for sentence in uncertain]]
    lines += ["", f"*{DISCLAIMER}*", ""]
    return "\n".join(lines)
