"""Every task of the handbook's "Tugas Sehari-hari" page, performed on a scratch ``standards/``.

Each test makes the change the page describes (see ``handbook_tasks``), then runs the real
``kompetensi validate`` (must pass) and ``kompetensi export`` (must show the change). The built
site is checked in ``test_handbook_site``.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import handbook_tasks as tasks
from handbook_support import (
    STANDARDS,
    example,
    export,
    kompetensi,
    marked_blocks,
    page_text,
    scratch_standards,
    validate_ok,
)

from generator.engine.scope import assessed_export
from generator.standard import load_export


def _position(data: dict[str, Any], position_id: str) -> dict[str, Any]:
    found = [p for p in data["positions"] if p["id"] == position_id]
    assert len(found) == 1, f"position {position_id} is exported once"
    result: dict[str, Any] = found[0]
    return result


def test_every_task_example_on_the_page_is_used_by_a_test() -> None:
    used = {
        "target-jabatan",
        "jabatan-baru",
        "indikator-baru",
        "kompetensi-teknis",
        "target-teknis",
        "kegiatan-baru",
        "katalog-teknis",
        "versi-baru",
        "rekap-daftar",
        "rekap-perintah",
        "impor-kamus",
        "impor-perintah",
        "impor-jabatan",
        "impor-jabatan-perintah",
    }
    shown = [b.name for b in marked_blocks("contoh")]
    assert sorted(shown) == sorted(used), "each example is marked once and tested"


def test_change_a_positions_target(tmp_path: Path) -> None:
    standards = scratch_standards(tmp_path)
    assert "`komunikasi: 3` menjadi `komunikasi: 4`" in page_text("tugas.md")
    before = _position(export(tmp_path), "administrator")["targets"]
    assert before["komunikasi"] == 3

    tasks.change_target(standards)

    validate_ok(tmp_path)
    after = _position(export(tmp_path), "administrator")["targets"]
    assert after == {**before, "komunikasi": 4}


def test_add_a_position_type(tmp_path: Path) -> None:
    standards = scratch_standards(tmp_path)
    tasks.add_position(standards)

    validate_ok(tmp_path)
    data = export(tmp_path)
    added = _position(data, tasks.NEW_POSITION_ID)
    assert added["name"] == "Analis SDM Aparatur Ahli Muda"
    assert added["category"] == "fungsional"
    assert added["verified"] is False
    required = {c["id"] for c in data["competencies"] if c["group"] != "teknis"}
    assert set(added["targets"]) == required, "the example names every required competency"
    assert set(added["targets"].values()) == {3}


def test_edit_an_indicators_wording(tmp_path: Path) -> None:
    standards = scratch_standards(tmp_path)
    expected = tasks.edit_indicator(standards)

    validate_ok(tmp_path)
    indicators = {
        ind["id"]: ind
        for c in export(tmp_path)["competencies"]
        for lv in c["levels"]
        for ind in lv["indicators"]
    }
    assert indicators[tasks.EDITED_INDICATOR]["text"] == expected
    assert expected.startswith("Mengingatkan rekan kerja agar tetap memegang nilai")


def test_add_an_agency_technical_competency_with_five_levels(tmp_path: Path) -> None:
    standards = scratch_standards(tmp_path)
    tasks.add_teknis_competency(standards)

    run = validate_ok(tmp_path)
    # Without its learning catalogue the competency is valid but warned about; --strict fails.
    assert run.stderr.startswith(f"peringatan: standards/competencies/{tasks.TEKNIS_ID}.yaml:")
    assert kompetensi(tmp_path, "validate", "--strict").returncode == 1

    data = export(tmp_path)
    (competency,) = [c for c in data["competencies"] if c["id"] == tasks.TEKNIS_ID]
    assert competency["group"] == "teknis"
    assert [lv["level"] for lv in competency["levels"]] == [1, 2, 3, 4, 5]
    for level in competency["levels"]:
        numbers = range(1, len(level["indicators"]) + 1)
        assert [ind["id"] for ind in level["indicators"]] == [
            f"{tasks.TEKNIS_ID}.{level['level']}.{n}" for n in numbers
        ]
    before = _position(load_export(STANDARDS), "pengawas")["targets"]
    assert _position(data, "pengawas")["targets"] == {**before, tasks.TEKNIS_ID: 2}


def test_add_activities_to_an_existing_catalogue(tmp_path: Path) -> None:
    standards = scratch_standards(tmp_path)
    before = export(tmp_path)["learning"]["activities"]
    tasks.add_activity(standards)

    validate_ok(tmp_path, "--strict")
    after = export(tmp_path)["learning"]["activities"]
    assert [a for a in after if a not in before] == [
        {
            "id": "integritas-forum-dilema-etika",
            "competency": "integritas",
            "level": 3,
            "category": "20",
            "form": "komunitas-belajar",
            "jp": 4,
            "arranged_by_agency": False,
            "activity": "Prakarsai forum berbagi bulanan di unit kerja untuk membahas satu kasus "
            "dilema etika yang nyata beserta kesepakatan cara menanganinya.",
        }
    ]


def test_a_new_competencys_catalogue_clears_the_warning(tmp_path: Path) -> None:
    standards = scratch_standards(tmp_path)
    tasks.add_teknis_competency(standards)
    tasks.add_teknis_catalogue(standards)

    run = validate_ok(tmp_path, "--strict")
    assert run.stderr == ""
    activities = [
        a for a in export(tmp_path)["learning"]["activities"] if a["competency"] == tasks.TEKNIS_ID
    ]
    cells = {(a["level"], a["category"]) for a in activities}
    assert cells == {(lv, cat) for lv in range(1, 6) for cat in ("70", "20", "10")}
    assert [a["id"] for a in activities if a["arranged_by_agency"]] == [
        f"{tasks.TEKNIS_ID}-detasering-lembaga-kearsipan"
    ]


def _version_parts(version: str) -> tuple[int, ...]:
    """The order the quiz compares versions in (numeric per part), for dotted numbers."""
    return tuple(int(part) for part in version.split("."))


def test_bump_the_standards_version(tmp_path: Path) -> None:
    standards = scratch_standards(tmp_path)
    current = load_export(STANDARDS)["framework"]["version"]
    version = tasks.bump_version(standards)
    # The example is a real raise over the version in use, so following it migrates answers.
    assert _version_parts(version) > _version_parts(current)
    text = page_text("tugas.md")
    assert f"`kompetensi-asn:jawaban:{current}`" in text
    assert f"`kompetensi-asn:jawaban-awal:{current}`" in text

    run = validate_ok(tmp_path)
    assert run.stdout.rstrip().endswith(f"(versi {version})")
    bumped = export(tmp_path)
    assert bumped["framework"]["version"] == version

    # A result downloaded before the raise is refused by the recap, naming both versions, as
    # the recap task says (the employee re-downloads it from the migrated answers).
    before = dict(_result_file(bumped, "198001012005011001", 3), standards_version=current)
    folder = tmp_path / "hasil"
    folder.mkdir()
    (folder / "001.json").write_text(json.dumps(before), encoding="utf-8")
    run = kompetensi(tmp_path, "rekap", "hasil", "--format", "json")
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"{Path('hasil') / '001.json'}: ditolak: standards_version: jawaban diberikan untuk "
        f'standar versi "{current}", sedangkan standar ini versi {version}',
        "rekap: 0 berkas dipakai, 1 ditolak",
    ]
    assert "berkas versi lama ditolak" in text
    assert "pegawai mengisi penilaian mandiri dari awal" in text


def _result_file(data: dict[str, Any], nip: str, rating: int) -> dict[str, Any]:
    """A result file as the quiz downloads it, every indicator rated ``rating``."""
    ratings = {
        indicator["id"]: rating
        for competency in data["competencies"]
        for level in competency["levels"]
        for indicator in level["indicators"]
    }
    return {
        "format": "kompetensi-asn/jawaban",
        "format_version": 1,
        "standards_version": data["framework"]["version"],
        "position": data["positions"][0]["id"],
        "targets": {},
        "total_jp": 20,
        "ratings": ratings,
        "identity": {"nip": nip},
    }


def test_recap_the_agencys_development_needs(
    tmp_path: Path, required: Callable[[bool, str], None]
) -> None:
    required(importlib.util.find_spec("openpyxl") is not None, "openpyxl (pip install openpyxl)")
    import openpyxl

    scratch_standards(tmp_path)
    data = assessed_export(export(tmp_path))  # the quiz's results cover no technical ones
    roster = example("rekap-daftar")
    people = list(csv.DictReader(io.StringIO(roster)))
    assert [list(person) for person in people[:1]] == [["nip", "nama", "unit", "jabatan"]]
    (tmp_path / "daftar-pegawai.csv").write_text(roster, encoding="utf-8")
    folder = tmp_path / "hasil" / "biro-umum"
    folder.mkdir(parents=True)
    for number, (person, rating) in enumerate(zip(people[:2], (4, 1), strict=True), start=1):
        document = _result_file(data, person["nip"], rating)
        (folder / f"{number:03d}.json").write_text(json.dumps(document), encoding="utf-8")

    command = shlex.split(example("rekap-perintah"))
    assert command[:2] == ["kompetensi", "rekap"]
    run = kompetensi(tmp_path, *command[1:])
    assert run.returncode == 0, run.stderr
    assert run.stderr == "rekap: 2 berkas dipakai, 0 ditolak\n"
    book = openpyxl.load_workbook(tmp_path / command[command.index("-o") + 1], read_only=True)
    summary = {row[0]: row[1] for row in book["ringkasan"].iter_rows(min_row=3, values_only=True)}
    assert summary["Responden (berkas dipakai)"] == 2
    missing = list(book["belum_mengirim"].iter_rows(min_row=3, values_only=True))
    assert missing == [(people[2]["nip"], people[2]["unit"])]
    names = {person["nama"] for person in people}
    text = " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )
    assert not [name for name in names if name in text], "no names without --detail"


def test_import_a_technical_dictionary_from_a_spreadsheet(tmp_path: Path) -> None:
    standards = scratch_standards(tmp_path)
    (tmp_path / "kamus-arsip.csv").write_text(example("impor-kamus"), encoding="utf-8")
    command = shlex.split(example("impor-perintah"))
    assert command[:2] == ["kompetensi", "import"]
    run = kompetensi(tmp_path, *command[1:])
    assert run.returncode == 0, run.stderr
    assert run.stdout == (
        "OK: 2 berkas ditulis: standards/competencies/penataan-arsip-aktif.yaml, "
        "standards/dictionaries/kamus-arsip.yaml\n"
    )
    dictionary = (standards / "dictionaries" / "kamus-arsip.yaml").read_text(encoding="utf-8")
    for key in ("owner", "source", "version"):  # as the page says: filled in afterwards
        assert f"# {key}: " in dictionary
    run = validate_ok(tmp_path)
    assert "penataan-arsip-aktif.yaml:2:5: id: katalog pembelajaran belum mempunyai kegiatan" in (
        run.stderr
    )
    data = export(tmp_path)
    (competency,) = [c for c in data["competencies"] if c["id"] == "penataan-arsip-aktif"]
    assert (competency["group"], competency["dictionary"]) == ("teknis", "kamus-arsip")
    assert [len(lv["indicators"]) for lv in competency["levels"]] == [2, 1, 1]
    assert {d["id"]: d["levels"] for d in data["dictionaries"]}["kamus-arsip"] == 3
    # Importing again refuses the existing file and writes nothing.
    again = kompetensi(tmp_path, *command[1:])
    assert again.returncode == 1
    assert again.stderr.splitlines()[-1] == (
        "1 masalah di kamus-arsip.csv; tidak ada berkas yang ditulis"
    )


def test_import_positions_from_a_spreadsheet(tmp_path: Path) -> None:
    standards = scratch_standards(tmp_path)
    (tmp_path / "jabatan-dinas.csv").write_text(example("impor-jabatan"), encoding="utf-8")
    command = shlex.split(example("impor-jabatan-perintah"))
    assert command[:2] == ["kompetensi", "import"]
    run = kompetensi(tmp_path, *command[1:])
    assert run.returncode == 0, run.stderr
    written = "standards/positions/pranata-sdm-aparatur-mahir-dinas.yaml"
    assert run.stdout == f"OK: 1 berkas ditulis: {written}\n"
    assert (standards / "positions" / "pranata-sdm-aparatur-mahir-dinas.yaml").is_file()
    validate_ok(tmp_path)
    data = export(tmp_path)
    (position,) = [p for p in data["positions"] if p["id"] == "pranata-sdm-aparatur-mahir-dinas"]
    assert (position["kind"], position["grade"], position["extends"]) == (
        "fungsional",
        "mahir",
        "jf-mahir",
    )
    # As the page says: what the sheet does not list follows jf-mahir (null).
    assert position["targets"]["integritas"] == 2 and position["targets"]["komunikasi"] is None
    assert position["targets"]["pengelolaan-data-kepegawaian"] == 3
    assert position["dictionaries"] == ["sdm-aparatur-contoh"]
    assert position["requirements"]["training_by_type"]["technical"] == [
        "Pelatihan sistem informasi kepegawaian"
    ]
    # The page's round trip: export in the same form, import again with --force.
    assert (
        kompetensi(tmp_path, "export", "--format", "csv", "--positions", "-o", "p.csv").returncode
        == 0
    )
    again = kompetensi(tmp_path, "import", "p.csv", "--force")
    assert again.returncode == 0, again.stderr
    assert export(tmp_path) == data
    # The quoted problem is what the command prints for that mistake.
    broken = example("impor-jabatan").replace(",jf-mahir,", ",jf-mahr,")
    (tmp_path / "jabatan-dinas.csv").write_text(broken, encoding="utf-8")
    refused = kompetensi(tmp_path, "import", "jabatan-dinas.csv", "--force")
    assert refused.returncode == 1
    assert (
        "jabatan-dinas.csv:2:extends: tipe jabatan 'jf-mahr' tidak dikenal "
        "Saran: mungkin maksudnya 'jf-mahir'?" in refused.stderr.splitlines()
    )
