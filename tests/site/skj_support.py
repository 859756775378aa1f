"""An export in the shape agreed for real positions (issue 17), for the SKJ page tests.

Until the standards hold real positions, :func:`with_example_position` adds one to a loaded
export exactly as ``kompetensi export`` is to write it: the templates gain ``template``, ``kind``
and ``grade``; the real position has its own summary, requirements and technical targets.
"""

from __future__ import annotations

import copy
from typing import Any

EXAMPLE_ID = "analis-sdm-aparatur-ahli-muda-contoh"
EXAMPLE_NAME = "Analis Sumber Daya Manusia Aparatur Ahli Muda"
KINDS = {
    "jpt-madya": ("jpt", "madya"),
    "jpt-pratama": ("jpt", "pratama"),
    "administrator": ("administrator", None),
    "pengawas": ("pengawas", None),
    "pelaksana": ("pelaksana", None),
}


def _requirements(
    education: list[str], training: dict[str, list[str]], experience: list[str]
) -> dict[str, Any]:
    by_type = {key: training.get(key, []) for key in ("managerial", "technical", "functional")}
    return {
        "education": education,
        "training": [item for items in by_type.values() for item in items],
        "experience": experience,
        "training_by_type": by_type,
    }


def with_example_position(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``data`` whose templates have the new keys, plus one illustrative functional
    position that extends ``jf-ahli-muda`` and requires every technical competency at level 3."""
    data = copy.deepcopy(data)
    technical = [c for c in data["competencies"] if c["group"] == "teknis"]
    # The real standards now hold an example of the same id: this fixture's own stands in for it,
    # so the page tests keep their known texts; templates that have their kind keep it.
    data["positions"] = [p for p in data["positions"] if p["id"] != EXAMPLE_ID]
    for p in data["positions"]:
        if "template" in p:
            continue
        kind, grade = KINDS.get(
            p["id"], ("fungsional", p["id"].removeprefix("jf-").replace("-", "_"))
        )
        p.update(
            template=True,
            kind=kind,
            grade=grade,
            extends=None,
            illustrative=False,
            agency=None,
            unit=None,
            summary=p["description"],
            requirements=_requirements([], {}, []),
            dictionaries=[],
        )
    targets: dict[str, int | None] = {
        c["id"]: 3 for c in data["competencies"] if c["group"] != "teknis"
    }
    targets.update({c["id"]: 3 for c in technical})
    dictionaries = list(dict.fromkeys(c["dictionary"] for c in technical))
    data["positions"].append(
        {
            "id": EXAMPLE_ID,
            "name": EXAMPLE_NAME,
            "category": "fungsional",
            "description": "Contoh jabatan analis SDM aparatur jenjang ahli muda.",
            "sources": ["Disusun tim Kompetensi ASN sebagai contoh format."],
            "verified": False,
            "basis": {
                "status": "unverified",
                "label": "contoh ilustratif",
                "text": "Jabatan ini contoh ilustratif, bukan standar kompetensi jabatan resmi. "
                "Sumbernya: Disusun tim Kompetensi ASN sebagai contoh format.",
            },
            "targets": targets,
            "template": False,
            "kind": "fungsional",
            "grade": "ahli_muda",
            "extends": "jf-ahli-muda",
            "illustrative": True,
            "agency": "Badan Contoh Kepegawaian",
            "unit": "Direktorat Perencanaan Pegawai",
            "summary": "Menganalisis kebutuhan, kinerja, dan pengembangan pegawai di unitnya.",
            "requirements": _requirements(
                ["S-1 Psikologi, Manajemen SDM, atau Administrasi Publik"],
                {
                    "managerial": ["Pelatihan dasar CPNS"],
                    "technical": ["Pelatihan analisis jabatan", "Pelatihan manajemen kinerja"],
                    "functional": ["Pelatihan fungsional analis SDM aparatur jenjang ahli muda"],
                },
                ["Dua tahun mengelola data atau perencanaan pegawai"],
            ),
            "dictionaries": dictionaries,
        }
    )
    return data
