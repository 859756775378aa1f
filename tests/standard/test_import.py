"""``kompetensi import``: a dictionary spreadsheet becomes competency files, checked first."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from standard_support import REAL_STANDARDS, ROOT

from generator.cli import main
from generator.standard import load_standard, spreadsheet
from generator.standard.export import to_csv
from generator.standard.importer import REQUIRED

HEADER = list(REQUIRED)
# A held-out technical dictionary of three levels and no learning catalogue (our own words).
HELD_OUT = [
    ["penataan-arsip-dinamis", "Penataan Arsip Dinamis", "teknis",
     "Kemampuan mengatur arsip yang masih dipakai agar mudah ditemukan dan aman.", 1,
     "Menata arsip sendiri sesuai pedoman unit.", "Memberi kode klasifikasi pada setiap surat."],
    ["penataan-arsip-dinamis", "", "teknis", "", 1, "", "Menyimpan berkas pada map yang benar."],
    ["penataan-arsip-dinamis", "", "", "", 2, "Menata arsip unit secara mandiri.",
     "Menyusun daftar arsip aktif unit setiap semester."],
    ["penataan-arsip-dinamis", "", "", "", 3, "Merancang tata arsip instansi.",
     "Menyusun pedoman klasifikasi arsip bagi seluruh unit."],
    ["penyusutan-arsip", "Penyusutan Arsip", "teknis",
     "Kemampuan memilah arsip yang habis masa simpannya untuk dipindah atau dimusnahkan.", 1,
     "Mengenali arsip yang sudah habis masa simpannya.",
     "Mencocokkan arsip dengan jadwal retensi."],
    ["penyusutan-arsip", "", "", "", 2, "Menyiapkan usul penyusutan unit.",
     "Menyusun daftar arsip usul musnah."],
    ["penyusutan-arsip", "", "", "", 3, "Mengelola penyusutan di instansi.",
     "Memimpin penilaian arsip bersama panitia penilai."],
]  # fmt: skip


def _xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _csv(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def standards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REAL_STANDARDS, tmp_path / "standards")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "standards"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_export_csv_then_import_gives_the_same_data(
    standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    standard = load_standard(standards)
    before = standard.data
    Path("kompetensi.csv").write_text(to_csv(standard.model), encoding="utf-8")
    assert main(["import", "kompetensi.csv", "--force"]) == 0
    capsys.readouterr()
    imported = load_standard(standards)
    after = imported.data
    assert to_csv(imported.model) == to_csv(standard.model)
    technical = [c for c in before["competencies"] if c["group"] == "teknis"]
    assert technical and all(c in after["competencies"] for c in technical)
    assert after["dictionaries"] == before["dictionaries"]  # its owner and source kept


def test_a_held_out_three_level_dictionary_imports_validates_and_builds(
    standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from project_support import real_config, run_build, write_project

    _xlsx(Path("kamus-arsip.xlsx"), HELD_OUT)
    assert main(["import", "kamus-arsip.xlsx"]) == 0
    out, err = capsys.readouterr()
    assert out == (
        "OK: 3 berkas ditulis: standards/competencies/penataan-arsip-dinamis.yaml, "
        "standards/competencies/penyusutan-arsip.yaml, standards/dictionaries/kamus-arsip.yaml\n"
    )
    # Missing activities are named, as warnings, never as errors.
    assert err.splitlines() == [
        f"peringatan: standards/competencies/{cid}.yaml:2:5: id: katalog pembelajaran belum "
        "mempunyai kegiatan untuk 9 pasangan level/kategori, misalnya level 1 kategori 70 "
        f"Saran: tambahkan kegiatan di standards/learning/{cid}.yaml"
        for cid in ("penataan-arsip-dinamis", "penyusutan-arsip")
    ]
    assert main(["validate"]) == 0
    data = load_standard(standards).data
    assert {d["id"]: d["levels"] for d in data["dictionaries"]}["kamus-arsip"] == 3
    arsip = next(c for c in data["competencies"] if c["id"] == "penataan-arsip-dinamis")
    assert (arsip["group"], arsip["dictionary"]) == ("teknis", "kamus-arsip")
    assert [len(lv["indicators"]) for lv in arsip["levels"]] == [2, 1, 1]

    shutil.copytree(standards, "project/standards")
    config = write_project(Path("project"), {"index.md": "# Uji\n"}, real_config(quiz_assets=False))
    built = run_build(config, Path("project/site"))
    assert built.code == 0, built.output
    page = built.page("kompetensi/penataan-arsip-dinamis")
    assert "Menyimpan berkas pada map yang benar." in page
    assert "3 level" in page
    assert "kegiatan untuk 9 pasangan level/kategori" in built.output  # named, not fatal


def test_a_spreadsheet_with_errors_is_refused_with_located_messages(
    standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[list[object]] = [list(row) for row in HELD_OUT]
    rows[1][4] = "dua"  # row 3: level
    rows[2][0] = "Penataan Arsip"  # row 4: competency_id
    rows[3][5] = "Deskripsi lain untuk level tiga."
    rows.append(["penyusutan-arsip", "", "", "", 3, "", ""])  # row 9: indicator
    rows.append(["arsip-statis", "Arsip Statis", "umum", "Definisi.", 1, "D.", "Z"])
    before = _files(standards)
    _xlsx(Path("kamus.xlsx"), rows)
    assert main(["import", "kamus.xlsx"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "kamus.xlsx:3:level: level harus bilangan bulat 1 sampai 5, tertulis 'dua' "
        "Saran: tulis nomor level saja, misalnya 2",
        "kamus.xlsx:4:competency_id: kode kompetensi tidak sah: 'Penataan Arsip' "
        "Saran: pakai huruf kecil, angka, dan tanda hubung, misalnya pengelolaan-arsip",
        "kamus.xlsx:9:indicator: indikator kosong Saran: setiap baris memuat satu indikator",
        "kamus.xlsx:10:group: kelompok tidak dikenal: 'umum' "
        "Saran: pakai teknis, manajerial, atau sosial_kultural",
        "4 masalah di kamus.xlsx; tidak ada berkas yang ditulis",
    ]
    assert _files(standards) == before


def test_levels_with_a_gap_and_dictionaries_of_mixed_levels(
    standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[list[object]] = [list(row) for row in HELD_OUT]
    rows.append(["arsip-vital", "Arsip Vital", "teknis", "Definisi.", 1, "Deskripsi.", "X"])
    rows.append(["arsip-vital", "", "", "", 3, "Level tiga.", "Y"])  # no level 2
    rows.append(["arsip-statis", "Arsip Statis", "teknis", "Definisi.", 1, "Deskripsi.", "Z"])
    _csv(Path("kamus.csv"), rows)
    assert main(["import", "kamus.csv"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "kamus.csv:9:level: level kompetensi 'arsip-vital' harus berurutan mulai 1, "
        "tertulis 1, 3 Saran: setiap level dari 1 sampai level tertinggi memerlukan baris",
        "kamus.csv:11:level: kompetensi 'arsip-statis' mempunyai 1 level, sedangkan "
        "'penataan-arsip-dinamis' dalam kamus yang sama mempunyai 3 Saran: semua kompetensi "
        "dalam satu kamus memakai jumlah level yang sama",
        "2 masalah di kamus.csv; tidak ada berkas yang ditulis",
    ]


def test_a_changed_repeat_is_located(standards: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows: list[list[object]] = [list(row) for row in HELD_OUT]
    rows[1][5] = "Deskripsi lain."
    _csv(Path("kamus.csv"), rows)
    assert main(["import", "kamus.csv"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "kamus.csv:3:level_description: berbeda dengan deskripsi level 1 pada baris 2 "
        "Saran: kosongkan sel ini atau samakan isinya"
    )


def test_missing_and_unknown_columns(standards: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header = [*HEADER[:6], "indikator"]
    _csv(Path("kamus.csv"), [row[:7] for row in HELD_OUT], header)
    assert main(["import", "kamus.csv"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "kamus.csv:1:indikator: kolom tidak dikenal Saran: kolom yang dikenal: competency_id, "
        "competency_name, group, definition, level, level_description, indicator, dictionary, "
        "example",
        "kamus.csv:1:indicator: kolom wajib tidak ada Saran: tambahkan kolom ini pada baris pertama",
        "2 masalah di kamus.csv; tidak ada berkas yang ditulis",
    ]


def test_existing_files_are_refused_unless_forced(
    standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _csv(Path("kamus.csv"), HELD_OUT)
    assert main(["import", "kamus.csv"]) == 0
    capsys.readouterr()
    written = _files(standards)
    assert main(["import", "kamus.csv"]) == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        "kamus.csv:2:competency_id: berkas standards/competencies/penataan-arsip-dinamis.yaml "
        "sudah ada Saran: pakai --force untuk menimpanya, atau ganti kode kompetensi",
        "kamus.csv:6:competency_id: berkas standards/competencies/penyusutan-arsip.yaml "
        "sudah ada Saran: pakai --force untuk menimpanya, atau ganti kode kompetensi",
    ]
    assert main(["import", "kamus.csv", "--force"]) == 0
    assert _files(standards) == written


def test_the_validator_runs_before_anything_is_written(
    standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[list[object]] = [list(row) for row in HELD_OUT]
    rows[0][1] = "Integritas"  # the name of an existing competency
    before = _files(standards)
    _csv(Path("kamus.csv"), rows)
    assert main(["import", "kamus.csv"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == (
        "standards/competencies/penataan-arsip-dinamis.yaml:3:7: name: nama 'Integritas' sudah "
        "dipakai oleh 'integritas' Saran: dua kompetensi tidak boleh bernama sama"
    )
    assert lines[-1] == "1 masalah di kamus.csv; tidak ada berkas yang ditulis"
    assert _files(standards) == before


def test_reading_is_bounded(
    standards: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _csv(Path("kamus.csv"), HELD_OUT)
    monkeypatch.setattr(spreadsheet, "MAX_BYTES", 100)
    assert main(["import", "kamus.csv"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "kamus.csv: berkas lebih besar dari 0 MB Saran: bagi kamus ke beberapa berkas"
    )
    monkeypatch.setattr(spreadsheet, "MAX_BYTES", 1 << 20)
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 3)
    assert main(["import", "kamus.csv"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "kamus.csv: lebih dari 3 baris Saran: bagi kamus ke beberapa berkas"
    )


def test_unsupported_file(standards: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("kamus.ods").write_bytes(b"x")
    assert main(["import", "kamus.ods"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "kamus.ods: jenis berkas tidak didukung Saran: simpan spreadsheet sebagai .xlsx atau .csv"
    )
    assert ROOT.is_dir()
