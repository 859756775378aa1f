"""The agency's roster for the recap: a CSV of ``nip, nama, unit, jabatan``.

With it the recap lists who has not sent a file, and takes a person's unit (and position) from
it when their file does not give one. Standard library only (the ``/rekap/`` page reads it too).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .recap_files import clean_text, normalize_nip
from .wording import _

ROSTER_COLUMNS = ("nip", "nama", "unit", "jabatan")
MAX_ROSTER_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RosterPerson:
    """One employee of the roster: NIP, name, unit and position as the agency wrote them."""

    nip: str
    name: str
    unit: str
    position: str


def read_roster(data: bytes, source: str = "roster") -> tuple[dict[str, RosterPerson], list[str]]:
    """The roster CSV (columns ``nip, nama, unit, jabatan``, any order, a header line first).

    Returns the people by NIP and every problem as ``source:line: message`` (in the language
    the caller installed, :mod:`.wording`)."""
    if len(data) > MAX_ROSTER_BYTES:
        return {}, [f"{source}: " + _("the roster file is larger than 20 MB")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}, [f"{source}: " + _hinted(_("not UTF-8 text"), _("save the list as UTF-8 CSV"))]
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [clean_text(cell).lower() for cell in next(rows, [])]
    absent = [column for column in ROSTER_COLUMNS if column not in header]
    if absent:
        missing = _("missing columns: {columns}").format(columns=", ".join(absent))
        hint = _("the first line must hold the column headings {columns}")
        return {}, [
            f"{source}:1: " + _hinted(missing, hint.format(columns=", ".join(ROSTER_COLUMNS)))
        ]
    index = {column: header.index(column) for column in ROSTER_COLUMNS}
    people: dict[str, RosterPerson] = {}
    problems: list[str] = []
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {c: clean_text(row[i]) if i < len(row) else "" for c, i in index.items()}
        nip = normalize_nip(cells["nip"])
        if not nip:
            empty = _hinted(_("no NIP"), _("every line needs a NIP"))
            problems.append(f"{source}:{line}: nip: {empty}")
        elif nip in people:
            same = _("the same NIP is already on an earlier line")
            problems.append(f"{source}:{line}: nip: {same}")
        else:
            people[nip] = RosterPerson(nip, cells["nama"], cells["unit"], cells["jabatan"])
    return people, problems


def _hinted(message: str, hint: str) -> str:
    return _("{message} Hint: {hint}").format(message=message, hint=hint)
