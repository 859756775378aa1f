"""Reading the recap's spreadsheets back (openpyxl) in the recap and browser tests."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any


def trimmed(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row without the empty cells openpyxl pads it with up to the sheet's widest row."""
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return row[:end]


def read_sheets(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet of an .xlsx file's bytes: name → rows of values, padding trimmed."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        sheet.title: [trimmed(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def competency_numbers(competency: Mapping[str, Any]) -> tuple[int, ...]:
    """The counts a competency's row of the "kompetensi" sheet holds after its name:
    respondents, below, at and above target, no target, then levels 0 to 5."""
    return (
        competency["respondents"],
        competency["below_target"],
        competency["at_target"],
        competency["above_target"],
        competency["no_target"],
        *(competency["level_counts"][str(level)] for level in range(6)),
    )
