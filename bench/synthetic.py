"""Synthetic standards of any size, valid for the strict loader.

Each competency is in the ``teknis`` group and has the shape of a real one: a definition, five
levels of three indicators (text and example), a learning catalogue with one activity per level
and 70:20:10 category, and a target in each of four positions. Text lengths follow the real
files (definition ≈ 330 characters, indicator ≈ 120, example ≈ 200) and the words vary with the
number, so the search index grows as a real dictionary's would.

``python -m bench.synthetic 3000 DIR`` writes one for a look or a manual build.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from bench.common import ROOT

WORDS = [
    "analisis",
    "anggaran",
    "arsip",
    "audit",
    "basis",
    "data",
    "dokumen",
    "evaluasi",
    "fasilitasi",
    "geospasial",
    "hukum",
    "inventaris",
    "jaringan",
    "kearsipan",
    "keuangan",
    "kepegawaian",
    "konsultasi",
    "laporan",
    "layanan",
    "logistik",
    "mutu",
    "naskah",
    "operasional",
    "pengadaan",
    "pengawasan",
    "perencanaan",
    "perizinan",
    "program",
    "protokol",
    "regulasi",
    "risiko",
    "sertifikasi",
    "sistem",
    "statistik",
    "survei",
    "tata",
    "kelola",
    "teknologi",
    "verifikasi",
]
LEVEL_VERBS = ("memahami", "menerapkan", "mengembangkan", "mengintegrasikan", "merumuskan")
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FORMS_BY_CATEGORY = {"70": "penugasan", "20": "coaching", "10": "pelatihan-klasikal"}
POSITIONS = (
    ("teknis-utama", "Jabatan Fungsional Ahli Utama", "fungsional", 5),
    ("teknis-madya", "Jabatan Fungsional Ahli Madya", "fungsional", 4),
    ("teknis-muda", "Jabatan Fungsional Ahli Muda", "fungsional", 3),
    ("teknis-pertama", "Jabatan Fungsional Ahli Pertama", "fungsional", 2),
)


def competency_id(number: int) -> str:
    return f"teknis-{number:04d}"


def _topic(number: int, salt: int) -> str:
    """Three words that differ from one competency to the next."""
    n = number * 7 + salt
    return " ".join(WORDS[(n + k * 13) % len(WORDS)] for k in range(3))


def _competency(number: int) -> dict[str, object]:
    cid = competency_id(number)
    topic = _topic(number, 0)
    levels = []
    for level in range(1, 6):
        verb = LEVEL_VERBS[level - 1]
        levels.append(
            {
                "level": level,
                "description": f"{verb.capitalize()} {topic} pada lingkup kerja level {level}.",
                "indicators": [
                    {
                        "id": f"{cid}.{level}.{i}",
                        "text": (
                            f"{verb.capitalize()} {_topic(number, level * 3 + i)} sesuai "
                            f"ketentuan yang berlaku dan kebutuhan unit kerja (butir {number}.{i})."
                        ),
                        "example": (
                            f"Saat menangani {_topic(number, level + i)}, saya {verb} langkah "
                            f"kerja yang tepat, mencatat hasilnya, dan menyampaikannya kepada "
                            f"atasan beserta usulan perbaikan untuk periode berikutnya."
                        ),
                    }
                    for i in range(1, 4)
                ],
            }
        )
    return {
        "id": cid,
        "name": f"Kompetensi Teknis {number:04d} {topic.title()}",
        "group": "teknis",
        "order": number,
        "aliases": [],
        "definition": (
            f"Kemampuan menguasai {topic} untuk mendukung pelaksanaan tugas teknis instansi; "
            f"meliputi pemahaman ketentuan, penerapan prosedur kerja, penyusunan laporan, dan "
            f"pengembangan cara kerja yang lebih baik sesuai kebutuhan pemangku kepentingan "
            f"serta perkembangan kebijakan di bidang {_topic(number, 99)}."
        ),
        "levels": levels,
    }


def _learning(number: int) -> dict[str, object]:
    topic = _topic(number, 0)
    return {
        "competency": competency_id(number),
        "activities": [
            {
                "id": f"{competency_id(number)}-{form}-{level}",
                "level": level,
                "category": category,
                "form": form,
                "jp": 2 + (level + number) % 6,
                "activity": (
                    f"Kerjakan kegiatan pengembangan tentang {topic} pada level {level} "
                    f"bersama atasan, lalu catat hasil dan pelajaran yang diperoleh."
                ),
            }
            for level in range(1, 6)
            for category, form in FORMS_BY_CATEGORY.items()
        ],
    }


def _dump(path: Path, value: object) -> None:
    # libyaml's emitter when present: the pure-Python one needs minutes for 3,000 files.
    text = yaml.dump(value, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


DICTIONARY = "teknis-sintetis"
TARGETS_PER_POSITION = 10
"""Technical competencies each real position lists (the quiz budget's "10 technical")."""


def _dictionary() -> dict[str, object]:
    return {
        "id": DICTIONARY,
        "name": "Kamus Kompetensi Teknis Sintetis",
        "owner": "Data sintetis untuk tolok ukur",
        "levels": 5,
        "illustrative": True,
    }


def _position(number: int, competencies: int) -> dict[str, object]:
    """A real position of the functional kind listing ``TARGETS_PER_POSITION`` technical
    competencies at levels 1 to 5, spread over the dictionary."""
    step = max(1, competencies // TARGETS_PER_POSITION)
    listed = sorted(
        {(number * 7 + k * step) % competencies + 1 for k in range(TARGETS_PER_POSITION)}
    )
    grades = ("ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama")
    return {
        "id": f"jabatan-{number:03d}",
        "name": f"Jabatan Teknis Sintetis {number:03d} {_topic(number, 5).title()}",
        "kind": "fungsional",
        "grade": grades[number % len(grades)],
        "illustrative": True,
        "agency": f"Instansi Sintetis {number % 7 + 1}",
        "summary": f"Jabatan sintetis untuk tolok ukur yang menangani {_topic(number, 11)}.",
        "targets": {competency_id(n): (n + number) % 5 + 1 for n in listed},
        "requirements": {
            "education": ["Paling rendah sarjana (S1) bidang yang relevan"],
            "training": {"technical": [f"Pelatihan {_topic(number, 3)}"]},
            "experience": ["Dua tahun pada bidang yang sama"],
        },
        "sources": ["Data sintetis untuk tolok ukur."],
        "verified": False,
    }


def write_standard(folder: Path, competencies: int, real_positions: int = 0) -> Path:
    """Write a standards folder of ``competencies`` teknis competencies into ``folder``; with
    ``real_positions``, the competencies belong to one technical dictionary and that many real
    positions (``positions/``) each list :data:`TARGETS_PER_POSITION` of them."""
    if competencies < 1 or competencies > 9999:
        raise ValueError("between 1 and 9999 competencies")
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "competencies").mkdir(parents=True)
    (folder / "learning").mkdir()
    # The real framework: levels, groups (teknis included), scale and learning forms.
    shutil.copyfile(ROOT / "standards" / "framework.yaml", folder / "framework.yaml")
    numbers = range(1, competencies + 1)
    positions = [
        {
            "id": pid,
            "name": name,
            "category": category,
            "description": f"Jabatan contoh untuk tolok ukur, target level {level}.",
            "sources": ["Data sintetis untuk tolok ukur."],
            "verified": False,
            "targets": {competency_id(n): level for n in numbers},
        }
        for pid, name, category, level in POSITIONS
    ]
    _dump(folder / "positions.yaml", {"positions": positions})
    for n in numbers:
        competency = _competency(n)
        if real_positions:
            competency["dictionary"] = DICTIONARY
        _dump(folder / "competencies" / f"{competency_id(n)}.yaml", competency)
        _dump(folder / "learning" / f"{competency_id(n)}.yaml", _learning(n))
    if real_positions:
        (folder / "dictionaries").mkdir()
        _dump(folder / "dictionaries" / f"{DICTIONARY}.yaml", _dictionary())
        (folder / "positions").mkdir()
        for number in range(1, real_positions + 1):
            _dump(
                folder / "positions" / f"jabatan-{number:03d}.yaml", _position(number, competencies)
            )
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic")
    parser.add_argument("competencies", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--positions", type=int, default=0, help="real positions to add")
    args = parser.parse_args(argv)
    write_standard(args.folder, args.competencies, args.positions)
    print(f"{args.competencies} competencies written to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
