"""The recap's summary as titled tables, and those tables as CSV, XLSX and Markdown.

One list of tables feeds every download (CSV, XLSX, Markdown, the page's tables), so the
formats cannot disagree. Cells that a spreadsheet would run as a formula are neutralised.

Standard library only: the ``/rekap/`` page makes its downloads with this module too.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any, NamedTuple

from .cells import formula_safe
from .report import _cell as markdown_cell
from .report import without_emphasis
from .xlsx import workbook

LEVEL_KEYS = ("0", "1", "2", "3", "4", "5")


class Table(NamedTuple):
    """A titled table: ``key`` names its sheet, ``title`` is shown above it."""

    key: str
    title: str
    header: list[str]
    rows: list[list[Any]]


def _competency_rows(competencies: list[Mapping[str, Any]], prefix: list[Any]) -> list[list[Any]]:
    return [
        [
            *prefix,
            c["name"],
            c["respondents"],
            c["below_target"],
            c["at_target"],
            c["above_target"],
            c["no_target"],
            *(c["level_counts"].get(level, 0) for level in LEVEL_KEYS),
            "–" if c["mean_gap"] is None else c["mean_gap"],
        ]
        for c in competencies
    ]


_STATS_HEADER = [
    "Kompetensi",
    "Responden",
    "Di bawah target",
    "Sesuai target",
    "Di atas target",
    "Tanpa target",
    *(f"Level {level}" for level in LEVEL_KEYS),
    "Rata-rata kesenjangan",
]


def _group_rows(groups: list[Mapping[str, Any]], key: str) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for group in groups:
        if group["competencies"] is None:
            blank = [""] * (len(_STATS_HEADER) - 2)
            rows.append([group[key], "(semua)", group["respondents"], *blank])
        else:
            rows += _competency_rows(group["competencies"], [group[key]])
    return rows


def tables(summary: Mapping[str, Any]) -> list[Table]:
    """Every table of the recap, in reading order (the detail table only when present)."""
    names = {c["id"]: c["name"] for c in summary["competencies"]}
    files = summary["files"]
    result = [
        Table(
            "ringkasan",
            "Ringkasan",
            ["Keterangan", "Jumlah"],
            [
                ["Berkas diterima", files["received"]],
                ["Responden (berkas dipakai)", summary["respondents"]],
                ["Berkas ditolak", files["rejected"]],
                ["Hasil tersimpan berbeda dari perhitungan ulang", files["stored_result_differs"]],
                ["Pegawai dalam daftar yang belum mengirim", len(summary["missing"])],
                *[[f"Kebutuhan JP kategori {k}", v] for k, v in summary["jp_demand"].items()],
            ],
        ),
        Table(
            "kompetensi",
            "Kebutuhan per kompetensi",
            _STATS_HEADER,
            _competency_rows(summary["competencies"], []),
        ),
        Table(
            "unit",
            "Per unit kerja",
            ["Unit kerja", *_STATS_HEADER],
            _group_rows(summary["units"], "unit"),
        ),
        Table(
            "jabatan",
            "Per jabatan",
            ["Jabatan", *_STATS_HEADER],
            _group_rows(summary["positions"], "position"),
        ),
        Table(
            "aktivitas",
            "Permintaan aktivitas pembelajaran",
            ["Kompetensi", "Level", "Kategori", "Aktivitas", "Pegawai", "Total JP", "Kelas"],
            [
                [
                    names.get(a["competency"], a["competency"]),
                    a["level"],
                    a["category"],
                    without_emphasis(a["activity"]),
                    a["employees"],
                    a["jp"],
                    a["classes"],
                ]
                for a in summary["activities"]
            ],
        ),
        Table(
            "rencana_tahunan",
            "Rencana tahunan pengembangan kompetensi",
            [
                "Kompetensi",
                "Level",
                "Bentuk",
                "Kategori",
                "Peserta",
                "JP per peserta",
                "Total JP",
                "Triwulan",
                "Diatur instansi",
            ],
            [
                [
                    names.get(r["competency"], r["competency"]),
                    r["level"],
                    r["form_name"],
                    r["category"],
                    r["participants"],
                    r["jp_per_participant"],
                    r["total_jp"],
                    r["quarter"],
                    "ya" if r["arranged_by_agency"] else "tidak",
                ]
                for r in summary["annual_plan"]
            ],
        ),
        Table(
            "belum_mengirim",
            "Pegawai dalam daftar yang belum mengirim berkas",
            ["NIP", "Unit kerja"] + (["Nama", "Jabatan"] if "people" in summary else []),
            [
                [m["nip"], m["unit"]] + ([m["name"], m["position"]] if "people" in summary else [])
                for m in summary["missing"]
            ],
        ),
        Table(
            "ditolak",
            "Berkas yang ditolak",
            ["Berkas", "Alasan"],
            [[r["file"], r["reason"]] for r in summary["rejected"]],
        ),
    ]
    if "people" in summary:
        people = summary["people"]
        header = list(people[0]) if people else ["file", "nip", "name", "unit", "position"]
        result.append(
            Table(
                "rincian_pegawai",
                "Rincian per pegawai (data pribadi)",
                header,
                [[row[column] for column in header] for row in people],
            )
        )
    return result


def to_json(summary: Mapping[str, Any]) -> str:
    """The summary as the CLI prints it and the page downloads it."""
    return json.dumps(summary, ensure_ascii=False, indent=2) + "\n"


def to_csv(summary: Mapping[str, Any]) -> str:
    """Every table, one after another, each under its title line and a blank line between."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if "personal_data" in summary:
        writer.writerow([summary["personal_data"]])
        writer.writerow([])
    for index, table in enumerate(tables(summary)):
        if index:
            writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.header)
        writer.writerows([formula_safe(cell) for cell in row] for row in table.rows)
    return out.getvalue()


def to_xlsx(summary: Mapping[str, Any]) -> bytes:
    """One sheet per table (named by its key): its title, its header, then its rows; the
    per-person sheet starts with the personal-data notice."""
    sheets = []
    for table in tables(summary):
        rows: list[list[Any]] = []
        if table.key == "rincian_pegawai":
            rows.append([summary["personal_data"]])
        rows += [[table.title], table.header]
        rows += [[formula_safe(cell) for cell in row] for row in table.rows]
        sheets.append((table.key, rows))
    return workbook(sheets)


def to_markdown(summary: Mapping[str, Any]) -> str:
    """The recap as a Markdown document (Indonesian), data text made inert."""
    lines: list[str] = []
    if "personal_data" in summary:
        lines += [f"**{markdown_cell(summary['personal_data'])}**", ""]
    lines += [
        "# Rekap kebutuhan pengembangan kompetensi",
        "",
        f"Standar kompetensi versi {markdown_cell(summary['standards_version'])}; "
        f"{summary['respondents']} responden. Kelompok dengan kurang dari "
        f"{summary['settings']['min_group']} orang ditampilkan sebagai "
        f'"< {summary["settings"]["min_group"]}".',
    ]
    for table in tables(summary):
        lines += ["", f"## {table.title}", ""]
        if not table.rows:
            lines.append("Tidak ada.")
            continue
        lines.append("| " + " | ".join(markdown_cell(h) for h in table.header) + " |")
        lines.append("|" + "---|" * len(table.header))
        lines += [
            "| " + " | ".join(markdown_cell("" if v is None else v) for v in row) + " |"
            for row in table.rows
        ]
    lines.append("")
    return "\n".join(lines)
