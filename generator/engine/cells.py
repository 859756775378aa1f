"""The one rule for spreadsheet cells: text a spreadsheet would run as a formula stays text.

Every table the project writes for a spreadsheet (the standard's CSV export, the quiz's CSV,
the recap's CSV and XLSX) passes its cells through :func:`formula_safe`, and ``kompetensi import``
undoes it with :data:`NEUTRALISED`, so an exported file imports unchanged. A cell starting with
``=``, ``+``, ``-`` or ``@`` is a formula to Excel, LibreOffice and Google Sheets; one starting
with a tab, a carriage return or a line feed can be one once the program trims the white space
(OWASP's CSV injection advice), so all seven get a leading apostrophe, which the programs show
as nothing and which makes the rest text.

Standard library only: the quiz and the recap run this in the browser (Pyodide).
"""

from __future__ import annotations

import re
from typing import TypeVar

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
NEUTRALISED = re.compile("^'(?=[=+\\-@\t\r\n])")
"""A leading apostrophe :func:`formula_safe` added (for taking it off again)."""

_Value = TypeVar("_Value")


def formula_safe(value: _Value) -> _Value | str:
    """``value`` as a cell: formula-like text gets a leading apostrophe, ``None`` is empty, and
    anything else (a number for an XLSX cell) is left as it is."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
