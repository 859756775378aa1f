"""A result of :func:`generator.engine.assess` as a Markdown report in Indonesian."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .dictionary import Dictionary, read_dictionary
from .explain import join_id, level_label
from .plan_document import identity_rows, scheduled

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


def without_emphasis(text: str) -> str:
    """A catalogue text without the asterisks that mark foreign terms (*coaching*), for places
    that cannot show italics, such as a CSV cell."""
    return re.sub(r"\*([^*]+)\*", r"\1", text)


def _cell(text: object) -> str:
    """Table-safe, inert text: one line, Markdown and HTML syntax escaped."""
    return " ".join(str(text).split()).translate(_INERT)


def _level(view: Dictionary, level: int | None) -> str:
    return level_label(level, view.level_names, none="–")  # the en dash of the report's tables


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return lines


def position_info(view: Dictionary, position: str | None) -> dict[str, Any] | None:
    """What :func:`basis_label` needs of a position: its name, targets and ``basis``."""
    if position is None:
        return None
    return {
        "name": view.position_names.get(position, position),
        "targets": view.position_targets.get(position, {}),
        "basis": view.position_basis.get(position, {}),
    }


def _own_targets(position: Mapping[str, Any] | None, result: Mapping[str, Any]) -> bool:
    """Whether some target of the result is the reader's own (not the position's)."""
    known = position["targets"] if position else {}
    return any(
        c["target"] is not None and known.get(c["id"]) is None for c in result["competencies"]
    )


def basis_label(position: Mapping[str, Any] | None, result: Mapping[str, Any]) -> str:
    """The short "Dasar target" the page shows: the position and the status of its targets.
    ``position`` is :func:`position_info`, or the export's position entry."""
    if position is None:
        return "Target ditetapkan sendiri" if _own_targets(position, result) else "Tanpa target"
    if _own_targets(position, result):
        return f"{position['name']} (target dari dokumen SKJ Anda)"
    label = (position.get("basis") or {}).get("label")
    return f"{position['name']} ({label})" if label else str(position["name"])


def basis_sentence(position: Mapping[str, Any] | None, result: Mapping[str, Any]) -> str:
    """The same, as a sentence for the downloads, naming the sources the targets rest on."""
    if position is None:
        own = _own_targets(position, result)
        return "target ditetapkan sendiri." if own else "tanpa target."
    name = position["name"]
    if _own_targets(position, result):
        return (
            f"target jabatan {name} diisi dari dokumen SKJ Anda, karena situs ini tidak memuat "
            f"target untuk jabatan ini."
        )
    basis = position.get("basis") or {}
    if not basis:
        return f"target jabatan {name}."
    return f"target jabatan {name} ({basis['label']}). {basis['text']}"


def _plan_rows(
    view: Dictionary, items: list[dict[str, Any]], names: Mapping[str, str]
) -> list[list[object]]:
    return [
        [
            names.get(item["competency"], item["competency"]),
            _level(view, item["level"]),
            item["category"],
            item["form_name"],
            item["activity"],
            item["jp"],
            item["activity_id"],
        ]
        for item in items
    ]


PLAN_HEADER = ["Kompetensi", "Menuju level", "Kategori", "Bentuk", "Aktivitas", "JP", "Kode"]
SCHEDULE_HEADER = [*PLAN_HEADER[:6], "Triwulan", "Bukti penyelesaian", "Kode"]


def signature_lines(identity: Mapping[str, str] | None) -> list[str]:
    """The identity the person typed and the two signature blocks of the plan document."""
    rows = identity_rows(identity)
    name, nip = rows[0][1], rows[1][1]
    lines = ["## Identitas dan pengesahan", ""]
    lines += _table(["Identitas", "Isian"], [list(row) for row in rows])
    lines += [""]
    lines += _table(
        ["Pegawai", "Atasan langsung"],
        [
            ["Tanda tangan:", "Tanda tangan:"],
            [f"Nama: {name}", "Nama: …"],
            [f"NIP: {nip}", "NIP: …"],
        ],
    )
    return lines


def plan_lines(
    view: Dictionary,
    plan: Mapping[str, Any],
    names: Mapping[str, str],
    category_names: Mapping[str, str],
    uncertain: list[str],
) -> list[str]:
    """The plan's section of the report: focus, note, split, activities, the gaps that one
    answer could change, proposals to the superior, and the gaps left for later."""
    focus = ", ".join(names.get(key, key) for key in plan["focus"]) or "–"
    lines = [
        f"## Rencana pengembangan ({plan['total_jp']} dari {plan['budget_jp']} JP)",
        "",
        _cell(plan["note"]),
        "",
        f"- Kompetensi fokus: {_cell(focus)}",
        f"- Pembagian tercapai: {_cell(plan['split'])}",
    ]
    lines += [
        f"- {category['id']} ({_cell(category_names.get(category['id'], ''))}): {category['jp']} JP"
        for category in plan["categories"]
    ]
    rows = [
        [*row[:6], item["quarter"], item["evidence"], row[6]]
        for item, row in (
            (item, _plan_rows(view, [item], names)[0])
            for item in scheduled(
                [category.id for category in view.categories], view.form_evidence, plan["items"]
            )
        )
    ]
    lines += ["", *_table(SCHEDULE_HEADER, rows)]
    if uncertain:
        lines += ["", *[f"- {_cell(sentence)}" for sentence in uncertain]]
    if plan["agency"]:
        lines += ["", "### Usulkan kepada atasan (tidak dihitung dalam alokasi JP)", ""]
        lines += _table(PLAN_HEADER, _plan_rows(view, plan["agency"], names))
    if plan["later"]:
        lines += ["", "### Ditunda ke rencana berikutnya", ""]
        lines += [f"- {_cell(item['reason'])}" for item in plan["later"]]
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


def to_markdown(
    dictionary: Mapping[str, Any] | Dictionary,
    result: Mapping[str, Any],
    identity: Mapping[str, str] | None = None,
) -> str:
    """The report: levels and gaps, explanations, the plan with its schedule and evidence, the
    identity and signature blocks, and the limits of a self-assessment.

    ``dictionary`` is the export or the :class:`Dictionary` already read from it; ``identity``
    (name, nip, unit, period, position_title) is what the person typed, blank when absent.
    """
    view = read_dictionary(dictionary)
    basis = basis_sentence(position_info(view, result["position"]), result)
    names = {c["id"]: c["name"] for c in result["competencies"]}
    plan = result["plan"]
    category_names = {category.id: category.name for category in view.categories}

    lines = [
        "# Hasil penilaian mandiri kompetensi",
        "",
        f"Standar kompetensi versi {_cell(result['standards_version'])}; {_cell(basis)}",
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
    for c in result["competencies"]:
        lines.append(f"- **{_cell(c['name'])}**: {_cell(c['explanation'])}")
        lines += [
            f"  - Pernyataan penentu {key}: {_cell(view.indicator_texts.get(key, ''))}"
            for key in c["decided_by"]
        ]
    lines += ["", *plan_lines(view, plan, names, category_names, uncertain_gaps(result))]
    lines += ["", *signature_lines(identity)]
    lines += ["", f"*{DISCLAIMER}*", ""]
    return "\n".join(lines)
