"""``kompetensi import`` of the position form: one row per required competency plus requirement
columns; every problem located as ``FILE:row:column``, all together, nothing written; and
``kompetensi export --format csv --positions`` followed by an import gives back the same data."""

from __future__ import annotations

import csv
import importlib.util
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from standard_support import REAL_STANDARDS

from generator.cli import main
from generator.standard import load_standard
from generator.standard.export import to_json
from generator.standard.position_sheet import COLUMNS, positions_csv

HEADER = [
    "position_id",
    "position_name",
    "kind",
    "grade",
    "extends",
    "summary",
    "competency_id",
    "level",
    "education",
    "training_technical",
    "experience",
    "source",
]
# A held-out position in our own words: Pranata SDM Aparatur Mahir, two technical targets.
MAHIR = [
    ["pranata-sdm-aparatur-mahir-uji", "Pranata SDM Aparatur Mahir", "fungsional", "mahir",
     "jf-mahir", "Memelihara data kepegawaian unit dan menyiapkan laporannya.",
     "integritas", "2", "Diploma tiga", "Pelatihan arsip kepegawaian", "Dua tahun", "Data uji"],
    ["pranata-sdm-aparatur-mahir-uji", "", "", "", "", "",
     "pengelolaan-data-kepegawaian", "3", "", "Pelatihan sistem informasi", "", ""],
    ["pranata-sdm-aparatur-mahir-uji", "", "", "", "", "",
     "pengelolaan-kinerja-pegawai", "2", "", "", "", ""],
    ["pranata-sdm-aparatur-mahir-uji", "", "", "", "", "", "", "", "", "", "Satu laporan", ""],
]  # fmt: skip
SHEET = "jabatan.csv"


@pytest.fixture
def standards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REAL_STANDARDS, tmp_path / "standards")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KOMPETENSI_LANG", "en")  # the messages are pinned as their msgids
    return tmp_path / "standards"


