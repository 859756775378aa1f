"""What an HR officer collects: 50 result files, a garbage file, an older duplicate of one
person's file, a file whose stored estimate was tampered with, and the agency's roster.

The expected numbers are not computed here: the tests sum ``kompetensi assess`` outputs.
"""

from __future__ import annotations

import copy
import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.recap_data import documents, nip_of

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "engine" / "fixtures" / "dictionary.json"
DICTIONARY: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
COUNT = 50
EXTRA_ROSTER = (nip_of(900), nip_of(901))
SMALL_UNIT = "Unit Kecil"


@dataclass(frozen=True)
class Collected:
    folder: Path
    roster: Path
    kept: dict[str, dict[str, Any]]
    """File name → document, for every file the recap must use."""
    garbage: Path
    duplicate: Path
    tampered: Path


def _write(path: Path, document: dict[str, Any], modified: float) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    os.utime(path, (modified, modified))
    return path


def collect(folder: Path) -> Collected:
    files = folder / "masuk"
    files.mkdir()
    docs = list(documents(DICTIONARY, COUNT, seed=1818))
    # Two people in a unit too small to show.
    for document in docs[:2]:
        document["identity"]["unit"] = SMALL_UNIT
    # One person gave no unit: the roster's is used.
    del docs[5]["identity"]["unit"]
    kept = {}
    for number, document in enumerate(docs):
        name = f"pegawai-{number:02d}.json"
        _write(files / name, document, 1_800_000_000 + number)
        kept[name] = document
    # An older file of person 7 (different answers): the newer one is kept.
    older = copy.deepcopy(docs[8])
    older["identity"] = dict(docs[7]["identity"])
    duplicate = _write(files / "pegawai-07-lama.json", older, 1_700_000_000)
    # Person 10's stored estimate raised by hand: counted with the recomputed result.
    tampered_doc = copy.deepcopy(docs[10])
    tampered_doc["result"]["competencies"][0]["estimated"] = 5
    tampered_doc["result"]["competencies"][0]["status"] = "strength"
    tampered = _write(files / "pegawai-10.json", tampered_doc, 1_800_000_010)
    kept["pegawai-10.json"] = tampered_doc
    garbage = files / "catatan.json"
    garbage.write_bytes(b"\x89PNG not a result at all")
    roster = folder / "daftar-pegawai.csv"
    with roster.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nip", "nama", "unit", "jabatan"])
        for number in range(len(docs)):
            writer.writerow([nip_of(number), f"Pegawai Uji {number}", "Biro Umum", "Analis"])
        for nip in EXTRA_ROSTER:
            writer.writerow([nip, "Belum Kirim", "Pusat Data", "Analis"])
    return Collected(files, roster, kept, garbage, duplicate, tampered)
