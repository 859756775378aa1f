"""``kompetensi rekap`` on what an officer collects: the numbers are the per-file
``kompetensi assess`` results summed here independently; the bad files are named, never used."""

from __future__ import annotations

import csv
import importlib.util
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from recap_support import DICTIONARY, EXTRA_ROSTER, FIXTURE, SMALL_UNIT, Collected
from spreadsheet_support import competency_numbers

from generator.cli import main

LEVELS = [str(level) for level in range(6)]


def rekap(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["rekap", "--standards", str(FIXTURE), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def assessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], document: dict[str, Any]
) -> dict[str, Any]:
    """The file's answers through ``kompetensi assess``, as a person would run it."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"ratings": document["ratings"]}), encoding="utf-8")
    argv = ["assess", "--standards", str(FIXTURE), "--answers", str(answers)]
    argv += ["--position", document["position"], "--jp", str(document["total_jp"])]
    assert main(argv) == 0
    out, _ = capsys.readouterr()
    result: dict[str, Any] = json.loads(out)
    return result


def expected_stats(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for index, competency in enumerate(DICTIONARY["competencies"]):
        mine = [result["competencies"][index] for result in results]
        statuses = Counter(c["status"] for c in mine)
        gaps = [c["gap"] for c in mine if c["gap"] is not None]
        counts = Counter(str(c["estimated"]) for c in mine)
        rows.append(
            {
                "id": competency["id"],
                "name": competency["name"],
                "respondents": len(mine),
                "below_target": statuses["gap"],
                "at_target": statuses["met"],
                "above_target": statuses["strength"],
                "no_target": statuses["no_target"],
                "level_counts": {level: counts[level] for level in LEVELS},
                "mean_gap": float(
                    (Decimal(sum(gaps)) / len(gaps)).quantize(Decimal("0.01"), ROUND_HALF_UP)
                )
                if gaps
                else None,
            }
        )
    return rows


def test_numbers_are_the_sum_of_per_file_assess_results(
    collected: Collected, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = {
        name: assessed(tmp_path, capsys, document) for name, document in collected.kept.items()
    }
    code, out, err = rekap(capsys, str(collected.folder), "--roster", str(collected.roster))
    assert code == 0
    summary = json.loads(out)
    assert summary["respondents"] == len(results) == 50
    assert summary["files"] == {
        "received": 52,
        "used": 50,
        "rejected": 2,
        "stored_result_differs": 1,
    }
    assert summary["competencies"] == expected_stats(list(results.values()))
    # The tampered file claims level 5; the recap (like assess) recomputed it.
    assert results["pegawai-10.json"]["competencies"][0]["estimated"] != 5

    units: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for name, document in collected.kept.items():
        units[document["identity"].get("unit", "Biro Umum")].append(results[name])
    shown = {group["unit"]: group for group in summary["units"]}
    assert set(shown) == set(units)
    for unit, members in units.items():
        if unit == SMALL_UNIT:
            assert len(members) == 2
            assert shown[unit] == {"unit": unit, "respondents": "< 3", "competencies": None}
        else:
            assert shown[unit]["respondents"] == len(members)
            assert shown[unit]["competencies"] == expected_stats(members)

    jp: Counter[str] = Counter()
    employees: Counter[tuple[str, int, str]] = Counter()
    for result in results.values():
        for category in result["plan"]["categories"]:
            jp[category["id"]] += category["jp"]
        planned = [*result["plan"]["items"], *result["plan"].get("agency", [])]
        for key in {(i["competency"], i["level"], i["activity"]) for i in planned}:
            employees[key] += 1
    assert summary["jp_demand"] == dict(jp)
    assert {
        (a["competency"], a["level"], a["activity"]): a["employees"] for a in summary["activities"]
    } == dict(employees)
    in_allowance = [row for row in summary["annual_plan"] if not row["arranged_by_agency"]]
    assert sum(row["total_jp"] for row in in_allowance) == sum(jp.values())

    assert [m["nip"] for m in summary["missing"]] == list(EXTRA_ROSTER)
    assert summary["rejected"] == [
        {"file": str(collected.garbage), "reason": "berkas bukan teks UTF-8"},
        {
            "file": str(collected.duplicate),
            "reason": (
                f"duplikat: NIP yang sama dengan berkas {collected.folder / 'pegawai-07.json'}, "
                "yang lebih baru dan dipakai"
            ),
        },
    ]
    assert err.splitlines() == [
        f"{collected.garbage}: ditolak: berkas bukan teks UTF-8",
        f"{collected.duplicate}: ditolak: duplikat: NIP yang sama dengan berkas "
        f"{collected.folder / 'pegawai-07.json'}, yang lebih baru dan dipakai",
        "rekap: 50 berkas dipakai, 2 ditolak",
    ]


def test_no_names_or_nips_without_detail(
    collected: Collected, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    personal = [
        value
        for document in collected.kept.values()
        for key, value in document["identity"].items()
        if key in ("nip", "name")
    ]
    for form in ("json", "csv", "markdown"):
        code, out, _ = rekap(capsys, str(collected.folder), "--format", form)
        assert code == 0
        assert not [value for value in personal if value in out], form
    code, out, _ = rekap(capsys, str(collected.folder), "--format", "csv", "--detail")
    assert out.splitlines()[0].startswith("PERHATIAN: berkas ini memuat data pribadi")
    assert all(value in out for value in personal)
    code, out, _ = rekap(capsys, str(collected.folder), "--detail")
    summary = json.loads(out)
    assert next(iter(summary)) == "personal_data"
    assert len(summary["people"]) == 50


def test_min_group_hides_small_units(
    collected: Collected, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = rekap(capsys, str(collected.folder), "--min-group", "20")
    units = json.loads(out)["units"]
    assert all(group["respondents"] == "< 20" for group in units)
    assert all(group["competencies"] is None for group in units)


def test_exit_codes(collected: Collected, capsys: pytest.CaptureFixture[str]) -> None:
    assert rekap(capsys, str(collected.folder), "--strict")[0] == 1
    code, _, err = rekap(capsys, str(collected.garbage))
    assert code == 1
    assert err.splitlines()[-1] == "rekap: 0 berkas dipakai, 1 ditolak"
    assert rekap(capsys, str(collected.folder / "pegawai-01.json"), "--strict")[0] == 0
    code, _, err = rekap(capsys, "tidak-ada")
    assert (code, err) == (2, "tidak-ada: berkas atau folder tidak ditemukan\n")
    code, _, err = rekap(capsys, str(collected.folder), "--format", "xlsx")
    assert (code, err) == (2, "--format xlsx: tentukan berkas keluaran dengan -o BERKAS.xlsx\n")
    code, _, err = rekap(capsys, str(collected.folder), "--emit-rows", "rows.txt")
    assert (code, err) == (2, "--emit-rows: gunakan nama berkas berakhiran .csv atau .parquet\n")
    with pytest.raises(SystemExit) as exit_info:
        main(["rekap", "--min-group", "0", str(collected.folder)])
    assert exit_info.value.code == 2


def test_roster_problems_are_reported_by_line(
    collected: Collected, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    roster = tmp_path / "daftar.csv"
    roster.write_text("nip,nama,unit,jabatan\n,Tanpa NIP,A,B\n1,X,A,B\n1,Y,A,B\n", "utf-8")
    code, out, err = rekap(capsys, str(collected.folder), "--roster", str(roster))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{roster}:2: nip: kosong Saran: setiap baris memerlukan NIP",
        f"{roster}:4: nip: NIP yang sama sudah ada di baris sebelumnya",
    ]
    roster.write_text("nip;nama\n1;X\n", "utf-8")
    code, _, err = rekap(capsys, str(collected.folder), "--roster", str(roster))
    assert code == 1
    assert err == (
        f"{roster}:1: kolom unit, jabatan tidak ada Saran: baris pertama harus memuat judul "
        "kolom nip, nama, unit, jabatan\n"
    )


def test_xlsx_holds_the_same_tables(
    collected: Collected,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    required: Callable[[bool, str], None],
) -> None:
    required(importlib.util.find_spec("openpyxl") is not None, "openpyxl (pip install openpyxl)")
    import openpyxl

    out = tmp_path / "rekap.xlsx"
    code, _, _ = rekap(capsys, str(collected.folder), "--format", "xlsx", "-o", str(out))
    assert code == 0
    _, text, _ = rekap(capsys, str(collected.folder))
    summary = json.loads(text)
    sheets = openpyxl.load_workbook(out, read_only=True)
    assert "rincian_pegawai" not in sheets.sheetnames
    rows = list(sheets["kompetensi"].iter_rows(values_only=True))
    assert rows[0][0] == "Kebutuhan per kompetensi"
    body = {row[0]: row for row in rows[2:]}
    for competency in summary["competencies"]:
        assert body[competency["name"]][1:12] == competency_numbers(competency)
    plan = list(sheets["rencana_tahunan"].iter_rows(values_only=True))
    assert plan[1] == (
        "Kompetensi",
        "Level",
        "Bentuk",
        "Kategori",
        "Peserta",
        "JP per peserta",
        "Total JP",
        "Triwulan",
        "Diatur instansi",
    )
    assert len(plan) - 2 == len(summary["annual_plan"])


def test_emitted_rows_are_the_table_behind_the_numbers(
    collected: Collected, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows_file = tmp_path / "rows.csv"
    code, out, _ = rekap(capsys, str(collected.folder), "--emit-rows", str(rows_file))
    assert code == 0
    summary = json.loads(out)
    with rows_file.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 50 * len(DICTIONARY["competencies"])
    assert set(rows[0]) == {
        "respondent", "unit", "position", "competency", "estimated", "target", "gap",
    }  # fmt: skip
    for competency in summary["competencies"]:
        mine = [row for row in rows if row["competency"] == competency["id"]]
        counts = Counter(row["estimated"] for row in mine)
        assert {level: counts[level] for level in LEVELS} == competency["level_counts"]
    with (tmp_path / "rows_activities.csv").open(encoding="utf-8") as handle:
        activities = list(csv.DictReader(handle))
    assert sum(int(row["jp"]) for row in activities) == sum(summary["jp_demand"].values())


def test_outputs_are_written_like_export_o(
    collected: Collected, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """-o and --emit-rows go through generator.output_file: a link is written through and
    kept, a missing folder is one line naming it, nothing is created."""
    real = tmp_path / "rekap-asli.json"
    real.write_text("lama\n", encoding="utf-8")
    link = tmp_path / "rekap.json"
    link.symlink_to(real)
    code, _, _ = rekap(capsys, str(collected.folder), "--format", "json", "-o", str(link))
    assert code == 0
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["respondents"] > 0
    missing = tmp_path / "tidak-ada" / "baris.csv"
    code, _, err = rekap(capsys, str(collected.folder), "--emit-rows", str(missing))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{missing}: tidak dapat menulis: folder {missing.parent} tidak ada. Saran: buat "
        "folder itu lebih dulu, atau pilih folder yang sudah ada"
    )
    assert not missing.parent.exists()
