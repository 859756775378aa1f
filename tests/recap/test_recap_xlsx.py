"""The standard-library XLSX writer (``generator/engine/xlsx.py``) read back with openpyxl, and
the recap's workbook holding exactly the cells of its CSV."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from recap_support import DICTIONARY, Collected
from spreadsheet_support import read_sheets, trimmed

from generator.engine.dictionary import read_dictionary
from generator.engine.recap import Recap
from generator.engine.recap_tables import tables, to_csv, to_xlsx
from generator.engine.xlsx import column_letters, workbook


@pytest.fixture
def openpyxl(required: Callable[[bool, str], None]) -> Any:
    required(importlib.util.find_spec("openpyxl") is not None, "openpyxl (pip install openpyxl)")
    import openpyxl as module

    return module


def _read(openpyxl: Any, data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    return read_sheets(data)


def test_column_letters() -> None:
    assert [column_letters(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


def test_text_numbers_and_blanks_keep_their_types(openpyxl: Any) -> None:
    rows = [
        ["Teks", "Angka", "Pecahan", "Kosong", "Benar"],
        ["a < b & \"c\" > 'd'", 20, 1.25, None, True],
        ["=SUM(A1:A2)", -3, 0.1, "", False],
        ["baris\nbaru\tdan tab", 10**15, 2.5e-7, "kontrol\x01\x1f dibuang", "ok"],
    ]
    sheets = _read(openpyxl, workbook([("data", rows)]))
    assert list(sheets) == ["data"]
    got = sheets["data"]
    assert got[0] == tuple(rows[0])
    assert got[1] == ("a < b & \"c\" > 'd'", 20, 1.25, None, True)
    # Text is never a formula here: "=SUM(...)" stays the text it was.
    assert got[2] == ("=SUM(A1:A2)", -3, 0.1, None, False)  # "" is an empty cell
    assert got[3] == ("baris\nbaru\tdan tab", 10**15, 2.5e-7, "kontrol\ufffd\ufffd dibuang", "ok")
    assert type(got[1][1]) is int and type(got[1][2]) is float


def test_sheet_names_are_made_acceptable_and_unique(openpyxl: Any) -> None:
    names = ["a/b:c*d?[e]\\f", "x" * 40, "x" * 40, "Ringkasan", "ringkasan", ""]
    sheets = _read(openpyxl, workbook([(name, [[name]]) for name in names]))
    assert list(sheets) == [
        "a_b_c_d__e__f",
        "x" * 31,
        "x" * 27 + " (2)",
        "Ringkasan",
        "ringkasan (2)",
        "Sheet",
    ]


def test_a_read_only_reader_sees_the_used_range(openpyxl: Any) -> None:
    rows = [["a"], ["b", 2, 3.5], []]
    book = openpyxl.load_workbook(io.BytesIO(workbook([("x", rows)])), read_only=True)
    sheet = book["x"]
    assert (sheet.max_row, sheet.max_column) == (3, 3)
    assert [trimmed(row) for row in sheet.iter_rows(values_only=True)] == [
        ("a",),
        ("b", 2, 3.5),
        (),
    ]


def test_the_same_sheets_give_the_same_bytes() -> None:
    sheets = [("a", [["x", 1]]), ("b", [[2.5]])]
    assert workbook(sheets) == workbook(sheets)


def _summary(collected: Collected) -> dict[str, Any]:
    settings = read_dictionary(DICTIONARY).recap
    recap = Recap(DICTIONARY, min_group=settings.min_group, group_size=settings.group_size)
    for path in sorted(collected.folder.iterdir()):
        recap.add(path.name, path.read_bytes(), path.stat().st_mtime)
    return recap.summary(detail=True)


def _without_trailing_blanks(row: list[str]) -> list[str]:
    kept = trimmed(tuple(None if cell == "" else cell for cell in row))
    return ["" if cell is None else cell for cell in kept]


def _as_csv_text(value: Any) -> str:
    return "" if value is None else str(value)


def test_the_recap_workbook_holds_the_csvs_cells(collected: Collected, openpyxl: Any) -> None:
    """Each table's title, header and rows are in its own sheet, numbers as numbers, and read
    as text they are the CSV's cells (formula-like text neutralised the same way)."""
    summary = _summary(collected)
    sheets = _read(openpyxl, to_xlsx(summary))
    titled = tables(summary)
    assert list(sheets) == [table.key for table in titled]
    csv_rows = [row for row in csv.reader(io.StringIO(to_csv(summary))) if row]
    # The CSV: the personal-data notice, then per table its title, header and rows.
    assert csv_rows[0] == [summary["personal_data"]]
    position = 1
    for table in titled:
        rows = sheets[table.key]
        if table.key == "rincian_pegawai":
            assert rows[0] == (summary["personal_data"],)
            rows = rows[1:]
        as_text = [[_as_csv_text(cell) for cell in row] for row in rows]
        expected = csv_rows[position : position + len(rows)]
        # The CSV writes a row's trailing empty cells; the sheet leaves them out.
        assert as_text == [_without_trailing_blanks(row) for row in expected]
        position += len(rows)
    assert position == len(csv_rows)
    small = [row for row in sheets["unit"] if row[1:2] == ("(semua)",)]
    assert small and all(len(row) == 3 for row in small)  # a hidden group: its count only
    numbers = {row[0]: row for row in sheets["kompetensi"][2:]}
    for competency in summary["competencies"]:
        row = numbers[competency["name"]]
        assert row[1] == competency["respondents"] and isinstance(row[1], int)


def test_formula_like_text_from_a_file_is_neutralised(openpyxl: Any) -> None:
    summary = json.loads(json.dumps(_EMPTY))
    summary["rejected"] = [{"file": '=HYPERLINK("x")', "reason": "+ bukan berkas hasil"}]
    sheets = _read(openpyxl, to_xlsx(summary))
    assert sheets["ditolak"][2] == ('\'=HYPERLINK("x")', "'+ bukan berkas hasil")


_EMPTY: dict[str, Any] = {
    "standards_version": "2017.1",
    "respondents": 0,
    "files": {"received": 1, "rejected": 1, "stored_result_differs": 0},
    "settings": {"min_group": 3, "group_size": 20},
    "competencies": [],
    "units": [],
    "positions": [],
    "jp_demand": {"70": 0, "20": 0, "10": 0},
    "activities": [],
    "annual_plan": [],
    "missing": [],
    "rejected": [],
}
