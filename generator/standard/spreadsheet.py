"""Read a dictionary spreadsheet (``.csv`` or ``.xlsx``) as rows of text, bounded.

Rows are numbered as a spreadsheet program numbers them (the header is row 1) and cells are
named by their column's header, so every problem can point at ``FILE:row:column``. A file larger
than :data:`MAX_BYTES`, or with more than :data:`MAX_ROWS` rows or :data:`MAX_COLUMNS` columns, is
refused before its rows are kept: an agency's dictionary of a few hundred competencies is a few
thousand rows.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import with_hint
from generator.i18n import _, os_reason

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 50
MAX_CELL = 10_000
"""Characters in one cell: a long indicator is a few hundred."""
SUFFIXES = (".csv", ".xlsx")


@dataclass
class Sheet:
    """The header and the non-empty rows of a spreadsheet, or why it could not be read."""

    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    """``(row number, {header: cell text})``; empty rows are left out."""
    problem: str = ""
    """Indonesian, ``message Hint: ...``; set when the file could not be read at all."""


def read_sheet(path: Path) -> Sheet:
    """The rows of ``path``: its first worksheet for ``.xlsx``, UTF-8 (BOM allowed) for ``.csv``."""
    suffix = path.suffix.casefold()
    if suffix not in SUFFIXES:
        return Sheet(
            problem=with_hint(
                _("unsupported file type"), _("save the spreadsheet as .xlsx or .csv")
            )
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        return Sheet(
            problem=_("the file cannot be read ({reason})").format(reason=os_reason(error))
        )
    if len(data) > MAX_BYTES:
        return Sheet(
            problem=with_hint(
                _("the file is larger than {size} MB").format(size=MAX_BYTES // (1024 * 1024)),
                _("split the dictionary into several files"),
            )
        )
    cells = _xlsx_rows(data) if suffix == ".xlsx" else _csv_rows(data)
    if isinstance(cells, str):
        return Sheet(problem=cells)
    return _sheet(cells)


def _csv_rows(data: bytes) -> list[list[str]] | str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return with_hint(
            _("the file is not UTF-8 text (byte {offset})").format(offset=error.start + 1),
            _("save it again as CSV UTF-8"),
        )
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows.append(row)
            if len(rows) > MAX_ROWS:
                break
    except csv.Error as error:
        return with_hint(
            _("broken CSV file on line {line} ({reason})").format(
                line=len(rows) + 1, reason=_csv_reason(error)
            ),
            _("check the quotation marks"),
        )
    return rows


def _csv_reason(error: csv.Error) -> str:
    """The csv module's reason in words of the current language where we know it (a quotation
    mark left open makes one field swallow the rest of the file, past the module's limit)."""
    too_long = re.fullmatch(r"field larger than field limit \((\d+)\)", str(error))
    if too_long:
        return _("a field is longer than {limit} characters").format(limit=too_long[1])
    return str(error)


def _xlsx_reason(error: Exception) -> str:
    """Why openpyxl could not open the workbook, in words where we know them."""
    if isinstance(error, zipfile.BadZipFile):
        return _("not a ZIP archive, which an .xlsx file is")
    if isinstance(error, KeyError):
        return _("a part of the workbook is missing")
    return type(error).__name__


def _xlsx_rows(data: bytes) -> list[list[str]] | str:
    import openpyxl  # only .xlsx needs it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        return with_hint(
            _("the .xlsx file cannot be read ({reason})").format(reason=_xlsx_reason(error)),
            _("save it again from the spreadsheet program"),
        )
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            rows.append(["" if v is None else _cell_text(v) for v in values])
            if len(rows) > MAX_ROWS:
                break
        return rows
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    # A level typed into a spreadsheet arrives as 2 or 2.0; both mean "2".
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet(cells: list[list[str]]) -> Sheet:
    if not cells or not any(c.strip() for c in cells[0]):
        return Sheet(
            problem=with_hint(
                _("the first row is empty"), _("the first row holds the column names")
            )
        )
    if len(cells) > MAX_ROWS:
        return Sheet(
            problem=with_hint(
                _("more than {count} rows").format(count=MAX_ROWS),
                _("split the dictionary into several files"),
            ),
        )
    header = [c.strip() for c in cells[0]]
    while header and not header[-1]:
        header.pop()
    if len(header) > MAX_COLUMNS:
        return Sheet(
            problem=with_hint(
                _("more than {count} columns").format(count=MAX_COLUMNS),
                _("delete the columns that are not used"),
            )
        )
    sheet = Sheet(header)
    for number, row in enumerate(cells[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        sheet.rows.append(
            (
                number,
                {
                    name: (row[i] if i < len(row) else "")[:MAX_CELL]
                    for i, name in enumerate(header)
                },
            )
        )
    return sheet