def _csv(rows: list[list[str]], header: list[str] = HEADER, name: str = SHEET) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    Path(name).write_text(out.getvalue(), encoding="utf-8")
    return Path(name)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _import(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_position_sheet_imports_and_resolves_its_template(
    standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _csv(MAHIR)
    code, out, err = _import(capsys, SHEET)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].endswith("standards/positions/pranata-sdm-aparatur-mahir-uji.yaml")
    data = load_standard(standards).data
    entry = next(p for p in data["positions"] if p["id"] == "pranata-sdm-aparatur-mahir-uji")
    assert (entry["kind"], entry["grade"], entry["extends"]) == ("fungsional", "mahir", "jf-mahir")
    # jf-mahir's targets are null; the sheet overrides integritas and adds two technical ones.
    assert entry["targets"]["integritas"] == 2 and entry["targets"]["kerjasama"] is None
    assert entry["targets"]["pengelolaan-data-kepegawaian"] == 3
    assert entry["dictionaries"] == ["sdm-aparatur-contoh"]
    assert entry["requirements"] == {
        "education": ["Diploma tiga"],
        "training": ["Pelatihan arsip kepegawaian", "Pelatihan sistem informasi"],
        "experience": ["Dua tahun", "Satu laporan"],
        "training_by_type": {
            "managerial": [],
            "technical": ["Pelatihan arsip kepegawaian", "Pelatihan sistem informasi"],
            "functional": [],
        },
    }
    assert (entry["sources"], entry["verified"], entry["illustrative"]) == (
        ["Data uji"],
        False,
        False,
    )


def test_export_positions_csv_then_import_gives_the_same_data(
    standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = load_standard(standards)
    assert main(["export", "--format", "csv", "--positions", "-o", SHEET]) == 0
    text = Path(SHEET).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    shutil.rmtree(standards / "positions")
    code, _out, err = _import(capsys, SHEET)
    assert (code, err) == (0, "")
    after = load_standard(standards)
    assert to_json(after.data) == to_json(before.data)
    assert positions_csv(after.model) == positions_csv(before.model)
    # And over the existing files, --force gives the same again.
    code, _out, err = _import(capsys, SHEET, "--force")
    assert (code, err) == (0, "")
    assert to_json(load_standard(standards).data) == to_json(before.data)


def test_an_existing_position_is_refused_without_force(
    standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _csv([["analis-sdm-aparatur-ahli-muda-contoh", *MAHIR[0][1:]]])
    before = _files(standards)
    code, out, err = _import(capsys, SHEET)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        "jabatan.csv:2:position_id: the file "
        "standards/positions/analis-sdm-aparatur-ahli-muda-contoh.yaml already exists "
        "Hint: use --force to replace it, or change the position id"
    )
    assert _files(standards) == before


def test_a_sheet_with_errors_is_refused_with_every_located_message(
    standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [list(row) for row in MAHIR]
    rows[1][7] = "tiga"  # row 3: level
    rows[2][6] = "integritas"  # row 4: listed again
    rows[3][7] = "2"  # row 5: a level without a competency
    rows.append(["Pranata Lain", "", "", "", "", "", "", "", "", "", "", ""])  # row 6
    rows.append(["pranata-lain", "", "direktur", "", "", "Ringkasan.", "", "", "", "", "", ""])
    before = _files(standards)
    _csv(rows)
    code, out, err = _import(capsys, SHEET)
    assert (code, out) == (1, "")
    assert err.splitlines()[:-1] == [
        "jabatan.csv:3:level: the level must be a whole number from 1 to 5, got 'tiga' "
        "Hint: write the level number only, e.g. 2, or leave it empty when not known",
        "jabatan.csv:4:competency_id: 'integritas' is already listed on row 2 for this position "
        "Hint: list each competency once per position",
        "jabatan.csv:5:level: a level without a competency "
        "Hint: fill in competency_id, or empty this cell",
        "jabatan.csv:6:position_id: invalid position id: 'Pranata Lain' "
        "Hint: use lower-case letters, digits and hyphens, e.g. analis-sdm-aparatur-ahli-muda",
        "jabatan.csv:7:position_name: empty on the first row of position 'pranata-lain' "
        "Hint: fill in this column on the first row of every position",
        "jabatan.csv:7:kind: unknown kind: 'direktur' "
        "Hint: use one of jpt, administrator, pengawas, pelaksana, fungsional",
    ]
    assert "jabatan.csv" in err.splitlines()[-1]
    assert _files(standards) == before


def test_the_validators_problems_point_at_the_row_and_column(
    standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [list(row) for row in MAHIR]
    rows[0][4] = "jf-mahr"  # row 2: extends
    rows[1][7] = ""  # row 3: a technical target needs a level
    rows[2][6] = "pengelolaan-kinerja"  # row 4: unknown competency
    rows.append(
        [
            "pengawas-uji",
            "Pengawas Uji",
            "pengawas",
            "madya",
            "",
            "Ringkasan.",
            "integritas",
            "",
            "",
            "",
            "",
            "",
        ]
    )  # fmt: skip  (row 6)
    before = _files(standards)
    _csv(rows)
    code, out, err = _import(capsys, SHEET)
    assert (code, out) == (1, "")
    assert err.splitlines()[:-1] == [
        "jabatan.csv:2:extends: unknown position type 'jf-mahr' Hint: did you mean 'jf-mahir'?",
        "jabatan.csv:3:level: 'pengelolaan-data-kepegawaian' is a technical competency and "
        "needs a level, not null Hint: give a level from 1 to 5, or remove it if the position "
        "does not need it",
        "jabatan.csv:4:competency_id: unknown competency 'pengelolaan-kinerja' "
        "Hint: did you mean 'pengelolaan-kinerja-pegawai'?",
        "jabatan.csv:6:grade: a position of kind 'pengawas' has no grade "
        "Hint: remove grade:; only jpt and fungsional positions have one",
        "jabatan.csv:6:competency_id: no target for kerjasama, komunikasi, mengelola-perubahan, "
        "orientasi-pada-hasil, pelayanan-publik, pengambilan-keputusan, "
        "pengembangan-diri-dan-orang-lain, perekat-bangsa "
        "Hint: give a level or null under targets:, or extend a position type that has one",
    ]
    assert _files(standards) == before


def test_an_xlsx_sheet_imports_like_the_csv(
    standards: Path,
    capsys: pytest.CaptureFixture[str],
    required: Callable[[bool, str], None],
) -> None:
    required(importlib.util.find_spec("openpyxl") is not None, "openpyxl (pip install openpyxl)")
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in MAHIR:
        sheet.append([int(c) if c.isdigit() else c for c in row])  # levels typed as numbers
    book.save("jabatan.xlsx")
    code, _out, err = _import(capsys, "jabatan.xlsx")
    assert (code, err) == (0, "")
    data = load_standard(standards).data
    entry = next(p for p in data["positions"] if p["id"] == "pranata-sdm-aparatur-mahir-uji")
    assert entry["targets"]["pengelolaan-data-kepegawaian"] == 3


def test_positions_needs_the_csv_format(
    standards: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMPETENSI_LANG", "id")
    assert main(["export", "--positions"]) == 2
    assert capsys.readouterr().err == (
        "kompetensi export: --positions hanya dapat dipakai dengan --format csv\n"
    )
