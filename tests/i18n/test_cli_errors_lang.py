"""Error paths outside the validator speak the chosen language too, whole lines pinned.

The operating system's reasons (``No such file or directory``), the recap's reasons for a file it
refuses and its roster problems, and a missing MkDocs configuration: each in Indonesian by
default and in English with ``--lang en``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run

ROOT = Path(__file__).resolve().parents[2]
STANDARDS = str(ROOT / "standards")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            [
                "tidak-ada.json: tidak dapat dibaca: berkas atau folder tidak ada",
                "folder: tidak dapat dibaca: ini sebuah folder",
            ],
        ),
        (
            "en",
            [
                "tidak-ada.json: cannot read: No such file or directory",
                "folder: cannot read: Is a directory",
            ],
        ),
    ],
)
def test_the_systems_reason_a_file_cannot_be_read(
    tmp_path: Path, lang: str, expected: list[str]
) -> None:
    (tmp_path / "folder").mkdir()
    args = ("assess", "--answers", "tidak-ada.json", "--targets", "folder")
    result = run(*args, "--standards", STANDARDS, "--lang", lang, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            [
                "daftar.csv:1: kolom unit, jabatan tidak ada Saran: baris pertama harus memuat "
                "judul kolom nip, nama, unit, jabatan",
            ],
        ),
        (
            "en",
            [
                "daftar.csv:1: missing columns: unit, jabatan Hint: the first line must hold the "
                "column headings nip, nama, unit, jabatan",
            ],
        ),
    ],
)
def test_a_roster_without_its_columns(tmp_path: Path, lang: str, expected: list[str]) -> None:
    (tmp_path / "daftar.csv").write_text("nip,nama\n1,A\n", encoding="utf-8")
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    args = ("rekap", "a.json", "--roster", "daftar.csv", "--standards", STANDARDS)
    result = run(*args, lang=lang, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            [
                "a.json: ditolak: berkas bukan JSON yang valid",
                "b.json: ditolak: bukan berkas hasil penilaian mandiri kompetensi",
                "c.json: ditolak: kunci 'x' muncul dua kali",
                "rekap: 0 berkas dipakai, 3 ditolak",
            ],
        ),
        (
            "en",
            [
                "a.json: rejected: the file is not valid JSON",
                "b.json: rejected: not a competency self-assessment result file",
                "c.json: rejected: key 'x' appears twice",
                "rekap: 0 files used, 3 rejected",
            ],
        ),
    ],
)
def test_the_files_a_recap_refuses(tmp_path: Path, lang: str, expected: list[str]) -> None:
    (tmp_path / "a.json").write_text("{", encoding="utf-8")
    (tmp_path / "b.json").write_text("[1]", encoding="utf-8")
    (tmp_path / "c.json").write_text('{"x": 1, "x": 2}', encoding="utf-8")
    args = ("rekap", "a.json", "b.json", "c.json", "--standards", STANDARDS, "--lang", lang)
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == expected


@pytest.mark.parametrize("command", ["build", "serve"])
@pytest.mark.parametrize(
    ("lang", "expected"),
    [("id", "tidak-ada.yml: berkas konfigurasi tidak ditemukan\n"),
     ("en", "tidak-ada.yml: config file not found\n")],
)  # fmt: skip
def test_a_missing_configuration(tmp_path: Path, command: str, lang: str, expected: str) -> None:
    result = run(command, "-f", "tidak-ada.yml", lang=lang, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", expected)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            "ekspor.json: bukan ekspor kompetensi yang dapat dipakai: competencies[0].levels: "
            "diharapkan daftar, tertulis teks\n",
        ),
        (
            "en",
            "ekspor.json: not a usable kompetensi export: competencies[0].levels: "
            "expected list, got str\n",
        ),
    ],
)
def test_a_hand_made_export_of_the_wrong_shape(tmp_path: Path, lang: str, expected: str) -> None:
    exported = run("export", "--standards", STANDARDS, "-o", "ekspor.json", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    document = json.loads((tmp_path / "ekspor.json").read_text(encoding="utf-8"))
    document["competencies"][0]["levels"] = "lima"
    (tmp_path / "ekspor.json").write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "a.json").write_text('{"ratings": {}}', encoding="utf-8")
    args = (
        "assess",
        "--answers",
        "a.json",
        "--position",
        "pelaksana",
        "--standards",
        "ekspor.json",
    )
    result = run(*args, lang=lang, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", expected)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            [
                "rusak.xlsx: berkas .xlsx tidak dapat dibaca (bukan arsip ZIP, padahal berkas "
                ".xlsx berbentuk arsip ZIP) Saran: simpan ulang dari program spreadsheet",
                "1 masalah di rusak.xlsx; tidak ada berkas yang ditulis",
            ],
        ),
        (
            "en",
            [
                "rusak.xlsx: the .xlsx file cannot be read (not a ZIP archive, which an .xlsx file "
                "is) Hint: save it again from the spreadsheet program",
                "1 problem in rusak.xlsx; no file was written",
            ],
        ),
    ],
)
def test_a_spreadsheet_that_is_not_one(tmp_path: Path, lang: str, expected: list[str]) -> None:
    (tmp_path / "rusak.xlsx").write_bytes(b"not a workbook")
    result = run("import", "rusak.xlsx", "--standards", STANDARDS, lang=lang, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            "kompetensi serve: galat: argumen -a/--dev-addr: diharapkan IP:PORT seperti "
            "127.0.0.1:8000, tertulis 'localhost'",
        ),
        (
            "en",
            "kompetensi serve: error: argument -a/--dev-addr: expected IP:PORT such as "
            "127.0.0.1:8000, got 'localhost'",
        ),
    ],
)
def test_a_preview_address_without_a_port(tmp_path: Path, lang: str, expected: str) -> None:
    """Refused by the command (a usage error in its language), before MkDocs starts."""
    result = run("serve", "-a", "localhost", lang=lang, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            "terbuka.csv: berkas CSV rusak pada baris 2 (sebuah sel lebih panjang dari 131072 "
            "karakter) Saran: periksa tanda petik",
        ),
        (
            "en",
            "terbuka.csv: broken CSV file on line 2 (a field is longer than 131072 characters) "
            "Hint: check the quotation marks",
        ),
    ],
)
def test_a_quotation_mark_left_open(tmp_path: Path, lang: str, expected: str) -> None:
    """The field swallows the rest of the file until the csv module's limit stops it."""
    text = 'competency_id,level\n"x' + "y" * 140_000 + "\n"
    (tmp_path / "terbuka.csv").write_text(text, encoding="utf-8")
    result = run("import", "terbuka.csv", "--standards", STANDARDS, lang=lang, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0] == expected
