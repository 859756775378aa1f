"""The agency's roster for the recap: a CSV of ``nip, nama, unit, jabatan``.

With it the recap lists who has not sent a file, and takes a person's unit (and position) from
it when their file does not give one. Standard library only (the ``/rekap/`` page reads it too).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .recap_files import clean_text, normalize_nip

ROSTER_COLUMNS = ("nip", "nama", "unit", "jabatan")
MAX_ROSTER_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RosterPerson:
    nip: str
    name: str
    unit: str
    position: str


def read_roster(data: bytes, source: str = "roster") -> tuple[dict[str, RosterPerson], list[str]]:
    """The roster CSV (columns ``nip, nama, unit, jabatan``, any order, a header line first).

    Returns the people by NIP and every problem as ``source:line: message`` (Indonesian).
    """
    if len(data) > MAX_ROSTER_BYTES:
        return {}, [f"{source}: berkas daftar pegawai lebih besar dari 20 MB"]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}, [f"{source}: bukan teks UTF-8 Hint: simpan daftar sebagai CSV UTF-8"]
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [clean_text(cell).lower() for cell in next(rows, [])]
    absent = [column for column in ROSTER_COLUMNS if column not in header]
    if absent:
        return {}, [
            f"{source}:1: kolom {', '.join(absent)} tidak ada Hint: baris pertama harus "
            f"memuat judul kolom {', '.join(ROSTER_COLUMNS)}"
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
            problems.append(f"{source}:{line}: nip: kosong Hint: setiap baris memerlukan NIP")
        elif nip in people:
            problems.append(f"{source}:{line}: nip: NIP yang sama sudah ada di baris sebelumnya")
        else:
            people[nip] = RosterPerson(nip, cells["nama"], cells["unit"], cells["jabatan"])
    return people, problems
