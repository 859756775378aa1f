"""A small XLSX (SpreadsheetML) writer: named sheets of rows, text and numbers, nothing else.

The recap's spreadsheet is made in the browser too (the ``/rekap/`` page runs this in Pyodide),
where only the standard library is available, so it is written here with :mod:`zipfile` instead
of openpyxl. Numbers are stored as numbers, text as inline strings (never as formulas); the
caller neutralises formula-like text (``cells.formula_safe``) so a cell edited later in a
spreadsheet stays text. The same sheets always give the same bytes (fixed timestamps).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

SheetRows = Sequence[Sequence[Any]]
MAX_SHEET_NAME = 31
MAX_COLUMN_WIDTH = 60
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
# Characters XML 1.0 cannot hold at all (a file name or text from a result file might).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_SPREADSHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def column_letters(index: int) -> str:
    """``0`` → ``A``, ``25`` → ``Z``, ``26`` → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _text(value: str) -> str:
    """``value`` as XML character data or attribute text (quotes escaped too)."""
    cleaned = _NOT_XML.sub("\ufffd", value)
    return (
        cleaned.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _cell(reference: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float) and value == value and abs(value) != float("inf"):
        return f'<c r="{reference}"><v>{value!r}</v></c>'
    text = _text(str(value))
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _widths(rows: SheetRows) -> str:
    widths: dict[int, int] = {}
    for row in rows:
        for index, value in enumerate(row):
            length = len(str(value)) if value is not None else 0
            widths[index] = max(widths.get(index, 0), min(length + 2, MAX_COLUMN_WIDTH))
    columns = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{max(w, 8)}" customWidth="1"/>'
        for i, w in sorted(widths.items())
    )
    return f"<cols>{columns}</cols>" if columns else ""


def _sheet(rows: SheetRows) -> str:
    lines = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            _cell(f"{column_letters(index)}{number}", value) for index, value in enumerate(row)
        )
        lines.append(f'<row r="{number}">{cells}</row>')
    data = "".join(lines)
    # The used range: read-only readers (openpyxl's among them) size the sheet from it.
    width = max((len(row) for row in rows), default=0)
    last = f"{column_letters(width - 1)}{len(rows)}" if width else "A1"
    used = "A1" if last == "A1" else f"A1:{last}"
    return (
        f'{_XML}<worksheet xmlns="{_SPREADSHEET}"><dimension ref="{used}"/>{_widths(rows)}'
        f"<sheetData>{data}</sheetData></worksheet>"
    )


def sheet_name(name: str, taken: set[str]) -> str:
    """A name a spreadsheet accepts: no ``[]:*?/\\``, at most 31 characters, unique."""
    base = _FORBIDDEN_IN_SHEET_NAME.sub("_", _NOT_XML.sub("", name)).strip("'")[:MAX_SHEET_NAME]
    base = base or "Sheet"
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def workbook(sheets: Sequence[tuple[str, SheetRows]]) -> bytes:
    """The ``.xlsx`` bytes of ``sheets``: (name, rows) in order; a row is a list of cells
    (``str``, ``int``, ``float``, ``bool`` or ``None`` for an empty cell)."""
    if not sheets:
        sheets = [("Sheet", [])]
    taken: set[str] = set()
    names = [sheet_name(name, taken) for name, _ in sheets]
    count = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, count + 1)
    )
    parts = {
        "[Content_Types].xml": (
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'{_XML}<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" '
            f'Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_XML}<workbook xmlns="{_SPREADSHEET}" xmlns:r="{_RELATIONSHIPS}"><sheets>'
            + "".join(
                f'<sheet name="{_text(name)}" sheetId="{n}" r:id="rId{n}"/>'
                for n, name in enumerate(names, start=1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_XML}<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{_RELATIONSHIPS}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, count + 1)
            )
            + f'<Relationship Id="rId{count + 1}" Type="{_RELATIONSHIPS}/styles" '
            'Target="styles.xml"/></Relationships>'
        ),
        # The smallest style sheet spreadsheet programs accept: one font, fill, border, format,
        # and the "Normal" cell style.
        "xl/styles.xml": (
            f'{_XML}<styleSheet xmlns="{_SPREADSHEET}"><fonts count="1"><font><sz val="11"/>'
            '<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill '
            'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
            '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
            '</border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" '
            'fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle '
            'name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
        ),
    }
    for n, (_, rows) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{n}.xml"] = _sheet(rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
